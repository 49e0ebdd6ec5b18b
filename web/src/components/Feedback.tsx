import { Alert, Button, Center, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/errors';

/**
 * An error message in a live region that is always in the DOM, so assistive
 * technology announces the message when it appears.
 */
export function ErrorAlert({ message, title }: { message: string | null; title?: string }) {
  return (
    <div role="alert" className="live-region">
      {message && (
        // The wrapper is the live region; the Alert itself is only its look.
        <Alert color="red" variant="light" role="presentation" title={title}>
          {message}
        </Alert>
      )}
    </div>
  );
}

/** A polite confirmation ("Saved."), also in an always-present live region. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="live-region">
      {message && (
        <Alert color="teal" variant="light" role="presentation">
          {message}
        </Alert>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status">
      <Loader aria-hidden />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </Center>
  );
}

/** A section that failed to load, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('loadFailed.heading')}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {onRetry && (
          <Button variant="default" size="xs" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
