import { and, eq, inArray, sql } from 'drizzle-orm';
import { getAchievement, listCatalogue, type CatalogueEntry } from '../achievements/index.js';
import { AppError } from '../core/errors.js';
import { type DbOrTx, schema } from '../db/index.js';
import type { LearnerRef } from '../identity/index.js';
import { ofLearner, validAt } from '../issuance/index.js';
import type { ClaimSource } from '../db/schema/pathways.js';
import { cachedTaxonomy, occupationProfile, type Taxonomy } from '../taxonomy/index.js';
import { getPublishedRole, ROLE_RELATION_WEIGHT } from '../roles/index.js';
import { analyseGap, type GapAnalysis, plannerGap, skillGraph, type TargetSkill } from './gap.js';
import type { PathwayPlan, PlanOptions } from './model.js';
import { planPathway } from './planner.js';
import { listImported } from './imports.js';
import { COMPLETIONS_TRIED, minimalCompletions } from './programme-plan.js';
import { completionSet, creditsOf, getPublishedProgramme, ruleAchievementIds } from '../programmes/index.js';
import { buildProfile, type ProfileSkill, type SkillEvidence } from './profile.js';

/**
 * The learner side of pathways, over the database: their skills profile
 * (credentials issued here + claims), the gap to a target occupation, and
 * the plan that closes it from the published catalogue.
 */

const { credentials, learnerSkills, organisations } = schema;

export type Learner = LearnerRef;

/** Hours of learning per ECTS credit, when an achievement gives only credits (ECTS users' guide: 25–30). */
export const HOURS_PER_ECTS = 25;

/** The learner's credentials that count now: issued to them, not revoked, not suspended, not expired. */
async function validCredentials(db: DbOrTx, learner: Learner, now: Date) {
  const rows = await db
    .select({ c: credentials, issuer: organisations.name })
    .from(credentials)
    .innerJoin(organisations, eq(organisations.id, credentials.orgId))
    .where(and(ofLearner(learner), validAt(now)));
  return rows;
}

/** Every piece of evidence the learner has: one per aligned skill of each valid credential, and each claim. */
export async function learnerEvidence(db: DbOrTx, learner: Learner, now: Date): Promise<{ evidence: SkillEvidence[]; heldAchievements: string[] }> {
  const evidence: SkillEvidence[] = [];
  const held = new Set<string>();
  for (const { c, issuer } of await validCredentials(db, learner, now)) {
    held.add(c.achievementId);
    const a = await getAchievement(db, null, c.achievementId, c.achievementVersion);
    for (const al of a.definition.alignments) {
      evidence.push({
        uri: al.targetUrl,
        label: al.targetName,
        kind: 'credential',
        at: c.issuedAt,
        source: { credentialId: c.id, achievementName: a.definition.name, issuerName: issuer },
      });
    }
  }
  // Credentials from other issuers, verified when imported, count while they are valid.
  for (const imp of await listImported(db, learner.id)) {
    if (imp.validUntil && imp.validUntil.getTime() <= now.getTime()) continue;
    for (const sk of imp.skills) {
      evidence.push({ uri: sk.uri, label: sk.label, kind: 'credential', at: imp.verifiedAt, source: { achievementName: imp.achievementName, issuerName: imp.issuerName } });
    }
  }
  const claims = await db.select().from(learnerSkills).where(eq(learnerSkills.userId, learner.id));
  for (const s of claims) {
    evidence.push({ uri: s.skillUri, label: s.label, kind: s.source, at: s.updatedAt, level: s.level, source: s.snippet ? { snippet: s.snippet } : undefined });
  }
  return { evidence, heldAchievements: [...held] };
}

export async function learnerProfile(db: DbOrTx, learner: Learner, now: Date): Promise<ProfileSkill[]> {
  return buildProfile((await learnerEvidence(db, learner, now)).evidence);
}

/** A taxonomy skill by URI, or a clear error naming the field. */
function skillIn(t: Taxonomy, uri: string, path: string) {
  const s = t.skills.find((x) => x.uri === uri);
  if (!s) throw new AppError('invalid_request', `No skill ${uri} in the taxonomy ${t.id}.`, { errors: [{ path, message: 'Choose a skill from the taxonomy (search for it first).' }] });
  return s;
}

