import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { publicCredentials } from '../../api/endpoints';
import { LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { AwardCard, ChecksCard, jsonDownloadHref, VerdictAlert } from '../../components/Verification';

/**
 * The page a credential's id URL opens: what was awarded, to whom, by whom,
 * and every verification check in words — for an employer, not a cryptographer.
 */
export function CredentialPage() {
  const { t } = useTranslation();
  const { credentialId = '' } = useParams();
  const { data, error, loading, reload } = useAsync(() => publicCredentials.get(credentialId), [credentialId]);

  if (loading) return <Loading />;
  if (error || !data) return <Page title={t('credential.title')}><LoadError error={error} onRetry={reload} /></Page>;

  const c = data.credential;
  return (
    <Page title={data.achievement.name}>
      <VerdictAlert verification={data.verification} issuerName={data.issuer.name} state={data.state} />
      <AwardCard
        award={{
          description: data.achievement.description,
          recipientName: data.recipientName,
          issuer: data.issuer,
          issuedAt: typeof c.validFrom === 'string' ? c.validFrom : undefined,
          validUntil: typeof c.validUntil === 'string' ? c.validUntil : undefined,
          skills: data.achievement.skills,
        }}
      />
      <ChecksCard checks={data.verification.checks} credentialId={typeof c.id === 'string' ? c.id : undefined} />
      <Anchor href={jsonDownloadHref(c)} download={`credential-${credentialId}.json`}>{t('credential.download')}</Anchor>
    </Page>
  );
}
