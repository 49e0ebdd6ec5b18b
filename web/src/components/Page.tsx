import { Stack, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';

interface PageProps {
  /** The document title (before " · microcred"). */
  title: string;
  /** The visible h1; defaults to the title. */
  heading?: ReactNode;
  children?: ReactNode;
}

/**
 * One routed page: sets <title> and renders the h1. After an in-app navigation
 * the h1 takes focus, so screen-reader users hear where they are (a full page
 * load does not move focus, leaving the skip link first).
 */
export function Page({ title, heading, children }: PageProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const h1 = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · ${t('app.titleSuffix')}`;
  }, [title, t]);

  useEffect(() => {
    // react-router gives the first location of a page load the key "default".
    if (location.key !== 'default') h1.current?.focus();
  }, [location.key]);

  return (
    <Stack gap="lg">
      <Title order={1} ref={h1} tabIndex={-1} className="page-heading">
        {heading ?? title}
      </Title>
      {children}
    </Stack>
  );
}
