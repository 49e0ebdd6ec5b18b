import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type Achievement, type AchievementStatus, achievements } from '../../api/issuing';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { orgAccess } from '../org/access';
import { AchievementEditor } from './AchievementEditor';

const STATUS_COLOR: Record<AchievementStatus, string> = { draft: 'gray', published: 'green', archived: 'red' };

/** /provider/:orgId/achievements: the provider's micro-credentials, defined and revised version by version. */
export function ProviderAchievementsPage() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const access = orgAccess(me, 'provider', orgId);
  if (!access.ok) return access.reason === 'forbidden' ? <ForbiddenPage /> : <NotFoundPage />;
  return <AchievementsLoaded key={orgId} orgId={orgId} canEdit={access.access.role !== null} />;
}

function AchievementsLoaded({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const list = useAsync(() => achievements.list(orgId), [orgId]);
  const [status, setStatus] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const replace = (a: Achievement) => list.setData((d) => d && { items: [a, ...d.items.filter((x) => x.id !== a.id)] });

  return (
    <Page title={t('achievements.title')}>
      <Text maw="65ch">{t('achievements.intro')}</Text>
      <Group>
        <Anchor component={Link} to={`/provider/${orgId}/credentials`}>
          {t('issuing.title')}
        </Anchor>
      </Group>
      <StatusMessage message={status} />
      {canEdit && !creating && (
        <Group>
          <Button onClick={() => setCreating(true)}>{t('achievements.new')}</Button>
        </Group>
      )}
      {creating && (
        <AchievementEditor
          orgId={orgId}
          onCancel={() => setCreating(false)}
          onSaved={(a) => {
            replace(a);
            setCreating(false);
            setStatus(t(a.status === 'published' ? 'achievements.createdPublished' : 'achievements.created', { name: a.definition.name }));
          }}
        />
      )}
      {list.loading && <Loading />}
      {!list.loading && list.error != null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Text>{t('achievements.empty')}</Text>}
      {list.data?.items.map((a) => <AchievementCard key={a.id} orgId={orgId} achievement={a} canEdit={canEdit} onChange={replace} onStatus={setStatus} />)}
    </Page>
  );
}

function AchievementCard({ orgId, achievement: a, canEdit, onChange, onStatus }: { orgId: string; achievement: Achievement; canEdit: boolean; onChange: (a: Achievement) => void; onStatus: (s: string) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = a.definition;
  const headingId = `ach-${a.id}`;

  const setAchievementStatus = async (status: AchievementStatus) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await achievements.setStatus(orgId, a.id, status);
      onChange(updated);
      onStatus(t('achievements.statusChanged', { name: d.name, status: t(`achievements.status.${status}`) }));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const workload = [d.workload.ects ? t('achievements.ects', { ects: d.workload.ects }) : null, d.workload.hours ? t('achievements.hours', { hours: d.workload.hours }) : null].filter(Boolean).join(' · ');
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={headingId} className="wrap-anywhere">
            {d.name}
          </Title>
          <Group gap="xs">
            <Badge color={STATUS_COLOR[a.status]} variant="light">
              {t(`achievements.status.${a.status}`)}
            </Badge>
            <Badge color="gray" variant="outline">
              {t('achievements.version', { version: a.version })}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">
          {[d.humanCode, workload, d.eqfLevel ? t('achievements.eqf', { level: d.eqfLevel }) : null, t(`achievements.editor.participationForms.${d.participation}`)].filter(Boolean).join(' · ')}
        </Text>
        <Text size="sm" lineClamp={3}>
          {d.description}
        </Text>
        <Text size="sm">{d.alignments.length ? t('achievements.skills', { skills: d.alignments.map((s) => s.targetName).join(', ') }) : t('achievements.noSkills')}</Text>
        <ErrorAlert message={error} />
        {canEdit && !editing && (
          <Group>
            <Button variant="default" onClick={() => setEditing(true)} aria-label={t('achievements.editNamed', { name: d.name })}>
              {t('achievements.edit')}
            </Button>
            {a.status !== 'published' && (
              <Button variant="light" loading={busy} onClick={() => void setAchievementStatus('published')} aria-label={t('achievements.publishNamed', { name: d.name })}>
                {t('achievements.publish')}
              </Button>
            )}
            {a.status === 'published' && (
              <Button variant="subtle" loading={busy} onClick={() => void setAchievementStatus('draft')} aria-label={t('achievements.unpublishNamed', { name: d.name })}>
                {t('achievements.unpublish')}
              </Button>
            )}
          </Group>
        )}
        {editing && (
          <AchievementEditor
            orgId={orgId}
            initial={a}
            onCancel={() => setEditing(false)}
            onSaved={(updated) => {
              onChange(updated);
              setEditing(false);
              onStatus(t('achievements.revised', { name: updated.definition.name, version: updated.version }));
            }}
          />
        )}
      </Stack>
    </Card>
  );
}
