import { Anchor, AppShell, Container, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { Brand } from './Brand';
import { MAIN_ID, SkipLink } from './SkipLink';

/** Frame for signed-out pages (sign-in, sign-up, public credential pages): header with links to the public tools, and main. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <AppShell header={{ height: 60 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Brand />
            <Group gap="sm" wrap="nowrap">
              <Anchor component={Link} to="/verify" size="sm">
                {t('shell.verifyLink')}
              </Anchor>
              <Anchor component={Link} to="/programmes" size="sm">
                {t('shell.programmesLink')}
              </Anchor>
              <Anchor component={Link} to="/log" size="sm">
                {t('shell.logLink')}
              </Anchor>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main id={MAIN_ID} tabIndex={-1} bg="gray.0">
          <Container size={520} px={0} py="lg">
            <Outlet />
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
