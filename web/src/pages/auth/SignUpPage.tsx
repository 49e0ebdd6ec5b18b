import { Anchor, Button, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { auth } from '../../api/endpoints';
import type { AccountType } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { PasswordField } from '../../components/PasswordField';
import { looksLikeEmail, useForm } from '../../components/useForm';
import { safeNext } from '../../layout/guards';
import { defaultHome } from '../../layout/homes';
import { useSession } from '../../session/SessionContext';

/** The server's rule (src/identity); checked here too so the user learns it before submitting. */
export const MIN_PASSWORD_LENGTH = 12;

const ACCOUNT_TYPES = [
  { value: 'learner', label: 'signUp.accountLearner', hint: 'signUp.accountLearnerHint' },
  { value: 'provider', label: 'signUp.accountProvider', hint: 'signUp.accountProviderHint' },
  { value: 'employer', label: 'signUp.accountEmployer', hint: 'signUp.accountEmployerHint' },
] as const;

export function SignUpPage() {
  const { t } = useTranslation();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [account, setAccount] = useState<AccountType>('learner');
  const [organisationName, setOrganisationName] = useState('');
  const { formRef, busy, formError, fieldErrors, submit } = useForm();
  const isOrg = account !== 'learner';

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({
        name: !name.trim() ? t('validation.required') : undefined,
        email: !email.trim() ? t('validation.required') : !looksLikeEmail(email) ? t('validation.email') : undefined,
        password: password.length < MIN_PASSWORD_LENGTH ? t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH }) : undefined,
        organisationName: isOrg && !organisationName.trim() ? t('validation.required') : undefined,
      }),
      async () => {
        const me = await auth.signUp({
          name: name.trim(),
          email: email.trim(),
          password,
          account,
          ...(isOrg ? { organisationName: organisationName.trim() } : {}),
        });
        setMe(me);
        navigate(safeNext(params.get('next')) ?? defaultHome(me) ?? '/no-home', { replace: true });
      },
      { email_taken: { field: 'email' } },
    );
  };

  const next = params.get('next');
  const signInLink = next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';

  return (
    <Page title={t('signUp.title')} heading={t('signUp.heading')}>
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack>
            <ErrorAlert message={formError} />
            <TextInput
              label={t('fields.name')}
              name="name"
              autoComplete="name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldErrors.name}
            />
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
              description={t('signUp.passwordHint', { count: MIN_PASSWORD_LENGTH })}
              name="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldErrors.password}
            />
            <Radio.Group
              label={t('signUp.accountType')}
              description={t('signUp.accountTypeHint')}
              name="account"
              value={account}
              onChange={(v) => setAccount(v as AccountType)}
              error={fieldErrors.account}
            >
              <Stack gap="sm" mt="xs">
                {ACCOUNT_TYPES.map((a) => (
                  <Radio key={a.value} value={a.value} label={t(a.label)} description={t(a.hint)} />
                ))}
              </Stack>
            </Radio.Group>
            {isOrg && (
              <TextInput
                label={t('fields.organisationName')}
                description={t('signUp.organisationHint')}
                name="organisationName"
                autoComplete="organization"
                required
                value={organisationName}
                onChange={(e) => setOrganisationName(e.currentTarget.value)}
                error={fieldErrors.organisationName}
              />
            )}
            <Button type="submit" loading={busy} fullWidth>
              {t('signUp.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text>
        <Trans i18nKey="signUp.haveAccount" components={{ anchor: <Anchor component={Link} to={signInLink} fw={600} /> }} />
      </Text>
    </Page>
  );
}
