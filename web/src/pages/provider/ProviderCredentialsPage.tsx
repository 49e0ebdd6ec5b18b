import { Anchor, Badge, Button, Group, NativeSelect, Paper, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type Achievement, achievements, type CredentialState, credentials, type IssuanceJob, type IssuedCredential, type StatusAction } from '../../api/issuing';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { looksLikeEmail, useForm } from '../../components/useForm';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { orgAccess } from '../org/access';

const STATE_COLOR: Record<CredentialState, string> = { active: 'green', suspended: 'orange', revoked: 'red' };
const POLL_MS = 500;
/** Issued credentials are listed a page at a time, newest first. */
const PAGE = 50;

/** /provider/:orgId/credentials: issue one credential, issue many from a CSV, and manage what was issued. */
export function ProviderCredentialsPage() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const access = orgAccess(me, 'provider', orgId);
  if (!access.ok) return access.reason === 'forbidden' ? <ForbiddenPage /> : <NotFoundPage />;
  return <CredentialsLoaded key={orgId} orgId={orgId} canIssue={access.access.role !== null} />;
}

function CredentialsLoaded({ orgId, canIssue }: { orgId: string; canIssue: boolean }) {
  const { t } = useTranslation();
  const defined = useAsync(() => achievements.list(orgId), [orgId]);
  const issued = useAsync(() => credentials.list(orgId, { limit: PAGE }), [orgId]);
  const published = (defined.data?.items ?? []).filter((a) => a.status === 'published');
  const names = new Map((defined.data?.items ?? []).map((a) => [a.id, a.definition.name]));
  const replace = (c: IssuedCredential) => issued.setData((d) => d && { items: [c, ...d.items.filter((x) => x.id !== c.id)].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)) });

  return (
    <Page title={t('issuing.title')}>
      <Text maw="65ch">{t('issuing.intro')}</Text>
      <Group>
        <Anchor component={Link} to={`/provider/${orgId}/achievements`}>
          {t('achievements.title')}
        </Anchor>
      </Group>
      {defined.loading && <Loading />}
      {!defined.loading && defined.error != null && <LoadError error={defined.error} onRetry={defined.reload} />}
      {canIssue && defined.data && published.length === 0 && <Text>{t('issuing.noPublished')}</Text>}
      {canIssue && published.length > 0 && (
        <>
          <IssueOneForm orgId={orgId} achievements={published} onIssued={replace} />
          <BulkUpload orgId={orgId} achievements={published} onDone={issued.reload} />
        </>
      )}
      <IssuedList orgId={orgId} state={issued} names={names} canManage={canIssue} onChange={replace} />
    </Page>
  );
}

function AchievementSelect({ value, onChange, achievements: list, error, name }: { value: string; onChange: (v: string) => void; achievements: Achievement[]; error?: string; name: string }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('issuing.achievement')}
      name={name}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data={[{ value: '', label: t('issuing.chooseAchievement') }, ...list.map((a) => ({ value: a.id, label: `${a.definition.name} (${t('achievements.version', { version: a.version })})` }))]}
    />
  );
}

function IssueOneForm({ orgId, achievements: list, onIssued }: { orgId: string; achievements: Achievement[]; onIssued: (c: IssuedCredential) => void }) {
  const { t } = useTranslation();
  const [achievementId, setAchievementId] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [did, setDid] = useState('');
  const [result, setResult] = useState('');
  const [done, setDone] = useState<IssuedCredential | null>(null);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();
  const chosen = list.find((a) => a.id === achievementId);
  const resultDescription = chosen?.definition.resultDescriptions[0];

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    void submit(
      () => ({
        achievementId: achievementId ? undefined : t('issuing.pickAchievement'),
        name: name.trim() ? undefined : t('validation.required'),
        email: !email.trim() && !did.trim() ? t('issuing.emailOrDid') : email.trim() && !looksLikeEmail(email) ? t('validation.email') : undefined,
        did: did.trim() && !did.trim().startsWith('did:') ? t('issuing.didFormat') : undefined,
      }),
      async () => {
        const c = await credentials.issue(orgId, {
          achievementId,
          recipient: { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}), ...(did.trim() ? { did: did.trim() } : {}) },
          ...(result.trim() ? { result: result.trim() } : {}),
        });
        onIssued(c);
        setDone(c);
        setName('');
        setEmail('');
        setDid('');
        setResult('');
      },
    );
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="issue-one-heading">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="issue-one-heading">
            {t('issuing.oneHeading')}
          </Title>
          <ErrorAlert message={formError} />
          <AchievementSelect name="achievementId" value={achievementId} onChange={setAchievementId} achievements={list} error={fieldErrors.achievementId} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('issuing.learnerName')} name="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldErrors.name ?? fieldErrors.recipient} />
            <TextInput label={t('issuing.learnerEmail')} name="email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldErrors.email} />
            <TextInput label={t('issuing.learnerDid')} name="did" description={t('issuing.learnerDidHint')} value={did} onChange={(e) => setDid(e.currentTarget.value)} error={fieldErrors.did} />
            {resultDescription &&
              (resultDescription.allowedValue?.length ? (
                <NativeSelect
                  label={t('issuing.result', { name: resultDescription.name })}
                  name="result"
                  value={result}
                  onChange={(e) => setResult(e.currentTarget.value)}
                  error={fieldErrors.result}
                  data={[{ value: '', label: t('issuing.noResult') }, ...resultDescription.allowedValue.map((v) => ({ value: v, label: v }))]}
                />
              ) : (
                <TextInput label={t('issuing.result', { name: resultDescription.name })} name="result" value={result} onChange={(e) => setResult(e.currentTarget.value)} error={fieldErrors.result} />
              ))}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={busy}>
              {t('issuing.issue')}
            </Button>
          </Group>
          <div role="status" className="live-region">
            {done && (
              <Text size="sm">
                {t('issuing.issued', { name: done.recipientName })}{' '}
                <Anchor href={`/c/${done.id}`} underline="always">
                  {t('issuing.viewCredential')}
                </Anchor>
              </Text>
            )}
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

