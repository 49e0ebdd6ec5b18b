import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { learner } from '../../api/endpoints';
import { ErrorAlert, StatusMessage } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/Page';
import { useForm } from '../../components/useForm';
import { useMe, useSession } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { LANGUAGES } from './languages';

export function LearnerHomePage() {
  const me = useMe();
  if (!me.learner) return <ForbiddenPage />;
  return <LearnerHome />;
}

function LearnerHome() {
  const { t } = useTranslation();
  const { user } = useMe();
  return (
    <Page title={t('learner.title')} heading={t('learner.welcome', { name: user.name })}>
      <Text maw="65ch">{t('learner.intro')}</Text>
      <Group gap="lg">
        <Anchor component={Link} to="/learner/wallet">
          {t('learner.walletLink')}
        </Anchor>
        <Anchor component={Link} to="/learner/skills">
          {t('learner.skillsLink')}
        </Anchor>
        <Anchor component={Link} to="/learner/pathway">
          {t('learner.pathwayLink')}
        </Anchor>
        <Anchor component={Link} to="/learner/programmes">
          {t('programmes.learner.title')}
        </Anchor>
        <Anchor component={Link} to="/learner/transcript">
          {t('programmes.transcript.title')}
        </Anchor>
      </Group>
      <ProfileForm />
    </Page>
  );
}

function ProfileForm() {
  const { t, i18n } = useTranslation();
  const { user } = useMe();
  const { updateUser } = useSession();
  const fmt = useFormat();
  const [name, setName] = useState(user.name);
  const [headline, setHeadline] = useState(user.headline ?? '');
  const [locale, setLocale] = useState(user.locale ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();

  // Sorted by their displayed name; a tag we don't list (set elsewhere) is kept selectable.
  const languageOptions = useMemo(() => {
    const tags = LANGUAGES.includes(locale) || !locale ? LANGUAGES : [...LANGUAGES, locale];
    const options = tags.map((tag) => ({ value: tag, label: fmt.language(tag) }));
    options.sort((a, b) => a.label.localeCompare(b.label, i18n.language));
    return [{ value: '', label: t('common.notSet') }, ...options];
  }, [locale, fmt, i18n.language, t]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    void submit(
      () => ({ name: !name.trim() ? t('validation.required') : undefined }),
      async () => {
        const updated = await learner.updateProfile({ name: name.trim(), headline: headline.trim() || null, locale: locale || null });
        updateUser(updated);
        setSaved(t('learner.saved'));
      },
    );
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} maw={640} component="section" aria-labelledby="profile-heading">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="profile-heading">
            {t('learner.profileHeading')}
          </Title>
          <ErrorAlert message={formError} />
          <TextInput
            label={t('learner.displayName')}
            name="name"
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrors.name}
          />
          <TextInput
            label={t('learner.headline')}
            description={t('learner.headlineHint')}
            name="headline"
            maxLength={300}
            value={headline}
            onChange={(e) => setHeadline(e.currentTarget.value)}
            error={fieldErrors.headline}
          />
          <NativeSelect
            label={t('learner.language')}
            description={t('learner.languageHint')}
            name="locale"
            data={languageOptions}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value)}
            error={fieldErrors.locale}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
          <StatusMessage message={saved} />
        </Stack>
      </form>
    </Paper>
  );
}