/** Adds or updates a claim; a claim of the same source for the same skill is replaced. */
export async function upsertClaims(db: DbOrTx, learner: Learner, source: ClaimSource, claims: { uri: string; label: string; level?: number | null; snippet?: string | null }[], now: Date) {
  if (claims.length === 0) return;
  await db
    .insert(learnerSkills)
    .values(claims.map((c) => ({ userId: learner.id, skillUri: c.uri, label: c.label, source, level: c.level ?? null, snippet: c.snippet ?? null, updatedAt: now })))
    .onConflictDoUpdate({
      target: [learnerSkills.userId, learnerSkills.skillUri, learnerSkills.source],
      set: { level: sqlExcluded('level'), snippet: sqlExcluded('snippet'), label: sqlExcluded('label'), updatedAt: now },
    });
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

/** The learner declares a skill (with an optional level 1–4). */
export async function declareSkill(db: DbOrTx, learner: Learner, input: { uri: string; level?: number | null }, now: Date) {
  const { taxonomy } = await cachedTaxonomy(db);
  const s = skillIn(taxonomy, input.uri, 'body.uri');
  await upsertClaims(db, learner, 'self', [{ uri: s.uri, label: s.label, level: input.level ?? null }], now);
}

/** Removes the learner's own claims of a skill; verified evidence stays (it is not theirs to remove). */
export async function removeClaims(db: DbOrTx, learner: Learner, uri: string, sources: ClaimSource[] = ['self', 'cv']) {
  const gone = await db
    .delete(learnerSkills)
    .where(and(eq(learnerSkills.userId, learner.id), eq(learnerSkills.skillUri, uri), inArray(learnerSkills.source, sources)))
    .returning({ id: learnerSkills.id });
  if (gone.length === 0) throw new AppError('not_found', 'You have no claim of this skill to remove (skills from credentials cannot be removed).');
}

// --- targets -------------------------------------------------------------------

export interface Target {
  kind: 'occupation' | 'role';
  /** The occupation URI, or `role:<id>` for an employer's role. */
  uri: string;
  label: string;
  /** For a role: the employer, and how many postings its skills were counted over. */
  employer?: string;
  postings?: number;
  skills: (TargetSkill & { count?: number })[];
}

const ROLE_TARGET = /^role:([0-9a-f-]{36})$/i;

/**
 * A target: an employer's published role (`role:<id>`), or an occupation of the
 * default taxonomy by URI (or ESCO id). Skills weigh essential 1, optional 0.5.
 */
export async function resolveTarget(db: DbOrTx, uri: string): Promise<{ target: Target; taxonomy: Taxonomy }> {
  const { taxonomy } = await cachedTaxonomy(db);
  const role = ROLE_TARGET.exec(uri);
  if (role) {
    const r = await getPublishedRole(db, role[1]!);
    return {
      taxonomy,
      target: {
        kind: 'role',
        uri: `role:${r.id}`,
        label: r.title,
        employer: r.employer.name,
        postings: r.postings,
        skills: r.skills.map((s) => ({ uri: s.uri, label: s.label, relation: s.relation, weight: ROLE_RELATION_WEIGHT[s.relation], count: s.count })),
      },
    };
  }
  const p = occupationProfile(taxonomy, uri);
  if (p.skills.length === 0) throw new AppError('invalid_request', `The occupation ${p.occupation.label} lists no skills in ${taxonomy.id}, so there is nothing to compare with.`);
  return {
    taxonomy,
    target: { kind: 'occupation', uri: p.occupation.uri, label: p.occupation.label, skills: p.skills.map((s) => ({ uri: s.uri, label: s.label, weight: s.weight, relation: s.relation })) },
  };
}

export async function learnerGap(
  db: DbOrTx,
  learner: Learner,
  targetUri: string,
  now: Date,
): Promise<{ target: Target; profile: ProfileSkill[]; gap: GapAnalysis; heldAchievements: string[] }> {
  const { target, taxonomy } = await resolveTarget(db, targetUri);
  const { evidence, heldAchievements } = await learnerEvidence(db, learner, now);
  const profile = buildProfile(evidence);
  return { target, profile, gap: analyseGap(target.skills, profile, skillGraph(taxonomy.skills)), heldAchievements };
}

// --- plan ---------------------------------------------------------------------------

export interface PlanPreferences {
  /** Cost weights: money per currency unit, time per hour (default 1 and 0: cheapest first). */
  weights?: { money: number; hours: number };
  budget?: number;
  maxHours?: number;
  /** Hours a week the learner can give, and the date they want to be done by: together a limit on total hours, and no achievement longer than the time left. */
  hoursPerWeek?: number;
  deadline?: Date;
  onlineOnly?: boolean;
  /** BCP 47 language tags the learner accepts; any when absent. */
  languages?: string[];
  /** Complete this published programme as part of the plan. */
  programmeId?: string;
}

/** The planner's view of one catalogue entry. */
export function plannerAchievement(a: CatalogueEntry) {
  const d = a.definition;
  return {
    id: a.id,
    name: d.name,
    skills: d.alignments.map((al) => al.targetUrl),
    price: d.price?.amount ?? 0,
    hours: d.workload.hours ?? (d.workload.ects ?? 0) * HOURS_PER_ECTS,
    // Definitions saved before the field existed have none.
    prerequisites: [...(d.prerequisiteAchievements ?? [])],
  };
}

/** Whole weeks from `now` to the deadline. */
export function weeksUntil(deadline: Date, now: Date): number {
  return Math.floor((deadline.getTime() - now.getTime()) / (7 * 86_400_000));
}

/**
 * The hours limit the planner works with: the learner's own limit, and the
 * hours a week times the whole weeks left before the deadline, whichever is less.
 */
export function hoursLimit(prefs: PlanPreferences, now: Date): number | undefined {
  if (prefs.deadline && prefs.deadline.getTime() <= now.getTime()) {
    throw new AppError('invalid_request', 'The deadline has passed.', { errors: [{ path: 'body.deadline', message: 'Choose a date in the future.' }] });
  }
  const byDeadline = prefs.deadline && prefs.hoursPerWeek !== undefined ? prefs.hoursPerWeek * weeksUntil(prefs.deadline, now) : undefined;
  const limits = [prefs.maxHours, byDeadline].filter((x): x is number => x !== undefined);
  return limits.length ? Math.min(...limits) : undefined;
}

/** Catalogue entries a learner with these preferences can take (programme credentials are earned, not taken). */
export function eligible(a: CatalogueEntry, prefs: PlanPreferences, now = new Date()): boolean {
  const d = a.definition;
  if (d.achievementType === 'LearningProgram') return false;
  // One that lasts longer than the weeks left cannot be finished in time.
  if (prefs.deadline && d.durationWeeks !== undefined && d.durationWeeks > weeksUntil(prefs.deadline, now)) return false;
  if (prefs.onlineOnly && d.participation !== 'online') return false;
  if (prefs.languages?.length && !d.inLanguage.some((l) => prefs.languages!.some((p) => l === p || l.startsWith(`${p}-`)))) return false;
  return true;
}

export interface LearnerPlan {
  target: Target;
  gap: GapAnalysis;
  /** The planner's plan for the skill gap (after the programme's achievements, when one is to be completed). */
  plan: PathwayPlan;
  /** The whole pathway: the programme's achievements plus the plan. */
  totals: { cost: number; price: number; hours: number; optimal: boolean };
  /** When asked: the programme and the achievements chosen to complete it. */
  programme?: { id: string; title: string; achievements: string[]; exhaustive: boolean };
  /** The chosen achievements in order, with provider, price, hours, and what each covers for the target. */
  /** `reason`: why this step, in words ("covers X, essential for …"); `text`: the same after the achievement's name and provider. */
  steps: { achievement: CatalogueEntry; covers: TargetSkill[]; needs: string[]; hours: number; price: number; currency: string | null; reason: string; text: string }[];
}

export async function learnerPathway(db: DbOrTx, learner: Learner, targetUri: string, given: PlanPreferences, now: Date, options: PlanOptions = {}): Promise<LearnerPlan> {
  const prefs = { ...given, maxHours: hoursLimit(given, now) };
  const { target, gap, heldAchievements } = await learnerGap(db, learner, targetUri, now);
  const toLearn = plannerGap(gap);
  const catalogue = (await listCatalogue(db)).filter((a) => eligible(a, prefs, now) && !heldAchievements.includes(a.id));
  const byId = new Map(catalogue.map((a) => [a.id, a]));
  const bySkill = new Map(target.skills.map((s) => [s.uri, s]));
  const weights = prefs.weights ?? { money: 1, hours: 0 };
  const items = catalogue.map(plannerAchievement);
  const itemOf = new Map(items.map((i) => [i.id, i]));
  const costOf = (ids: string[]) => ids.reduce((c, id) => c + weights.money * itemOf.get(id)!.price + weights.hours * itemOf.get(id)!.hours, 0);
  const priceOf = (ids: string[]) => ids.reduce((c, id) => c + itemOf.get(id)!.price, 0);
  const hoursOf = (ids: string[]) => ids.reduce((c, id) => c + itemOf.get(id)!.hours, 0);

  const planWith = (forced: string[]) =>
    planPathway(
      {
        gap: toLearn,
        achievements: items,
        weights,
        constraints: {
          budget: prefs.budget === undefined ? undefined : prefs.budget - priceOf(forced),
          maxHours: prefs.maxHours === undefined ? undefined : prefs.maxHours - hoursOf(forced),
        },
        held: [...heldAchievements, ...forced],
        labels: Object.fromEntries(target.skills.map((s) => [s.uri, s.label])),
      },
      options,
    );

  let forced: string[] = [];
  let programme: LearnerPlan['programme'];
  let plan: PathwayPlan;
  if (prefs.programmeId) {
    const p = await getPublishedProgramme(db, prefs.programmeId);
    const ids = ruleAchievementIds(p.definition.rules);
    const credits = await creditsOf(db, ids);
    const held = new Set(heldAchievements);
    const completions = minimalCompletions(p.definition.rules, held, new Set(byId.keys()), (id) => credits.get(id) ?? 0, (id) => costOf([id]));
    const greedy = completions === null ? completionSet(p.definition.rules, held, credits) : undefined;
    const options_ = completions ?? (greedy ? [greedy] : undefined);
    if (!options_) {
      throw new AppError('invalid_request', `${p.definition.title} cannot be completed from the micro-credentials you can take${prefs.onlineOnly || prefs.languages?.length ? ' with your choices (online only, languages)' : ''}.`, {
        errors: [{ path: 'body.programmeId', message: 'This programme cannot be completed within your choices.' }],
      });
    }
    const fits = options_.filter((f) => (prefs.budget === undefined || priceOf(f) <= prefs.budget) && (prefs.maxHours === undefined || hoursOf(f) <= prefs.maxHours));
    if (fits.length === 0) {
      throw new AppError('invalid_request', `Completing ${p.definition.title} costs at least ${Math.min(...options_.map(priceOf))} and ${Math.min(...options_.map(hoursOf))} hours: more than your budget or hours allow.`, {
        errors: [{ path: 'body.programmeId', message: 'Completing this programme does not fit your budget or hours.' }],
      });
    }
    let best: { forced: string[]; plan: PathwayPlan } | undefined;
    for (const f of fits.slice(0, COMPLETIONS_TRIED)) {
      const candidate = await planWith(f);
      const better =
        !best ||
        candidate.coveredWeight > best.plan.coveredWeight + 1e-9 ||
        (Math.abs(candidate.coveredWeight - best.plan.coveredWeight) <= 1e-9 && costOf(f) + candidate.cost < costOf(best.forced) + best.plan.cost - 1e-9);
      if (better) best = { forced: f, plan: candidate };
    }
    forced = best!.forced;
    plan = best!.plan;
    programme = { id: p.id, title: p.definition.title, achievements: forced, exhaustive: completions !== null && fits.length <= COMPLETIONS_TRIED };
  } else {
    plan = await planWith([]);
  }

  const step = (id: string, covers: string[], needs: string[], extra?: string) => {
    const a = byId.get(id)!;
    const covered = covers.map((u) => bySkill.get(u)!).filter(Boolean);
    const parts = [...(extra ? [extra] : []), ...(target.kind === 'role' && target.postings ? roleReasons(covered, target) : occupationReasons(covered, target))];
    const needNames = needs.map((n) => byId.get(n)?.definition.name ?? n);
    const reason = `${parts.join('; ') || 'needed before a later step'}${needNames.length ? `; take it after ${list(needNames)}` : ''}`;
    const item = itemOf.get(id)!;
    return { achievement: a, covers: covered, needs, hours: item.hours, price: item.price, currency: a.definition.price?.currency ?? null, reason, text: `${a.definition.name} (${a.provider.name}): ${reason}.` };
  };
  const gapUris = new Set(toLearn.map((g) => g.uri));
  const steps = [
    ...forced.map((id) => step(id, itemOf.get(id)!.skills.filter((u) => gapUris.has(u)), [], `completes ${programme!.title}`)),
    ...plan.steps.map((s) => step(s.id, s.covers, s.needs)),
  ];
  const totals = {
    cost: costOf(forced) + plan.cost,
    price: priceOf(forced) + plan.price,
    hours: hoursOf(forced) + plan.hours,
    optimal: plan.optimal && (programme ? programme.exhaustive : true),
  };
  return { target, gap, plan, totals, programme, steps };
}

/** "covers X and Y, essential for data analyst; and Z, useful for data analyst". */
function occupationReasons(covers: Target['skills'], target: Target): string[] {
  const essential = covers.filter((c) => c.relation === 'essential').map((c) => c.label);
  const optional = covers.filter((c) => c.relation !== 'essential').map((c) => c.label);
  return [
    essential.length ? `covers ${list(essential)}, essential for ${target.label}` : '',
    optional.length ? `${essential.length ? 'and ' : 'covers '}${list(optional)}, useful for ${target.label}` : '',
  ].filter(Boolean);
}

/** "covers SQL, asked for in 12 of 15 postings for this role, and …". */
function roleReasons(covers: Target['skills'], target: Target): string[] {
  const items = [...covers]
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0))
    .map((c) => (c.count ? `${c.label} (asked for in ${c.count} of ${target.postings} postings for this role)` : `${c.label} (${c.relation} for this role)`));
  return items.length ? [`covers ${list(items)}`] : [];
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
