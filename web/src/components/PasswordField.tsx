import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's password input with a translated, keyboard-reachable "show
 * password" toggle, and aria-invalid on the input (Mantine leaves it off).
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleFocusable
      visibilityToggleButtonProps={{ 'aria-label': t('fields.showPassword') }}
      aria-invalid={props.error ? true : undefined}
      {...props}
    />
  );
}
