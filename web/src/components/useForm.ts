import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage, fieldErrorsOf } from '../i18n/errors';

type Errors = Record<string, string | undefined>;

/**
 * Submission state of one form: busy flag, a form-level message and
 * per-field messages. After a failed submit, focus moves to the first invalid
 * field so keyboard and screen-reader users land on what needs fixing.
 */
export function useForm() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Errors>({});
  const [failures, setFailures] = useState(0);

  useEffect(() => {
    if (failures === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);

  /**
   * Runs `action` unless `validate` finds problems. `byCode` ties API error
   * codes to a field (e.g. email_taken → email); that field then shows the
   * catalogue's message (translatable) rather than the server's English one.
   */
  async function submit(validate: () => Errors, action: () => Promise<void>, byCode: Record<string, { field: string; message?: string }> = {}) {
    const local = Object.fromEntries(Object.entries(validate()).filter(([, v]) => v));
    if (Object.keys(local).length) {
      setFieldErrors(local);
      setFormError(t('validation.fixErrors'));
      setFailures((n) => n + 1);
      return;
    }
    setBusy(true);
    setFormError(null);
    setFieldErrors({});
    try {
      await action();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      const special = e instanceof ApiError ? byCode[e.code] : undefined;
      const message = special?.message ?? errorMessage(t, e);
      if (special) fields[special.field] = message;
      setFieldErrors(fields);
      setFormError(message);
      setFailures((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const reset = () => {
    setFormError(null);
    setFieldErrors({});
  };

  return { formRef, busy, formError, fieldErrors, submit, reset };
}

/** Basic client-side checks; the server validates again. */
export const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+$/.test(s.trim());
