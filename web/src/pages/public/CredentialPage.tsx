import { Alert, Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { publicCredentials } from '../../api/endpoints';
import type { VerificationCheck } from '../../api/types';
import { LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { useFormat } from '../../components/format';

const MARK = { true: '✔', false: '✘', null: '?' } as const;

/**
 * The page a credential's id URL opens: what was awarded, to whom, by whom,
 * and every verification check in words — for an employer, not a cryptographer.
 */
export function CredentialPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { credentialId = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => publicCredentials.get(credentialId), [credentialId]);

  if (loading) return <Loading />;
  if (error || !data) return <Page title={t('credential.title')}><LoadError error={error} onRetry={reload} /></Page>;

  const { verification: v, credential: c } = data;
  const checkName = (check: VerificationCheck) => t(`credential.checkNames.${check.id}` as 'credential.checkNames.json', { defaultValue: check.id });
  const outcome = (ok: boolean | null) => (ok === true ? t('credential.checkPassed') : ok === false ? t('credential.checkFailed') : t('credential.checkUnknown'));
  const validUntil = typeof c.validUntil === 'string' ? c.validUntil : undefined;
  const issued = typeof c.validFrom === 'string' ? c.validFrom : undefined;
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(c, null, 2))}`;

  return (
    <Page title={data.achievement.name}>
      <Alert
        color={v.verified ? 'green' : 'red'}
        variant="light"
        title={<Text fw={700} size="lg">{`${v.verified ? MARK.true : MARK.false} ${v.verified ? t('credential.verified') : t('credential.notVerified')}`}</Text>}
        role="status"
      >
        <Text size="sm">{v.verified ? t('credential.verifiedBody', { issuer: data.issuer.name }) : t('credential.notVerifiedBody')}</Text>
        {data.state === 'revoked' && <Text size="sm" fw={700}>{t('credential.revoked')}</Text>}
      </Alert>

      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Text>{data.achievement.description}</Text>
          <dl className="details">
            <dt>{t('credential.awardedTo')}</dt>
            <dd>{data.recipientName}</dd>
            <dt>{t('credential.issuer')}</dt>
            <dd>{data.issuer.country ? `${data.issuer.name} (${fmt.country(data.issuer.country)})` : data.issuer.name}</dd>
            {issued && (
              <>
                <dt>{t('credential.issued')}</dt>
                <dd>{fmt.date(issued)}</dd>
              </>
            )}
            <dt>{t('credential.validUntil')}</dt>
            <dd>{validUntil ? fmt.date(validUntil) : t('credential.noExpiry')}</dd>
          </dl>
          {data.achievement.skills.length > 0 && (
            <>
              <Title order={2} size="h3">{t('credential.skills')}</Title>
              <Group gap="xs">
                {data.achievement.skills.map((s) => (
                  <Badge key={s.targetUrl} variant="light" color="indigo" tt="none">{s.targetName}</Badge>
                ))}
              </Group>
            </>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="sm">{t('credential.checks')}</Title>
        <List spacing="sm" listStyleType="none" aria-label={t('credential.checks')}>
          {v.checks.map((check) => (
            <List.Item key={check.id}>
              <Text fw={700} span>{`${MARK[String(check.ok) as keyof typeof MARK]} ${checkName(check)}: ${outcome(check.ok)}`}</Text>
              <Text size="sm" c="gray.7" style={{ overflowWrap: "anywhere" }}>{check.reason}</Text>
            </List.Item>
          ))}
        </List>
      </Card>

      <Anchor href={download} download={`credential-${credentialId}.json`}>{t('credential.download')}</Anchor>
    </Page>
  );
}
