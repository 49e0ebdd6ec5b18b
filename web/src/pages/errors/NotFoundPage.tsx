import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../components/Page';
import { useSession } from '../../session/SessionContext';

/** Unknown addresses, and ids the API does not know. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <Page title={t('notFound.title')} heading={t('notFound.heading')}>
      <Text maw="65ch">{t('notFound.body')}</Text>
      <div>
        <Button component={Link} to={me ? '/' : '/sign-in'}>
          {me ? t('notFound.home') : t('notFound.signIn')}
        </Button>
      </div>
    </Page>
  );
}
