import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, NumberInput, Paper, Progress, RingProgress, SegmentedControl, Stack, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { pathways, type Gap, type GapSkill, type LearnerPathway } from '../../api/pathways';
import { programmes } from '../../api/programmes';
import { roles } from '../../api/roles';
import { ErrorAlert, LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';

/** What the learner optimises for; an hour is worth 20 currency units in "balanced". */
const PRIORITIES = { cheapest: { money: 1, hours: 0 }, fastest: { money: 0, hours: 1 }, balanced: { money: 1, hours: 20 } } as const;
type Priority = keyof typeof PRIORITIES;

export function PathwayPage() {
  const me = useMe();
  if (!me.learner) return <ForbiddenPage />;
  return <Pathway />;
}

/** Target role → gap chart → the optimal sequence of micro-credentials, with costs and reasons. */
function Pathway() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const target = params.get('target') ?? '';
  return (
    <Page title={t('pathway.title')}>
      <Text maw="65ch">{t('pathway.intro')}</Text>
      <Group gap="lg">
        <Anchor component={Link} to="/learner/skills">{t('pathway.toSkills')}</Anchor>
        <Anchor component={Link} to="/learner/programmes">{t('programmes.learner.title')}</Anchor>
      </Group>
      <TargetChooser onChoose={(target) => setParams({ target })} />
      {target && <TargetView key={target} target={target} />}
    </Page>
  );
}

interface TargetOption {
  target: string;
  label: string;
  employer?: string;
}

