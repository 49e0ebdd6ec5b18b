import { Badge, Button, Card, Checkbox, Fieldset, Group, List, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { type CatalogueItem, type CommitmentKind, type Programme, type ProgrammeRule, programmes, type RuleType } from '../../api/programmes';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { ProgrammeRules } from '../../components/ProgrammeRules';
import { useAsync } from '../../components/useAsync';
import { useForm } from '../../components/useForm';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { orgAccess } from '../org/access';
import { CommitmentText } from '../public/ProgrammesPage';

const KINDS: CommitmentKind[] = ['guaranteed_interview', 'scholarship', 'credit_recognition', 'other'];
const STATUS_COLOR = { draft: 'gray', published: 'green', retired: 'red', requested: 'yellow', confirmed: 'green', declined: 'red', withdrawn: 'gray' } as const;

/** /provider/:orgId/programmes: the provider's programmes, a rules builder, publishing and partner requests. */
export function ProviderProgrammesPage() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const access = orgAccess(me, 'provider', orgId);
  if (!access.ok) return access.reason === 'forbidden' ? <ForbiddenPage /> : <NotFoundPage />;
  return <ProgrammesLoaded key={orgId} orgId={orgId} canEdit={access.access.role !== null} />;
}

function ProgrammesLoaded({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const list = useAsync(() => programmes.owned(orgId), [orgId]);
  const catalogue = useAsync(() => programmes.catalogue(), []);
  const [status, setStatus] = useState<string | null>(null);

  // Programme credentials are earned by stacking; they are not components of other programmes here.
  const ownCatalogue = (catalogue.data?.items ?? []).filter((a) => !a.definition.tags.includes('programme'));
  const replace = (p: Programme) => list.setData((d) => d && { items: [p, ...d.items.filter((x) => x.id !== p.id)] });

  return (
    <Page title={t('programmes.provider.title')}>
      <Text maw="65ch">{t('programmes.provider.intro')}</Text>
      <StatusMessage message={status} />
      {list.loading && <Loading />}
      {!list.loading && list.error != null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Text>{t('programmes.provider.empty')}</Text>}
      {list.data?.items.map((p) => (
        <ProgrammeCard key={p.id} orgId={orgId} programme={p} canEdit={canEdit} catalogue={ownCatalogue} onChange={replace} onStatus={setStatus} />
      ))}
      {canEdit && catalogue.data && (
        <ProgrammeBuilder
          orgId={orgId}
          catalogue={ownCatalogue}
          onSaved={(p) => {
            replace(p);
            setStatus(t('programmes.provider.created', { title: p.definition.title }));
          }}
        />
      )}
    </Page>
  );
}

function ProgrammeCard({
  orgId,
  programme: p,
  canEdit,
  catalogue,
  onChange,
  onStatus,
}: {
  orgId: string;
  programme: Programme;
  canEdit: boolean;
  catalogue: CatalogueItem[];
  onChange: (p: Programme) => void;
  onStatus: (s: string) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `prog-${p.id}`;
  const setStatus = async (status: Programme['status']) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await programmes.setStatus(orgId, p.id, status);
      onChange(updated);
      onStatus(status === 'published' ? t('programmes.provider.published', { title: p.definition.title, count: updated.awarded }) : t('programmes.provider.statusChanged', { title: p.definition.title, status: t(`programmes.status.${status}`) }));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={headingId} className="wrap-anywhere">
            {p.definition.title}
          </Title>
          <Group gap="xs">
            <Badge color={STATUS_COLOR[p.status]} variant="light">
              {t(`programmes.status.${p.status}`)}
            </Badge>
            <Badge color="gray" variant="outline">
              {t('programmes.version', { version: p.version })}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">{t('programmes.ects', { ects: p.definition.totalEcts })}</Text>
        <ProgrammeRules programme={p} />
        <Title order={3} size="h4">
          {t('programmes.commitmentsHeading')}
        </Title>
        {p.commitments.length === 0 ? (
          <Text>{t('programmes.noCommitments')}</Text>
        ) : (
          <List spacing="xs">
            {p.commitments.map((c) => (
              <List.Item key={c.id}>
                <CommitmentText c={c} />{' '}
                <Badge color={STATUS_COLOR[c.status]} variant="light">
                  {t(`programmes.commitmentStatus.${c.status}`)}
                </Badge>
              </List.Item>
            ))}
          </List>
        )}
        <ErrorAlert message={error} />
        {canEdit && (
          <Group>
            {p.status !== 'published' && (
              <Button onClick={() => void setStatus('published')} loading={busy}>
                {t('programmes.provider.publish')}
              </Button>
            )}
            {p.status === 'published' && (
              <Button variant="default" onClick={() => void setStatus('retired')} loading={busy}>
                {t('programmes.provider.retire')}
              </Button>
            )}
            {p.status !== 'retired' && !editing && catalogue.length > 0 && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('programmes.provider.edit')}
              </Button>
            )}
          </Group>
        )}
        {editing && (
          <ProgrammeBuilder
            orgId={orgId}
            catalogue={catalogue}
            initial={p}
            onCancel={() => setEditing(false)}
            onSaved={(updated) => {
              onChange(updated);
              setEditing(false);
              onStatus(t('programmes.provider.revised', { title: updated.definition.title, version: updated.version }));
            }}
          />
        )}
        {canEdit && p.status !== 'retired' && <CommitmentRequestForm orgId={orgId} programme={p} onRequested={(c) => onChange({ ...p, commitments: [...p.commitments, c] })} />}
      </Stack>
    </Card>
  );
}

