import { AppShell, Burger, Button, Container, Group, NavLink, Stack, Text, em } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router-dom';
import { useMe, useSession } from '../session/SessionContext';
import { Brand } from './Brand';
import { homesOf, type Home } from './homes';
import { MAIN_ID, SkipLink } from './SkipLink';

// Mantine's `sm` breakpoint (48em): below it the navigation becomes a burger menu.
const MOBILE_QUERY = `(max-width: ${em(767.98)})`;

/** The signed-in frame: header, navigation to each of the user's homes, and main content. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navId = useId();
  const burger = useRef<HTMLButtonElement>(null);
  const [opened, { toggle, close }] = useDisclosure(false);
  // Read synchronously so the hidden mobile menu is inert from the first render.
  const isMobile = useMediaQuery(MOBILE_QUERY, false, { getInitialValueInEffect: false });

  // Following a link closes the mobile menu.
  useEffect(() => close(), [location.pathname, close]);

  const currentPath = location.pathname;
  const isActive = (h: Home) => currentPath === h.path || currentPath.startsWith(`${h.path}/`);

  return (
    <>
      <SkipLink />
      <AppShell header={{ height: 60 }} navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                ref={burger}
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t(opened ? 'shell.closeNav' : 'shell.openNav')}
                aria-expanded={opened}
                aria-controls={navId}
              />
              <Brand />
            </Group>
            <Group visibleFrom="sm" gap="md" wrap="nowrap">
              <Text fw={600} className="wrap-anywhere">
                {t('shell.signedInAs', { name: me.user.name })}
              </Text>
              <SignOutButton />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id={navId}
          p="md"
          aria-label={t('shell.navLabel')}
          // Off-screen but still in the DOM on phones: keep it out of the tab order and the accessibility tree.
          inert={isMobile && !opened}
          onKeyDown={(e) => {
            // Escape closes the phone menu and returns focus to its button (the menu turns inert).
            if (e.key !== 'Escape' || !isMobile || !opened) return;
            close();
            burger.current?.focus();
          }}
        >
          <AppShell.Section grow>
            <Text size="sm" fw={700} c="dimmed" mb="xs">
              {t('shell.navHeading')}
            </Text>
            {homesOf(me).map((h) => (
              <NavLink
                key={h.path}
                component={RouterNavLink}
                to={h.path}
                active={isActive(h)}
                label={h.kind === 'learner' ? t('shell.learnerHome') : h.orgName}
                description={
                  h.kind === 'learner' ? undefined : t('shell.orgDescription', { kind: t(`kinds.${h.kind}`), role: t(`roles.${h.role!}`) })
                }
                className="wrap-anywhere"
              />
            ))}
          </AppShell.Section>
          <AppShell.Section hiddenFrom="sm" pt="md">
            <Stack gap="xs">
              <Text fw={600} className="wrap-anywhere">
                {t('shell.signedInAs', { name: me.user.name })}
              </Text>
              <SignOutButton />
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Container size="lg" px={0}>
            <Outlet />
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/** Signing out drops the session; the route guard then shows sign-in. */
function SignOutButton() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      loading={busy}
      onClick={() => {
        setBusy(true);
        // Even if the server call fails, the local session is dropped (see SessionContext.signOut).
        signOut().catch(() => undefined);
      }}
    >
      {t('shell.signOut')}
    </Button>
  );
}
