import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { OrgKind } from '../../api/types';
import { programmes } from '../../api/programmes';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { useFormat } from '../../components/format';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { orgAccess } from './access';

/**
 * /<kind>/:orgId/commitments: what programmes have asked of this
 * organisation. Its own members confirm or decline; nobody does it for them.
 */
export function CommitmentsPage({ kind }: { kind: OrgKind }) {
  const { orgId = '' } = useParams();
  const me = useMe();
  const access = orgAccess(me, kind, orgId);
  if (!access.ok) return access.reason === 'forbidden' ? <ForbiddenPage /> : <NotFoundPage />;
  return <CommitmentsLoaded key={orgId} orgId={orgId} canDecide={access.access.role !== null} />;
}

function CommitmentsLoaded({ orgId, canDecide }: { orgId: string; canDecide: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useAsync(() => programmes.commitmentsAsked(orgId), [orgId]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (id: string, decision: 'confirmed' | 'declined', title: string) => {
    setBusy(id);
    setError(null);
    try {
      const c = await programmes.decide(orgId, id, decision);
      list.setData((d) => d && { items: d.items.map((x) => (x.id === id ? { ...x, ...c } : x)) });
      setStatus(t(decision === 'confirmed' ? 'programmes.partner.confirmedMsg' : 'programmes.partner.declinedMsg', { title }));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  const pending = list.data?.items.filter((c) => c.status === 'requested') ?? [];
  const decided = list.data?.items.filter((c) => c.status !== 'requested') ?? [];
  return (
    <Page title={t('programmes.partner.title')}>
      <Text maw="65ch">{t('programmes.partner.intro')}</Text>
      <StatusMessage message={status} />
      <ErrorAlert message={error} />
      {list.loading && <Loading />}
      {!list.loading && list.error != null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <Title order={2} size="h3">
            {t('programmes.partner.pending')}
          </Title>
          {pending.length === 0 && <Text>{t('programmes.partner.nonePending')}</Text>}
          {[...pending, ...decided].map((c, i) => (
            <div key={c.id}>
              {i === pending.length && (
                <Title order={2} size="h3" mb="sm">
                  {t('programmes.partner.decided')}
                </Title>
              )}
              <Card withBorder component="article" aria-labelledby={`c-${c.id}`}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="wrap">
                    <Title order={3} size="h4" id={`c-${c.id}`} className="wrap-anywhere">
                      {t('programmes.partner.requestFor', { kind: t(`programmes.kinds.${c.kind}`), title: c.programmeTitle })}
                    </Title>
                    <Badge color={c.status === 'confirmed' ? 'green' : c.status === 'requested' ? 'yellow' : 'gray'} variant="light">
                      {t(`programmes.commitmentStatus.${c.status}`)}
                    </Badge>
                  </Group>
                  <Text>{c.description}</Text>
                  {c.kind === 'credit_recognition' && c.degree && <Text>{t('programmes.creditToward', { ects: c.ects, degree: c.degree })}</Text>}
                  <Text size="sm">{t('programmes.partner.askedOn', { date: fmt.date(c.createdAt) })}</Text>
                  {canDecide && c.status === 'requested' && (
                    <Group>
                      <Button onClick={() => void decide(c.id, 'confirmed', c.programmeTitle)} loading={busy === c.id}>
                        {t('programmes.partner.confirm')}
                      </Button>
                      <Button variant="default" onClick={() => void decide(c.id, 'declined', c.programmeTitle)} disabled={busy === c.id}>
                        {t('programmes.partner.decline')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Card>
            </div>
          ))}
        </>
      )}
    </Page>
  );
}