function CommitmentRequestForm({ orgId, programme, onRequested }: { orgId: string; programme: Programme; onRequested: (c: Programme['commitments'][number]) => void }) {
  const { t } = useTranslation();
  const partners = useAsync(() => programmes.partners(), []);
  const [partnerOrgId, setPartner] = useState('');
  const [kind, setKind] = useState<CommitmentKind>('guaranteed_interview');
  const [description, setDescription] = useState('');
  const [degree, setDegree] = useState('');
  const [ects, setEcts] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();
  const prefix = `req-${programme.id}`;

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(null);
    void submit(
      () => ({
        partnerOrgId: partnerOrgId ? undefined : t('validation.required'),
        description: description.trim() ? undefined : t('validation.required'),
        degree: kind === 'credit_recognition' && !degree.trim() ? t('validation.required') : undefined,
        ects: kind === 'credit_recognition' && !(Number(ects) > 0) ? t('programmes.builder.positiveNumber') : undefined,
      }),
      async () => {
        const c = await programmes.requestCommitment(orgId, programme.id, {
          partnerOrgId,
          kind,
          description: description.trim(),
          ...(kind === 'credit_recognition' ? { degree: degree.trim(), ects: Number(ects) } : {}),
        });
        onRequested(c);
        setDescription('');
        setDone(t('programmes.provider.requested', { partner: c.partner.name }));
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-h`}>
      <Fieldset legend={<span id={`${prefix}-h`}>{t('programmes.provider.askPartner')}</span>}>
        <Stack gap="sm">
          <ErrorAlert message={formError} />
          <NativeSelect
            label={t('programmes.provider.partner')}
            name="partnerOrgId"
            required
            value={partnerOrgId}
            onChange={(e) => setPartner(e.currentTarget.value)}
            error={fieldErrors.partnerOrgId}
            data={[{ value: '', label: t('programmes.provider.choosePartner') }, ...(partners.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} (${t(`kinds.${o.kind as 'provider'}`)})` }))]}
          />
          <NativeSelect label={t('programmes.provider.kind')} name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as CommitmentKind)} data={KINDS.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) }))} />
          <Textarea label={t('programmes.provider.commitmentText')} name="description" required autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldErrors.description} />
          {kind === 'credit_recognition' && (
            <Group grow wrap="wrap">
              <TextInput label={t('programmes.provider.degree')} name="degree" required value={degree} onChange={(e) => setDegree(e.currentTarget.value)} error={fieldErrors.degree} />
              <TextInput label={t('programmes.provider.creditEcts')} name="ects" required inputMode="decimal" value={ects} onChange={(e) => setEcts(e.currentTarget.value)} error={fieldErrors.ects} />
            </Group>
          )}
          <Group>
            <Button type="submit" variant="light" loading={busy}>
              {t('programmes.provider.sendRequest')}
            </Button>
          </Group>
          <StatusMessage message={done} />
        </Stack>
      </Fieldset>
    </form>
  );
}

