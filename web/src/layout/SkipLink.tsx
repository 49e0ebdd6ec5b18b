import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

/** First focusable element of every page: jumps past the header and navigation (WCAG 2.4.1). */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href={`#${MAIN_ID}`}
      className="skip-link"
      onClick={(e) => {
        // Move focus ourselves: a hash change alone does not move keyboard focus in every browser.
        e.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      {t('app.skipToContent')}
    </a>
  );
}
