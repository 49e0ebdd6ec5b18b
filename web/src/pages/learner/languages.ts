/**
 * Languages offered as a learner's preferred language (BCP 47 tags). Their
 * names are not in the catalogue: Intl.DisplayNames gives them in the UI language.
 */
export const LANGUAGES = [
  'ar', 'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hi', 'hr', 'hu', 'it', 'ja', 'ko',
  'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'pt-BR', 'ro', 'ru', 'sk', 'sl', 'sv', 'sw', 'tr', 'uk', 'zh',
];