interface DraftRule {
  type: RuleType;
  title: string;
  n: string;
  credits: string;
  achievementIds: string[];
}
const emptyRule = (): DraftRule => ({ type: 'all', title: '', n: '1', credits: '5', achievementIds: [] });

const draftOf = (r: ProgrammeRule): DraftRule => ({
  type: r.type,
  title: r.title ?? '',
  n: r.type === 'n_of' ? String(r.n) : '1',
  credits: r.type === 'min_credits' ? String(r.credits) : '5',
  achievementIds: r.achievementIds,
});

/** Creates a programme, or with `initial` saves a new version of it. */
function ProgrammeBuilder({ orgId, catalogue, initial, onSaved, onCancel }: { orgId: string; catalogue: CatalogueItem[]; initial?: Programme; onSaved: (p: Programme) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const d0 = initial?.definition;
  const [title, setTitle] = useState(d0?.title ?? '');
  const [description, setDescription] = useState(d0?.description ?? '');
  const [outcomes, setOutcomes] = useState(d0?.learningOutcomes.join('\n') ?? '');
  const [totalEcts, setTotalEcts] = useState(d0 ? String(d0.totalEcts) : '');
  const [rules, setRules] = useState<DraftRule[]>(d0 ? d0.rules.map(draftOf) : [emptyRule()]);
  const [coOwners, setCoOwners] = useState<string[]>([]);
  // Other providers may own a new programme together with this one.
  const providers = useAsync(() => (initial ? Promise.resolve({ items: [] }) : programmes.partners()), [initial]);
  const otherProviders = (providers.data?.items ?? []).filter((o) => o.kind === 'provider' && o.id !== orgId);
  const idp = initial ? `edit-${initial.id}` : 'new';
  const { formRef, busy, formError, fieldErrors, submit } = useForm();

  const setRule = (i: number, change: Partial<DraftRule>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const toRule = (r: DraftRule): ProgrammeRule => {
    const base = { ...(r.title.trim() ? { title: r.title.trim() } : {}), achievementIds: r.achievementIds };
    return r.type === 'all' ? { type: 'all', ...base } : r.type === 'n_of' ? { type: 'n_of', n: Number(r.n), ...base } : { type: 'min_credits', credits: Number(r.credits), ...base };
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({
        title: title.trim() ? undefined : t('validation.required'),
        description: description.trim() ? undefined : t('validation.required'),
        outcomes: outcomes.trim() ? undefined : t('validation.required'),
        totalEcts: Number(totalEcts) > 0 ? undefined : t('programmes.builder.positiveNumber'),
        ...Object.fromEntries(rules.map((r, i) => [`rule${i}`, r.achievementIds.length ? undefined : t('programmes.builder.pickAchievements')])),
      }),
      async () => {
        const definition = {
          ...(d0 ?? {}),
          title: title.trim(),
          description: description.trim(),
          learningOutcomes: outcomes.split('\n').map((s) => s.trim()).filter(Boolean),
          totalEcts: Number(totalEcts),
          rules: rules.map(toRule),
        };
        const p = initial ? await programmes.revise(orgId, initial.id, definition) : await programmes.create(orgId, { definition, ...(coOwners.length ? { coOwnerOrgIds: coOwners } : {}) });
        onSaved(p);
        if (initial) return;
        setTitle('');
        setDescription('');
        setOutcomes('');
        setTotalEcts('');
        setRules([emptyRule()]);
        setCoOwners([]);
      },
    );
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={`${idp}-heading`}>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={initial ? 3 : 2} size="h3" id={`${idp}-heading`}>
            {initial ? t('programmes.builder.editHeading', { title: initial.definition.title }) : t('programmes.builder.heading')}
          </Title>
          <ErrorAlert message={formError} />
          {fieldErrors.definition && <Text c="red.8">{fieldErrors.definition}</Text>}
          <TextInput label={t('programmes.builder.title')} name="title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldErrors.title} />
          <Textarea label={t('programmes.builder.description')} name="description" required autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldErrors.description} />
          <Textarea label={t('programmes.builder.outcomes')} description={t('programmes.builder.outcomesHint')} name="outcomes" required autosize minRows={2} value={outcomes} onChange={(e) => setOutcomes(e.currentTarget.value)} error={fieldErrors.outcomes} />
          <TextInput label={t('programmes.builder.totalEcts')} name="totalEcts" required inputMode="decimal" value={totalEcts} onChange={(e) => setTotalEcts(e.currentTarget.value)} error={fieldErrors.totalEcts} />
          {!initial && otherProviders.length > 0 && (
            <Checkbox.Group label={t('programmes.builder.coOwners')} description={t('programmes.builder.coOwnersHint')} value={coOwners} onChange={setCoOwners} error={fieldErrors.coOwnerOrgIds}>
              <Stack gap={6} mt={6}>
                {otherProviders.map((o) => (
                  <Checkbox key={o.id} value={o.id} label={o.name} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          {rules.map((r, i) => (
            <Fieldset key={i} legend={t('programmes.builder.ruleLegend', { n: i + 1 })}>
              <Stack gap="sm">
                <Group grow wrap="wrap" align="flex-start">
                  <NativeSelect
                    label={t('programmes.builder.ruleType')}
                    name={`rule${i}-type`}
                    value={r.type}
                    onChange={(e) => setRule(i, { type: e.currentTarget.value as RuleType })}
                    data={[
                      { value: 'all', label: t('programmes.builder.types.all') },
                      { value: 'n_of', label: t('programmes.builder.types.n_of') },
                      { value: 'min_credits', label: t('programmes.builder.types.min_credits') },
                    ]}
                  />
                  {r.type === 'n_of' && <TextInput label={t('programmes.builder.n')} name={`rule${i}-n`} inputMode="numeric" value={r.n} onChange={(e) => setRule(i, { n: e.currentTarget.value })} />}
                  {r.type === 'min_credits' && <TextInput label={t('programmes.builder.credits')} name={`rule${i}-credits`} inputMode="decimal" value={r.credits} onChange={(e) => setRule(i, { credits: e.currentTarget.value })} />}
                  <TextInput label={t('programmes.builder.ruleTitle')} name={`rule${i}-title`} value={r.title} onChange={(e) => setRule(i, { title: e.currentTarget.value })} />
                </Group>
                <Checkbox.Group label={t('programmes.builder.achievements')} value={r.achievementIds} onChange={(v) => setRule(i, { achievementIds: v })} error={fieldErrors[`rule${i}`]}>
                  <Stack gap={6} mt={6}>
                    {catalogue.map((a) => (
                      <Checkbox
                        key={a.id}
                        value={a.id}
                        label={`${a.definition.name} — ${a.provider.name}${a.definition.workload.ects ? ` · ${t('programmes.ects', { ects: a.definition.workload.ects })}` : ''}`}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
                {rules.length > 1 && (
                  <Group>
                    <Button variant="subtle" color="red" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}>
                      {t('programmes.builder.removeRule', { n: i + 1 })}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Fieldset>
          ))}
          <Group>
            <Button variant="default" onClick={() => setRules((rs) => [...rs, emptyRule()])}>
              {t('programmes.builder.addRule')}
            </Button>
            <Button type="submit" loading={busy}>
              {initial ? t('programmes.builder.saveVersion') : t('programmes.builder.create')}
            </Button>
            {onCancel && (
              <Button variant="subtle" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
