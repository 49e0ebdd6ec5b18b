import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Alignment } from '../../api/issuing';
import { learnerSkills, type EvidenceKind, type ProfileSkill } from '../../api/pathways';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/Page';
import { SkillPicker } from '../../components/SkillPicker';
import { useAsync } from '../../components/useAsync';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';

const KIND_COLOR: Record<EvidenceKind, string> = { credential: 'green', assessment: 'teal', cv: 'blue', self: 'gray' };

export function SkillsPage() {
  const me = useMe();
  if (!me.learner) return <ForbiddenPage />;
  return <Skills />;
}

/** The learner's skills profile: verified skills (read-only), claims they can edit, and seeding from a CV. */
function Skills() {
  const { t } = useTranslation();
  const { data, error, loading, reload, setData } = useAsync(() => learnerSkills.profile(), []);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [level, setLevel] = useState('');

  const act = async (run: () => Promise<{ items: ProfileSkill[] }>, done: string) => {
    setProblem(null);
    setStatus(null);
    try {
      const r = await run();
      setData(() => ({ items: r.items }));
      setStatus(done);
    } catch (e) {
      setProblem(errorMessage(t, e));
    }
  };

  const claimed: Alignment[] = (data?.items ?? []).filter((s) => s.evidence.some((e) => e.kind === 'self')).map((s) => ({ targetName: s.label, targetUrl: s.uri }));
  const onPick = (next: Alignment[]) => {
    const had = new Set(claimed.map((a) => a.targetUrl));
    const added = next.find((a) => !had.has(a.targetUrl));
    const removed = claimed.find((a) => !next.some((n) => n.targetUrl === a.targetUrl));
    if (added) void act(() => learnerSkills.declare(added.targetUrl, level ? Number(level) : null), t('skills.declared', { skill: added.targetName }));
    else if (removed) void act(async () => (await learnerSkills.remove(removed.targetUrl), learnerSkills.profile()), t('skills.removed', { skill: removed.targetName }));
  };

  return (
    <Page title={t('skills.title')}>
      <Text maw="65ch">{t('skills.intro')}</Text>
      <Group gap="lg">
        <Anchor component={Link} to="/learner/pathway">{t('skills.toPathway')}</Anchor>
        <Anchor component={Link} to="/learner/wallet">{t('learner.walletLink')}</Anchor>
      </Group>
      {loading && <Loading />}
      {!loading && (error || !data) && <LoadError error={error} onRetry={reload} />}
      <ErrorAlert message={problem} />
      <StatusMessage message={status} />
      {data && <ProfileTable items={data.items} onRemove={(s) => void act(async () => (await learnerSkills.remove(s.uri), learnerSkills.profile()), t('skills.removed', { skill: s.label }))} />}
      {data && (
        <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="declare-heading">
          <Stack>
            <Title order={2} size="h3" id="declare-heading">{t('skills.declareHeading')}</Title>
            <NativeSelect
              label={t('skills.level')}
              description={t('skills.levelHint')}
              data={[{ value: '', label: t('skills.levels.none') }, ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`skills.levels.${n}` as 'skills.levels.1') }))]}
              value={level}
              onChange={(e) => setLevel(e.currentTarget.value)}
              maw={320}
            />
            <SkillPicker value={claimed} onChange={onPick} legend={t('skills.pickerLegend')} />
          </Stack>
        </Paper>
      )}
      {data && <CvForm onDone={(items, added) => { setData(() => ({ items })); setStatus(t('skills.cvAdded', { count: added })); }} />}
    </Page>
  );
}

function ProfileTable({ items, onRemove }: { items: ProfileSkill[]; onRemove(s: ProfileSkill): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (items.length === 0) return <Text>{t('skills.empty')}</Text>;
  const evidenceText = (s: ProfileSkill) => {
    const e = s.evidence[0]!;
    if (e.kind === 'credential') return t('skills.fromCredential', { achievement: e.achievementName ?? '', issuer: e.issuerName ?? '' });
    if (e.kind === 'cv') return e.snippet ? t('skills.fromCvSnippet', { snippet: e.snippet }) : t('skills.kinds.cv');
    return t('skills.kinds.self');
  };
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" aria-label={t('skills.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('skills.skill')}</Table.Th>
            <Table.Th>{t('skills.evidence')}</Table.Th>
            <Table.Th>{t('skills.level')}</Table.Th>
            <Table.Th>{t('skills.since')}</Table.Th>
            <Table.Th>{t('wallet.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.uri}>
              <Table.Td>
                <Text size="sm" fw={600}>{s.label}</Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Badge variant="light" color={KIND_COLOR[s.kind]} tt="none">{t(`skills.kinds.${s.kind}`)}</Badge>
                  <Text size="xs" c="gray.7" style={{ overflowWrap: 'anywhere' }}>{evidenceText(s)}</Text>
                </Stack>
              </Table.Td>
              <Table.Td>{s.level ? t(`skills.levels.${s.level}` as 'skills.levels.1') : '—'}</Table.Td>
              <Table.Td>{fmt.date(s.lastEvidenceAt)}</Table.Td>
              <Table.Td>
                {s.editable && !s.verified ? (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRemove(s)} aria-label={t('skills.removeSkill', { skill: s.label })}>
                    {t('skills.remove')}
                  </Button>
                ) : s.editable ? (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRemove(s)} aria-label={t('skills.removeClaim', { skill: s.label })}>
                    {t('skills.removeClaimShort')}
                  </Button>
                ) : (
                  <Text size="xs" c="gray.7">{t('skills.verifiedFixed')}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CvForm({ onDone }: { onDone(items: ProfileSkill[], added: number): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (text.trim().length < 20) {
      setProblem(t('skills.cvTooShort'));
      return;
    }
    setBusy(true);
    try {
      const r = await learnerSkills.fromCv(text);
      onDone(r.items, r.added.length);
    } catch (err) {
      setProblem(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="cv-heading">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Title order={2} size="h3" id="cv-heading">{t('skills.cvHeading')}</Title>
          <Textarea label={t('skills.cvLabel')} description={t('skills.cvHint')} autosize minRows={5} maxRows={14} value={text} onChange={(e) => setText(e.currentTarget.value)} name="cv" />
          <ErrorAlert message={problem} />
          <Group>
            <Button type="submit" loading={busy}>{t('skills.cvSubmit')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
