import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

/** The message catalogues; every string the UI shows comes from here. */
export const resources = { en: { translation: en } } as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  // Catalogues are bundled, so initialise synchronously: the first render already has its strings.
  initAsync: false,
  // React escapes output itself.
  interpolation: { escapeValue: false },
  // One namespace; ":" appears in keys such as scopes.org:read.
  nsSeparator: false,
});

// Keep <html lang> in step so screen readers pronounce the page in the right language.
const syncLang = (lng: string) => {
  document.documentElement.lang = lng;
  document.documentElement.dir = i18n.dir(lng);
};
syncLang(i18n.language);
i18n.on('languageChanged', syncLang);

export default i18n;