/** Searches employers' published roles and the taxonomy's occupations at once. */
function TargetChooser({ onChoose }: { onChoose(target: string): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<{ roles: TargetOption[]; occupations: TargetOption[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      Promise.all([roles.published(query), pathways.occupations(query)]).then(
        ([r, o]) => {
          if (!live) return;
          setHits({
            roles: r.items.map((x) => ({ target: x.target, label: x.title, employer: x.employer.name })),
            occupations: o.items.map((x) => ({ target: x.uri, label: x.label })),
          });
          setProblem(null);
        },
        (e: unknown) => live && setProblem(errorMessage(t, e)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, t]);
  const group = (title: string, items: TargetOption[]) =>
    items.length > 0 && (
      <Stack gap={4}>
        <Text size="sm" fw={600}>{title}</Text>
        <Group gap="xs" role="list" aria-label={title}>
          {items.map((o) => (
            <div role="listitem" key={o.target}>
              <Button variant="light" size="compact-md" onClick={() => { onChoose(o.target); setQ(''); }}>
                {o.employer ? t('pathway.roleAt', { role: o.label, employer: o.employer }) : o.label}
              </Button>
            </div>
          ))}
        </Group>
      </Stack>
    );
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="target-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="target-heading">{t('pathway.targetHeading')}</Title>
        <TextInput type="search" label={t('pathway.targetSearch')} description={t('pathway.targetHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <ErrorAlert message={problem} />
        {hits && hits.roles.length + hits.occupations.length === 0 && <Text size="sm">{t('pathway.noOccupations')}</Text>}
        {hits && group(t('pathway.employerRoles'), hits.roles)}
        {hits && group(t('pathway.occupationResults'), hits.occupations)}
      </Stack>
    </Paper>
  );
}

function TargetView({ target }: { target: string }) {
  const { t } = useTranslation();
  const gap = useAsync(() => pathways.gap(target), [target]);
  if (gap.loading) return <Loading />;
  if (gap.error || !gap.data) return <LoadError error={gap.error} onRetry={gap.reload} />;
  return (
    <>
      <Title order={2} size="h2">
        {t('pathway.towards', { target: gap.data.target.employer ? t('pathway.roleAt', { role: gap.data.target.label, employer: gap.data.target.employer }) : gap.data.target.label })}
      </Title>
      <GapChart gap={gap.data} />
      <Planner target={target} />
    </>
  );
}

function GapChart({ gap }: { gap: Gap }) {
  const { t } = useTranslation();
  const w = (list: GapSkill[]) => list.reduce((s, x) => s + x.weight * (x.status === 'missing' ? 1 : x.coverage), 0);
  const partialWeight = gap.partial.reduce((s, x) => s + x.weight * x.coverage, 0);
  const pct = (x: number) => (gap.totalWeight ? (100 * x) / gap.totalWeight : 0);
  const coveredPct = pct(w(gap.covered));
  const partialPct = pct(partialWeight);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="gap-heading">
      <Stack>
        <Title order={3} size="h3" id="gap-heading">{t('pathway.gapHeading')}</Title>
        <Group align="center" wrap="wrap">
          <RingProgress
            size={120}
            thickness={12}
            roundCaps
            sections={[{ value: gap.score, color: 'teal.7' }]}
            label={<Text ta="center" fw={700} size="xl">{gap.score}</Text>}
            aria-hidden
          />
          <Stack gap={4} maw="50ch">
            <Text fw={700}>{t('pathway.score', { score: gap.score })}</Text>
            <Text size="sm" c="gray.7">{t('pathway.scoreFormula')}</Text>
          </Stack>
        </Group>
        <Progress.Root size={22} aria-hidden>
          <Progress.Section value={coveredPct} color="teal.7" />
          <Progress.Section value={partialPct} color="yellow.5" />
        </Progress.Root>
        <Group gap="lg" wrap="wrap">
          <Legend color="var(--mantine-color-teal-7)" text={t('pathway.legendCovered', { count: gap.covered.length })} />
          <Legend color="var(--mantine-color-yellow-5)" text={t('pathway.legendPartial', { count: gap.partial.length })} />
          <Legend color="var(--mantine-color-gray-2)" text={t('pathway.legendMissing', { count: gap.missing.length })} />
        </Group>
        <SkillList title={t('pathway.covered')} items={gap.covered} />
        <SkillList title={t('pathway.partial')} items={gap.partial} />
        <SkillList title={t('pathway.missing')} items={gap.missing} />
      </Stack>
    </Paper>
  );
}

function Legend({ color, text }: { color: string; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: color, border: '1px solid var(--mantine-color-gray-6)' }} aria-hidden />
      <Text size="sm">{text}</Text>
    </Group>
  );
}

function SkillList({ title, items }: { title: string; items: GapSkill[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const how = (s: GapSkill) => {
    if (!s.via || s.status === 'missing') return '';
    if (s.via.relation !== 'same') return t('pathway.viaRelated', { skill: s.via.label, relation: t(`pathway.relations.${s.via.relation}` as 'pathway.relations.broader') });
    return s.status === 'partial' ? t(`pathway.claim.${s.via.kind === 'cv' ? 'cv' : 'self'}`) : '';
  };
  return (
    <Stack gap={4}>
      <Title order={4} size="h5">{title}</Title>
      <List spacing={2} size="sm">
        {items.map((s) => (
          <List.Item key={s.uri}>
            {s.label}
            {s.relation === 'essential' && <Badge ml={6} size="xs" variant="outline" color="gray" tt="none">{t('pathway.essential')}</Badge>}
            {how(s) && <Text span size="sm" c="gray.7">{` — ${how(s)}`}</Text>}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Planner({ target }: { target: string }) {
  const { t } = useTranslation();
  const [budget, setBudget] = useState<number | string>('');
  const [maxHours, setMaxHours] = useState<number | string>('');
  const [hoursPerWeek, setHoursPerWeek] = useState<number | string>('');
  const [deadline, setDeadline] = useState('');
  const [onlineOnly, setOnlineOnly] = useState(false);
  const [priority, setPriority] = useState<Priority>('cheapest');
  const [programmeId, setProgrammeId] = useState('');
  const published = useAsync(() => programmes.listPublic(), []);
  const [plan, setPlan] = useState<LearnerPathway | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (e?: React.FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setPlan(
        await pathways.plan({
          target,
          weights: PRIORITIES[priority],
          budget: budget === '' ? null : Number(budget),
          maxHours: maxHours === '' ? null : Number(maxHours),
          hoursPerWeek: hoursPerWeek === '' || !deadline ? null : Number(hoursPerWeek),
          deadline: deadline || null,
          onlineOnly,
          programmeId: programmeId || undefined,
        }),
      );
    } catch (err) {
      setProblem(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  // A first plan straight away, with no constraints.
  useEffect(() => {
    void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per target
  }, [target]);

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="plan-heading">
      <Stack>
        <Title order={3} size="h3" id="plan-heading">{t('pathway.planHeading')}</Title>
        <form onSubmit={(e) => void run(e)} noValidate>
          <Stack gap="sm">
            <Group align="flex-end" wrap="wrap">
              <NumberInput label={t('pathway.budget')} description={t('pathway.budgetHint')} min={0} value={budget} onChange={setBudget} maw={200} />
              <NumberInput label={t('pathway.maxHours')} description={t('pathway.maxHoursHint')} min={0} value={maxHours} onChange={setMaxHours} maw={200} />
              <NumberInput label={t('pathway.hoursPerWeek')} description={t('pathway.hoursPerWeekHint')} min={1} max={168} value={hoursPerWeek} onChange={setHoursPerWeek} maw={200} />
              <TextInput type="date" label={t('pathway.deadline')} description={t('pathway.deadlineHint')} value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} maw={200} />
            </Group>
            <Stack gap={4}>
              <Text size="sm" fw={600} id="priority-label">{t('pathway.priority')}</Text>
              <SegmentedControl
                aria-labelledby="priority-label"
                value={priority}
                onChange={(v) => setPriority(v as Priority)}
                data={(Object.keys(PRIORITIES) as Priority[]).map((p) => ({ value: p, label: t(`pathway.priorities.${p}`) }))}
                maw={480}
              />
              <Text size="xs" c="gray.7">{t('pathway.priorityHint')}</Text>
            </Stack>
            <Checkbox label={t('pathway.onlineOnly')} checked={onlineOnly} onChange={(e) => setOnlineOnly(e.currentTarget.checked)} />
            {published.data && published.data.items.length > 0 && (
              <NativeSelect
                label={t('pathway.programme')}
                description={t('pathway.programmeHint')}
                value={programmeId}
                onChange={(e) => setProgrammeId(e.currentTarget.value)}
                data={[{ value: '', label: t('pathway.noProgramme') }, ...published.data.items.map((p) => ({ value: p.id, label: p.definition.title }))]}
                maw={480}
              />
            )}
            <Group>
              <Button type="submit" loading={busy}>{t('pathway.replan')}</Button>
            </Group>
          </Stack>
        </form>
        <ErrorAlert message={problem} />
        {plan && <PlanView plan={plan} />}
      </Stack>
    </Paper>
  );
}

function PlanView({ plan }: { plan: LearnerPathway }) {
  const { t } = useTranslation();
  const currency = plan.steps.find((s) => s.currency)?.currency ?? '';
  const money = (n: number, c: string | null = currency) => (c ? new Intl.NumberFormat(undefined, { style: 'currency', currency: c, maximumFractionDigits: 0 }).format(n) : String(n));
  const weeks = plan.steps.reduce((s, x) => s + (x.durationWeeks ?? 0), 0);
  return (
    <Stack gap="md" role="region" aria-label={t('pathway.planLabel')}>
      {plan.steps.length === 0 ? (
        <Alert color="yellow" variant="light">{t('pathway.nothing')}</Alert>
      ) : (
        <Text fw={700}>
          {t('pathway.summary', { count: plan.steps.length, price: money(plan.price), hours: Math.round(plan.hours), weeks })}
          {plan.optimal ? ` ${t('pathway.optimal')}` : ` ${t('pathway.notOptimal', { gap: (plan.optimalityGap * 100).toFixed(1) })}`}
        </Text>
      )}
      {plan.programme && (
        <Text size="sm">
          {plan.programme.achievements.length > 0
            ? t('pathway.completesProgramme', { programme: plan.programme.title, count: plan.programme.achievements.length })
            : t('pathway.programmeDone', { programme: plan.programme.title })}
        </Text>
      )}
      <Timeline active={plan.steps.length} bulletSize={22} lineWidth={2} color="teal.7">
        {plan.steps.map((s, i) => (
          <Timeline.Item key={s.achievementId} title={<Text fw={700}>{`${i + 1}. ${s.name}`}</Text>}>
            <Text size="sm" c="gray.8">{`${s.provider} · ${money(s.price, s.currency)} · ${Math.round(s.hours)} h${s.durationWeeks ? ` · ${t('pathway.weeks', { count: s.durationWeeks })}` : ''} · ${t(`pathway.participation.${s.participation}` as 'pathway.participation.online')}`}</Text>
            <Text size="sm" mt={4}>{s.reason.charAt(0).toUpperCase() + s.reason.slice(1)}.</Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {plan.uncovered.length > 0 && (
        <Stack gap={4}>
          <Title order={4} size="h5">{t('pathway.uncovered')}</Title>
          <List spacing={2} size="sm">
            {plan.uncovered.map((u) => (
              <List.Item key={u.uri}>{`${u.label ?? u.uri}: ${u.reason}`}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {plan.alternatives.length > 0 && (
        <Text size="sm" c="gray.7">
          {t('pathway.alternatives', { count: plan.alternatives.length, price: money(plan.alternatives[0]!.price), hours: Math.round(plan.alternatives[0]!.hours) })}
        </Text>
      )}
    </Stack>
  );
}
