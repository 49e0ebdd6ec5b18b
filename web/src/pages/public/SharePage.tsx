import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { shares } from '../../api/endpoints';
import { LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { useFormat } from '../../components/format';
import { AwardCard, ChecksCard, jsonDownloadHref, VerdictAlert } from '../../components/Verification';

/** What a learner's share link shows: the credential verified now, their name as they chose. */
export function SharePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { token = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => shares.open(token), [token]);

  if (loading) return <Loading />;
  if (error instanceof ApiError && error.code === 'share_link_withdrawn') {
    return (
      <Page title={t('share.withdrawnTitle')}>
        <Alert color="gray" variant="light">{t('share.withdrawnBody')}</Alert>
      </Page>
    );
  }
  if (error || !data) return <Page title={t('share.title')}><LoadError error={error} onRetry={reload} /></Page>;

  return (
    <Page title={data.achievement.name}>
      <Text c="gray.7">{t('share.sharedOn', { date: fmt.date(data.sharedAt) })}</Text>
      <VerdictAlert verification={data.verification} issuerName={data.issuer.name} state={data.state} />
      <AwardCard
        award={{
          description: data.achievement.description,
          recipientName: data.recipientName,
          issuer: data.issuer,
          issuedAt: data.issuedAt,
          validUntil: data.validUntil,
          skills: data.achievement.skills,
        }}
      />
      <ChecksCard checks={data.verification.checks} />
      {data.credential ? (
        <Anchor href={jsonDownloadHref(data.credential)} download="credential.json">{t('credential.download')}</Anchor>
      ) : (
        <Text size="sm" c="gray.7">{t('share.noDocument')}</Text>
      )}
    </Page>
  );
}
