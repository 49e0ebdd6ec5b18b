import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import en from './en.json';

type ErrorKey = keyof typeof en.errors;
const isErrorKey = (code: string): code is ErrorKey => Object.hasOwn(en.errors, code);

/** What to tell the user about a failure: the catalogue entry for its stable code, else the problem's title. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (isErrorKey(error.code)) return t(`errors.${error.code}`);
    return error.title ?? t('errors.unknown');
  }
  return t('errors.unknown');
}

/** Field-level problems keyed by field name: `body.email` → `email`. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const { path, message } of error.fieldErrors) {
    const field = path.replace(/^body\.?/, '').split('.')[0] || '_form';
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  }
  return out;
}
