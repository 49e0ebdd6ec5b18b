import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { Alignment } from '../../api/issuing';
import { imports, learnerSkills, type EvidenceKind, type ImportedCredential, type ProfileSkill } from '../../api/pathways';
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
      {data && <Imports onChange={() => void learnerSkills.profile().then((r) => setData(() => r))} />}
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

/** Credentials from other issuers: imported when they verify and name the learner; their skills then count as verified. */
function Imports({ onChange }: { onChange(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useAsync(() => imports.list(), []);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const readFile = (file: File | undefined) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => setText(String(reader.result));
    if (/\.png$/i.test(file.name) || file.type === 'image/png') reader.readAsDataURL(file);
    else reader.readAsText(file);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    if (!text.trim()) {
      setProblem(t('skills.importEmpty'));
      return;
    }
    setBusy(true);
    try {
      const r = await imports.add(text.trim());
      list.setData((d) => ({ items: [r.imported, ...(d?.items ?? []).filter((x) => x.id !== r.imported.id)] }));
      setDone(t('skills.imported', { name: r.imported.achievementName, count: r.imported.skills.length }));
      setText('');
      onChange();
    } catch (err) {
      // The server says why (did not verify, not about you): show its words.
      setProblem(err instanceof ApiError && err.status === 422 ? `${errorMessage(t, err)} ${err.message}` : errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (i: ImportedCredential) => {
    setProblem(null);
    try {
      await imports.remove(i.id);
      list.setData((d) => d && { items: d.items.filter((x) => x.id !== i.id) });
      onChange();
    } catch (err) {
      setProblem(errorMessage(t, err));
    }
  };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="import-heading">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Title order={2} size="h3" id="import-heading">{t('skills.importHeading')}</Title>
          <Text size="sm" maw="65ch">{t('skills.importIntro')}</Text>
          <Textarea label={t('skills.importLabel')} description={t('skills.importHint')} autosize minRows={4} maxRows={10} value={text} onChange={(e) => setText(e.currentTarget.value)} name="credential" styles={{ input: { fontFamily: 'monospace' } }} />
          <input type="file" aria-label={t('skills.importFile')} accept=".json,.jsonld,.jwt,.txt,.png,.svg,application/json,image/png,image/svg+xml,text/plain" onChange={(e) => readFile(e.currentTarget.files?.[0])} />
          <ErrorAlert message={problem} />
          <StatusMessage message={done} />
          <Group>
            <Button type="submit" loading={busy}>{t('skills.importSubmit')}</Button>
          </Group>
          {list.data && list.data.items.length > 0 && (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('skills.importedList')}>
              {list.data.items.map((i) => (
                <Paper key={i.id} withBorder p="sm" component="li">
                  <Group justify="space-between" wrap="wrap">
                    <div>
                      <Text fw={600} size="sm">{i.achievementName}</Text>
                      <Text size="xs" c="gray.7" style={{ overflowWrap: 'anywhere' }}>{t('skills.importedFrom', { issuer: i.issuerName, date: fmt.date(i.verifiedAt) })}</Text>
                    </div>
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => void remove(i)} aria-label={t('skills.removeImport', { name: i.achievementName })}>{t('skills.remove')}</Button>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
