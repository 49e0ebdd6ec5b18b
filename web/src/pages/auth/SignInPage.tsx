import { Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { auth } from '../../api/endpoints';
import { ErrorAlert } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { PasswordField } from '../../components/PasswordField';
import { looksLikeEmail, useForm } from '../../components/useForm';
import { safeNext } from '../../layout/guards';
import { defaultHome } from '../../layout/homes';
import { useSession } from '../../session/SessionContext';

export function SignInPage() {
  const { t } = useTranslation();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { formRef, busy, formError, fieldErrors, submit } = useForm();

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({
        email: !email.trim() ? t('validation.required') : !looksLikeEmail(email) ? t('validation.email') : undefined,
        password: !password ? t('validation.required') : undefined,
      }),
      async () => {
        const me = await auth.signIn({ email: email.trim(), password });
        setMe(me);
        navigate(safeNext(params.get('next')) ?? defaultHome(me) ?? '/no-home', { replace: true });
      },
    );
  };

  const next = params.get('next');
  const signUpLink = next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up';

  return (
    <Page title={t('signIn.title')} heading={t('signIn.heading')}>
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack>
            <ErrorAlert message={formError} />
            <TextInput
              label={t('fields.email')}
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrors.email}
            />
            <PasswordField
              label={t('fields.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldErrors.password}
            />
            <Button type="submit" loading={busy} fullWidth>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text>
        <Trans i18nKey="signIn.noAccount" components={{ anchor: <Anchor component={Link} to={signUpLink} fw={600} /> }} />
      </Text>
    </Page>
  );
}
