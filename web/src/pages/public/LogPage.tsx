import { Alert, Badge, Button, Card, Code, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { type LogEntryView, type LogSearchResult, parseCheckpointNote, type SignatureCheck, transparencyLog, verifyInclusion, verifyNoteSignature } from '../../api/log';
import { ErrorAlert, LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { errorMessage } from '../../i18n/errors';

const WRAP = { overflowWrap: 'anywhere' } as const;
const toHex = (b64: string) => Array.from(atob(b64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');

/**
 * /log: the transparency log for anyone to audit — its size, latest signed
 * checkpoint, witnesses and their cosignatures, the newest entries (hashes
 * only), and a search that finds a credential's entries and checks their
 * inclusion proofs and the signatures here, in the browser.
 */
export function LogPage() {
  const { t } = useTranslation();
  const summary = useAsync(() => transparencyLog.summary(), []);
  const [signatures, setSignatures] = useState<{ log?: SignatureCheck; witnesses: Record<string, SignatureCheck> }>({ witnesses: {} });

  useEffect(() => {
    const s = summary.data;
    if (!s?.checkpoint) return;
    let live = true;
    const note = s.checkpoint;
    void Promise.all([s.logKey ? verifyNoteSignature(note, s.logKey) : Promise.resolve(undefined), ...s.witnesses.map((w) => verifyNoteSignature(note, w.key))]).then(([log, ...ws]) => {
      if (live) setSignatures({ log, witnesses: Object.fromEntries(s.witnesses.map((w, i) => [w.name, ws[i]!])) });
    });
    return () => {
      live = false;
    };
  }, [summary.data]);

  const s = summary.data;
  const cp = s?.checkpoint ? parseCheckpointNote(s.checkpoint) : undefined;
  return (
    <Page title={t('log.title')}>
      <Text maw="65ch">{t('log.intro')}</Text>
      <SearchCard />
      {summary.loading && <Loading />}
      {!summary.loading && summary.error != null && <LoadError error={summary.error} onRetry={summary.reload} />}
      {s && (
        <>
          <Card withBorder padding="lg" component="section" aria-labelledby="log-checkpoint">
            <Stack gap="sm">
              <Title order={2} size="h3" id="log-checkpoint">{t('log.checkpoint.heading')}</Title>
              <dl className="details">
                <dt>{t('log.checkpoint.origin')}</dt>
                <dd style={WRAP}>{s.origin}</dd>
                <dt>{t('log.checkpoint.size')}</dt>
                <dd>{t('log.checkpoint.entries', { count: s.size })}</dd>
                {cp && (
                  <>
                    <dt>{t('log.checkpoint.root')}</dt>
                    <dd style={WRAP}><Code>{cp.root}</Code></dd>
                  </>
                )}
                <dt>{t('log.checkpoint.key')}</dt>
                <dd style={WRAP}>{s.logKey ? <Code>{s.logKey}</Code> : t('log.checkpoint.noKey')}</dd>
              </dl>
              {s.checkpoint ? (
                <>
                  <SignatureLine label={t('log.checkpoint.logSignature')} check={signatures.log} />
                  <Text size="sm" fw={700} id="checkpoint-text">{t('log.checkpoint.text')}</Text>
                  <Code block aria-labelledby="checkpoint-text" style={{ whiteSpace: 'pre-wrap', ...WRAP }}>{s.checkpoint}</Code>
                  <Text size="sm">{t('log.checkpoint.howToCheck')}</Text>
                </>
              ) : (
                <Text>{t('log.checkpoint.none')}</Text>
              )}
            </Stack>
          </Card>

          <Card withBorder padding="lg" component="section" aria-labelledby="log-witnesses">
            <Stack gap="sm">
              <Title order={2} size="h3" id="log-witnesses">{t('log.witnesses.heading')}</Title>
              {s.witnesses.length === 0 ? (
                <Text>{t('log.witnesses.none')}</Text>
              ) : (
                <>
                  <Text size="sm">{t('log.witnesses.quorum', { quorum: s.quorum, count: s.witnesses.length })}</Text>
                  <List spacing="sm" listStyleType="none">
                    {s.witnesses.map((w) => (
                      <List.Item key={w.name}>
                        <Text fw={700} style={WRAP}>{w.name}</Text>
                        <Text size="sm" style={WRAP}><Code>{w.key}</Code></Text>
                        <SignatureLine label={t('log.witnesses.cosignature')} check={signatures.witnesses[w.name]} />
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Stack>
          </Card>

          <Card withBorder padding="lg" component="section" aria-labelledby="log-recent">
            <Stack gap="sm">
              <Title order={2} size="h3" id="log-recent">{t('log.recent.heading')}</Title>
              <Text size="sm">{t('log.recent.privacy')}</Text>
              {s.recent.length === 0 ? (
                <Text>{t('log.recent.none')}</Text>
              ) : (
                <List spacing="sm" listStyleType="none" aria-labelledby="log-recent">
                  {s.recent.map((e) => (
                    <List.Item key={e.index}>
                      <EntryFacts e={e} />
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
          </Card>
        </>
      )}
    </Page>
  );
}

function SignatureLine({ label, check }: { label: string; check: SignatureCheck | undefined }) {
  const { t } = useTranslation();
  if (!check) return <Text size="sm">{`${label}: ${t('log.sig.checking')}`}</Text>;
  const [mark, color, text] =
    check.state === 'valid'
      ? ['✔', 'var(--mantine-color-green-light-color)', check.time ? t('log.sig.validAt', { time: check.time }) : t('log.sig.valid')]
      : check.state === 'invalid'
        ? ['✘', 'red.9', t('log.sig.invalid')]
        : check.state === 'absent'
          ? ['–', 'gray.8', t('log.sig.absent')]
          : ['?', 'gray.8', t('log.sig.unsupported')];
  return <Text size="sm" c={color} fw={700}>{`${mark} ${label}: ${text}`}</Text>;
}

function EntryFacts({ e }: { e: LogEntryView }) {
  const { t, i18n } = useTranslation();
  // Entries carry UTC times; shown as such, so that they read the same for every auditor.
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(new Date(e.entry.time));
  const j = e.entry;
  const what = j.type === 'issuance' ? t('log.entry.issuance') : t(`log.entry.${j.action}`);
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge variant="light" color={j.type === 'issuance' ? 'indigo' : 'red'} tt="none">{`#${e.index}`}</Badge>
        <Text fw={700} span>{what}</Text>
        <Text size="sm" span><time dateTime={j.time}>{`${time} UTC`}</time></Text>
      </Group>
      {j.type === 'issuance' && <Text size="sm" style={WRAP}>{`${t('log.entry.issuer')}: ${j.issuer}`}</Text>}
      {j.type === 'status' && <Text size="sm">{`${t('log.entry.reason')}: ${j.reason}`}</Text>}
      <Text size="sm" style={WRAP}>{`${t('log.entry.credentialIdHash')}: `}<Code>{j.credentialIdHash}</Code></Text>
      {j.type === 'issuance' && <Text size="sm" style={WRAP}>{`${t('log.entry.credentialHash')}: `}<Code>{j.credentialHash}</Code></Text>}
      <Text size="sm" style={WRAP}>{`${t('log.entry.leafHash')}: `}<Code>{toHex(e.leafHash)}</Code></Text>
    </Stack>
  );
}

/** What to search for: a pasted credential (JSON) is searched by its id. */
function searchTerm(text: string): string {
  const v = text.trim();
  if (v.startsWith('{')) {
    try {
      const id = (JSON.parse(v) as { id?: unknown }).id;
      if (typeof id === 'string') return id;
    } catch {
      return v;
    }
  }
  return v;
}

function SearchCard() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const initial = params.get('q') ?? '';
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ found: LogSearchResult; proofs: boolean[] } | null>(null);

  async function run(q: string) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const found = await transparencyLog.search(q);
      const cp = found.checkpoint ? parseCheckpointNote(found.checkpoint) : undefined;
      const proofs = await Promise.all(found.entries.map((e) => (cp ? verifyInclusion(e.encoded, e.index, cp.size, e.proof, cp.root) : Promise.resolve(false))));
      setResult({ found, proofs });
    } catch (e) {
      const code = e instanceof ApiError ? e.code : undefined;
      setError(code === 'not_found' ? t('log.search.notFound') : code === 'invalid_request' ? t('log.search.invalid') : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (initial) void run(searchTerm(initial));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the address the page was opened with starts a search by itself.
  }, []);

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const q = searchTerm(text);
    if (!q) return;
    setParams(q.length < 300 ? { q } : {}, { replace: true });
    void run(q);
  }

  const cp = result?.found.checkpoint ? parseCheckpointNote(result.found.checkpoint) : undefined;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="log-search">
      <form onSubmit={submit} aria-labelledby="log-search">
        <Stack gap="sm">
          <Title order={2} size="h3" id="log-search">{t('log.search.heading')}</Title>
          <Textarea label={t('log.search.label')} description={t('log.search.help')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} maxRows={8} />
          <Group>
            <Button type="submit" loading={busy}>{t('log.search.submit')}</Button>
          </Group>
          <ErrorAlert message={error} />
          <div role="status" className="live-region">
            {result && (
              <Alert color={result.proofs.every(Boolean) ? 'green' : 'red'} variant="light" role="presentation" title={result.proofs.every(Boolean) ? t('log.search.verified', { count: result.found.entries.length, size: cp?.size ?? 0 }) : t('log.search.notVerified')}>
                <Text size="sm">{t('log.search.matchedBy', { how: t(`log.search.by.${result.found.matchedBy.replace(/ /g, '_')}` as 'log.search.by.leaf_hash') })}</Text>
              </Alert>
            )}
          </div>
          {result && (
            <List spacing="md" listStyleType="none" aria-label={t('log.search.results')}>
              {result.found.entries.map((e, i) => (
                <List.Item key={e.index}>
                  <Stack gap={4}>
                    <EntryFacts e={e} />
                    <Text size="sm" fw={700} c={result.proofs[i] ? 'var(--mantine-color-green-light-color)' : 'red.9'}>
                      {result.proofs[i] ? `✔ ${t('log.search.proofOk', { index: e.index, size: cp?.size ?? 0 })}` : `✘ ${t('log.search.proofBad', { index: e.index })}`}
                    </Text>
                    <Text size="sm" id={`proof-${e.index}`}>{t('log.search.proof', { count: e.proof.length })}</Text>
                    <List size="sm" aria-labelledby={`proof-${e.index}`} type="ordered">
                      {e.proof.map((h, k) => (
                        <List.Item key={k} style={WRAP}><Code>{h}</Code></List.Item>
                      ))}
                    </List>
                  </Stack>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </form>
    </Card>
  );
}
