import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const safely = (f: () => string | undefined, fallback: string) => {
  try {
    return f() ?? fallback;
  } catch {
    return fallback; // not a valid code for Intl
  }
};

/** Locale-aware formatters for the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => {
    const dateFmt = new Intl.DateTimeFormat(lng, { dateStyle: 'medium' });
    const regions = new Intl.DisplayNames([lng], { type: 'region', fallback: 'code' });
    const languages = new Intl.DisplayNames([lng], { type: 'language', fallback: 'code' });
    const lists = new Intl.ListFormat(lng, { style: 'narrow', type: 'unit' });
    return {
      date: (iso: string) => dateFmt.format(new Date(iso)),
      country: (code: string) => safely(() => regions.of(code), code),
      language: (tag: string) => safely(() => languages.of(tag), tag),
      list: (items: string[]) => lists.format(items),
    };
  }, [lng]);
}
