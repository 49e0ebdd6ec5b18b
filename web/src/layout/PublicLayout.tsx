import { AppShell, Container, Group } from '@mantine/core';
import { Outlet } from 'react-router-dom';
import { Brand } from './Brand';
import { MAIN_ID, SkipLink } from './SkipLink';

/** Frame for signed-out pages (sign-in, sign-up, not found): header and main, no navigation. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <AppShell header={{ height: 60 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md">
            <Brand />
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
