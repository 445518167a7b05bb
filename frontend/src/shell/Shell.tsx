import { AppShell, Avatar, Box, Burger, Group, NavLink as MantineNavLink, Popover, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../auth/currentUser';
import { session } from '../auth/instance';
import { ROLE_LABELS } from '../auth/roles';
import { FullPageLoader } from '../components/FullPageLoader';
import { notifyProblem, problemOf } from '../lib/problem';
import { navigationFor } from './navigation';
import classes from './Shell.module.css';

export function Shell() {
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const [userMenu, setUserMenu] = useState(false);

  // On a phone the menu covers the page: close it once a link is followed.
  useEffect(close, [location.pathname, close]);

  async function signOut() {
    setSigningOut(true);
    try {
      await session.signOut();
    } catch (error) {
      // The token is forgotten either way; say so if the server could not revoke it.
      notifyProblem({ ...problemOf(error), title: 'Signed out on this device only' });
    } finally {
      setSigningOut(false);
      void navigate('/sign-in', { replace: true });
    }
  }

  const sections = navigationFor(me.role);
  const who = [me.role ? ROLE_LABELS[me.role] : null, me.hub?.name].filter(Boolean).join(', ');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className={classes.skipLink} href="#main">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-controls="primary-navigation"
              aria-expanded={opened}
            />
            <Text fw={700} size="lg" component={NavLink} to="/" className={classes.brand}>
              MasteryHub
            </Text>
          </Group>
          {/* A disclosure, not role="menu": two plain controls need no menu semantics (and Mantine's
              menu puts a focusable role="presentation" element inside role="menu", which axe refuses). Focus
              moves into the panel and back, since the portal puts it at the end of the page. */}
          <Popover position="bottom-end" width={200} withinPortal trapFocus returnFocus opened={userMenu} onChange={setUserMenu} shadow="md">
            <Popover.Target>
              <UnstyledButton
                className={classes.userButton}
                disabled={signingOut}
                aria-expanded={userMenu}
                aria-controls="user-menu"
                onClick={() => setUserMenu((open) => !open)}
              >
                <Group gap="sm" wrap="nowrap">
                  <Box visibleFrom="sm" ta="right">
                    <Text size="sm" fw={500} lh={1.2}>
                      {me.name}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.2}>
                      {who}
                    </Text>
                  </Box>
                  <Avatar name={me.name} color="blue" variant="filled" size="md" aria-hidden />
                  {/* The accessible name keeps the visible name and adds what the panel holds. */}
                  <VisuallyHidden>Your account and sign out</VisuallyHidden>
                </Group>
              </UnstyledButton>
            </Popover.Target>
            <Popover.Dropdown id="user-menu" role="region" aria-label="Your account and sign out" p={4}>
              <Stack gap={2}>
                <MantineNavLink component={NavLink} to="/account" label="Your account" onClick={() => setUserMenu(false)} />
                <MantineNavLink
                  component="button"
                  label="Sign out"
                  onClick={() => {
                    setUserMenu(false);
                    void signOut();
                  }}
                />
              </Stack>
            </Popover.Dropdown>
          </Popover>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="primary-navigation" aria-label="Main">
        <ScrollArea type="never">
          <Box hiddenFrom="sm" px="sm" pb="sm">
            <Text size="sm" fw={500}>
              {me.name}
            </Text>
            <Text size="xs" c="dimmed">
              {who}
            </Text>
          </Box>
          <Stack gap="md" component="div">
            {sections.map((section) => (
              <Box key={section.label ?? 'main'} component="section" aria-labelledby={section.label ? `nav-${section.label}` : undefined}>
                {section.label ? (
                  <Text id={`nav-${section.label}`} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pb={4}>
                    {section.label}
                  </Text>
                ) : (
                  <VisuallyHidden component="h2">Navigation</VisuallyHidden>
                )}
                <Box component="ul" className={classes.navList}>
                  {section.items.map((item) => (
                    <li key={item.to}>
                      <MantineNavLink
                        component={NavLink}
                        to={item.to}
                        end={item.to === '/'}
                        label={item.label}
                        active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
                      />
                    </li>
                  ))}
                </Box>
              </Box>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Suspense fallback={<FullPageLoader label="Loading…" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
