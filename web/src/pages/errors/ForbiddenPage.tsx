import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../components/Page';

/** Shown instead of a page the user may not open (the API would answer 403). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('forbidden.title')} heading={t('forbidden.heading')}>
      <Text maw="65ch">{t('forbidden.body')}</Text>
      <div>
        <Button component={Link} to="/">
          {t('forbidden.home')}
        </Button>
      </div>
    </Page>
  );
}