function BulkUpload({ orgId, achievements: list, onDone }: { orgId: string; achievements: Achievement[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [achievementId, setAchievementId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<IssuanceJob | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();
  const finished = job && (job.status === 'succeeded' || job.status === 'failed');

  // Follow the job until it finishes; the list of issued credentials reloads then.
  useEffect(() => {
    if (!job || job.status === 'succeeded' || job.status === 'failed') return;
    const timer = setTimeout(() => {
      credentials.job(orgId, job.id).then(
        (j) => {
          setPollError(null);
          setJob(j);
          if (j.status === 'succeeded' || j.status === 'failed') onDone();
        },
        (e: unknown) => {
          setPollError(errorMessage(t, e));
          setJob({ ...job }); // try again after the next interval
        },
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, orgId, onDone, t]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({ achievementId: achievementId ? undefined : t('issuing.pickAchievement'), csv: file ? undefined : t('issuing.pickFile') }),
      async () => {
        const csv = await file!.text();
        setJob(await credentials.startBulk(orgId, { csv, achievementId }));
        setFile(null);
        if (fileInput.current) fileInput.current.value = '';
      },
    );
  };

  const done = job ? job.issued + job.failed : 0;
  const percent = job && job.total > 0 ? Math.round((done / job.total) * 100) : 0;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="bulk-heading">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="bulk-heading">
            {t('issuing.bulkHeading')}
          </Title>
          <Text size="sm">{t('issuing.bulkIntro')}</Text>
          <Text size="sm" ff="monospace" className="wrap-anywhere">
            name,email,did,issue_date,valid_until,result,idempotency_key
          </Text>
          <ErrorAlert message={formError} />
          <AchievementSelect name="bulkAchievementId" value={achievementId} onChange={setAchievementId} achievements={list} error={fieldErrors.achievementId} />
          <TextInput
            ref={fileInput}
            type="file"
            label={t('issuing.csvFile')}
            name="csv"
            required
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            error={fieldErrors.csv}
          />
          <Group>
            <Button type="submit" loading={busy} disabled={!!job && !finished}>
              {t('issuing.startBulk')}
            </Button>
          </Group>
        </Stack>
      </form>
      {job && (
        <Stack gap="sm" mt="md">
          <Progress value={percent} size="lg" aria-label={t('issuing.progressLabel')} color={job.failed ? 'orange' : 'teal'} />
          <div role="status" className="live-region">
            <Text size="sm">
              {finished ? t('issuing.bulkFinished', { issued: job.issued, failed: job.failed, total: job.total }) : t('issuing.bulkProgress', { done, total: job.total })}
            </Text>
          </div>
          <ErrorAlert message={pollError} />
          {finished && job.errors.length > 0 && (
            <Table striped withTableBorder captionSide="top" aria-labelledby="bulk-errors-caption">
                <Table.Caption id="bulk-errors-caption">{t('issuing.rowErrors', { count: job.errors.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('issuing.row')}</Table.Th>
                    <Table.Th scope="col">{t('issuing.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {job.errors.map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td className="wrap-anywhere">{r.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}

interface Pending {
  credential: IssuedCredential;
  action: StatusAction;
}

function IssuedList({
  orgId,
  state,
  names,
  canManage,
  onChange,
}: {
  orgId: string;
  state: ReturnType<typeof useAsync<{ items: IssuedCredential[] }>>;
  names: Map<string, string>;
  canManage: boolean;
  onChange: (c: IssuedCredential) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [pending, setPending] = useState<Pending | null>(null);
  // What the dialog shows: kept while it animates closed, so its buttons keep their names.
  const [shown, setShown] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [more, setMore] = useState<{ busy: boolean; exhausted: boolean }>({ busy: false, exhausted: false });
  const count = state.data?.items.length ?? 0;

  const showMore = async () => {
    setMore({ busy: true, exhausted: false });
    setError(null);
    try {
      const next = await credentials.list(orgId, { limit: PAGE, offset: count });
      state.setData((d) => d && { items: [...d.items, ...next.items.filter((c) => !d.items.some((x) => x.id === c.id))] });
      setMore({ busy: false, exhausted: next.items.length < PAGE });
    } catch (e) {
      setError(errorMessage(t, e));
      setMore({ busy: false, exhausted: false });
    }
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await credentials.changeStatus(orgId, pending.credential.id, pending.action, reason.trim() || undefined);
      onChange(updated);
      setStatus(t(`issuing.actions.${pending.action}.done`, { name: updated.recipientName }));
      setPending(null);
    } catch (e) {
      setError(errorMessage(t, e));
      setPending(null);
    } finally {
      setBusy(false);
    }
  };
  const ask = (credential: IssuedCredential, action: StatusAction) => {
    setReason('');
    setStatus(null);
    setPending({ credential, action });
    setShown({ credential, action });
  };

  return (
    <Stack component="section" aria-labelledby="issued-heading" gap="sm">
      <Title order={2} size="h3" id="issued-heading">
        {t('issuing.issuedHeading')}
      </Title>
      <StatusMessage message={status} />
      <ErrorAlert message={error} />
      {state.loading && <Loading />}
      {!state.loading && state.error != null && <LoadError error={state.error} onRetry={state.reload} />}
      {state.data && state.data.items.length === 0 && <Text>{t('issuing.noneIssued')}</Text>}
      {state.data && state.data.items.length > 0 && (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {state.data.items.map((c) => (
            <Paper key={c.id} withBorder p="sm" component="li" aria-label={t('issuing.itemLabel', { name: c.recipientName, achievement: names.get(c.achievementId) ?? '' })}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Text fw={600} className="wrap-anywhere">
                      {c.recipientName}
                    </Text>
                    <Badge color={STATE_COLOR[c.state]} variant="light">
                      {t(`issuing.state.${c.state}`)}
                    </Badge>
                  </Group>
                  <Text size="sm" className="wrap-anywhere">
                    {names.get(c.achievementId) ?? c.achievementId} · {t('achievements.version', { version: c.achievementVersion })} · {fmt.date(c.issuedAt)}
                  </Text>
                  <Text size="sm" c="gray.7" className="wrap-anywhere">
                    {c.recipientEmail ?? c.recipientDid}
                    {c.statusReason ? ` · ${t('issuing.reasonShown', { reason: c.statusReason })}` : ''}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Anchor href={`/c/${c.id}`} size="sm" aria-label={t('issuing.viewNamed', { name: c.recipientName })}>
                    {t('issuing.view')}
                  </Anchor>
                  {canManage && c.state === 'active' && (
                    <Button size="compact-sm" variant="default" onClick={() => ask(c, 'suspend')} aria-label={t('issuing.actions.suspend.named', { name: c.recipientName })}>
                      {t('issuing.actions.suspend.button')}
                    </Button>
                  )}
                  {canManage && c.state === 'suspended' && (
                    <Button size="compact-sm" variant="default" onClick={() => ask(c, 'reinstate')} aria-label={t('issuing.actions.reinstate.named', { name: c.recipientName })}>
                      {t('issuing.actions.reinstate.button')}
                    </Button>
                  )}
                  {canManage && c.state !== 'revoked' && (
                    <Button size="compact-sm" variant="light" color="red" onClick={() => ask(c, 'revoke')} aria-label={t('issuing.actions.revoke.named', { name: c.recipientName })}>
                      {t('issuing.actions.revoke.button')}
                    </Button>
                  )}
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {count > 0 && count % PAGE === 0 && !more.exhausted && (
        <Group>
          <Button variant="default" loading={more.busy} onClick={() => void showMore()}>
            {t('issuing.showMore')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={pending !== null}
        title={shown ? t(`issuing.actions.${shown.action}.title`) : ''}
        body={shown ? t(`issuing.actions.${shown.action}.body`, { name: shown.credential.recipientName }) : ''}
        confirmLabel={shown ? t(`issuing.actions.${shown.action}.button`) : ''}
        confirmColor={shown?.action === 'revoke' ? 'red.9' : shown?.action === 'suspend' ? '#a33a0b' : 'indigo'}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        <TextInput label={t('issuing.reasonLabel')} description={t('issuing.reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} data-autofocus />
      </ConfirmDialog>
    </Stack>
  );
}
