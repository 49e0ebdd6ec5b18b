import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The product name in the header; leads to the user's home (or sign-in). */
export function Brand() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/" fw={800} fz="xl" c="indigo.9" underline="never" aria-label={t('app.home')}>
      {t('app.name')}
    </Anchor>
  );
}
