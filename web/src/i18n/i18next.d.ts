import 'i18next';
import type en from './en.json';

// Makes t('some.key') a compile error when the key is not in the catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
