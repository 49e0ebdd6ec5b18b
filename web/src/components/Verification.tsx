import { Alert, Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Verification, VerificationCheck } from '../api/types';
import { useFormat } from './format';

const MARK = { true: '✔', false: '✘', null: '?' } as const;
type CredentialState = 'active' | 'suspended' | 'revoked';

/** The verdict in one line an employer can act on, and why. */
export function VerdictAlert({ verification, issuerName, state }: { verification: Verification; issuerName?: string; state?: CredentialState }) {
  const { t } = useTranslation();
  const v = verification;
  return (
    <Alert
      color={v.verified ? 'green' : 'red'}
      variant="light"
      title={<Text fw={700} size="lg">{`${v.verified ? MARK.true : MARK.false} ${v.verified ? t('credential.verified') : t('credential.notVerified')}`}</Text>}
      role="status"
    >
      <Text size="sm">
        {v.verified ? (issuerName ? t('credential.verifiedBody', { issuer: issuerName }) : t('credential.verifiedAnyBody')) : t('credential.notVerifiedBody')}
      </Text>
      {state === 'revoked' && <Text size="sm" fw={700}>{t('credential.revoked')}</Text>}
      {state === 'suspended' && <Text size="sm" fw={700}>{t('credential.suspended')}</Text>}
    </Alert>
  );
}

/** Every check with its outcome in words and the verifier's reason. */
export function ChecksCard({ checks, credentialId }: { checks: VerificationCheck[]; credentialId?: string }) {
  const { t } = useTranslation();
  const checkName = (check: VerificationCheck) => t(`credential.checkNames.${check.id}` as 'credential.checkNames.json', { defaultValue: check.id });
  const outcome = (c: VerificationCheck) => (c.skipped ? t('credential.checkSkipped') : c.ok === true ? t('credential.checkPassed') : c.ok === false ? t('credential.checkFailed') : t('credential.checkUnknown'));
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h3" mb="sm">{t('credential.checks')}</Title>
      <List spacing="sm" listStyleType="none" aria-label={t('credential.checks')}>
        {checks.map((check, i) => (
          <List.Item key={`${check.id}-${i}`}>
            <Text fw={700} span>{`${check.skipped ? '–' : MARK[String(check.ok) as keyof typeof MARK]} ${checkName(check)}: ${outcome(check)}`}</Text>
            <Text size="sm" c="gray.7" style={{ overflowWrap: 'anywhere' }}>{check.reason}</Text>
            {check.id === 'log' && !check.skipped && credentialId && (
              <Anchor component={Link} to={`/log?q=${encodeURIComponent(credentialId)}`} size="sm">{t('credential.seeLog')}</Anchor>
            )}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

export interface AwardFacts {
  description: string;
  /** null: the learner chose not to show their name. */
  recipientName: string | null;
  issuer: { name: string; country: string | null };
  issuedAt?: string;
  validUntil?: string | null;
  skills: { targetName: string; targetUrl: string }[];
}

/** What was awarded, to whom, by whom, when, and the skills it certifies. */
export function AwardCard({ award }: { award: AwardFacts }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Text>{award.description}</Text>
        <dl className="details">
          <dt>{t('credential.awardedTo')}</dt>
          <dd>{award.recipientName ?? t('credential.nameHidden')}</dd>
          <dt>{t('credential.issuer')}</dt>
          <dd>{award.issuer.country ? `${award.issuer.name} (${fmt.country(award.issuer.country)})` : award.issuer.name}</dd>
          {award.issuedAt && (
            <>
              <dt>{t('credential.issued')}</dt>
              <dd>{fmt.date(award.issuedAt)}</dd>
            </>
          )}
          <dt>{t('credential.validUntil')}</dt>
          <dd>{award.validUntil ? fmt.date(award.validUntil) : t('credential.noExpiry')}</dd>
        </dl>
        {award.skills.length > 0 && (
          <>
            <Title order={2} size="h3">{t('credential.skills')}</Title>
            <Group gap="xs">
              {award.skills.map((s) => (
                <Badge key={s.targetUrl} variant="light" color="indigo" tt="none">{s.targetName}</Badge>
              ))}
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** A JSON download link for a signed credential. */
export function jsonDownloadHref(credential: unknown): string {
  return `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(credential, null, 2))}`;
}
