import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';

/** For an account with no learner profile and no memberships (e.g. removed from its only organisation). */
export function NoHomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('noHome.title')}>
      <Text maw="65ch">{t('noHome.body')}</Text>
    </Page>
  );
}
