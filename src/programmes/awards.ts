import { and, eq, inArray, or } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { type DbOrTx, schema } from '../db/index.js';
import { findUserByEmail, getUser } from '../identity/index.js';
import { credentialUrl, type CredentialRow, type IssuanceContext, issueCredential, ofLearner, validAt } from '../issuance/index.js';
import { achievementFacts, getProgramme, listPublishedProgrammes, type Programme, ruleAchievementIds } from './service.js';
import { completionSet, evaluateProgramme, type Holdings, type ProgrammeProgress } from './rules.js';

const { credentials, users } = schema;

/**
 * The learner's credentials that count: issued to their account or email,
 * not revoked, not suspended, not expired. Achievement id → credential ids,
 * oldest first.
 */
export async function learnerHoldings(db: DbOrTx, learner: { id: string; email: string }, now: Date): Promise<Holdings> {
  const rows = await db
    .select({ id: credentials.id, achievementId: credentials.achievementId, issuedAt: credentials.issuedAt })
    .from(credentials)
    .where(
      and(ofLearner(learner), validAt(now)),
    );
  rows.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.id.localeCompare(b.id));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.achievementId, [...(map.get(r.achievementId) ?? []), r.id]);
  return map;
}

export interface ProgrammeStanding {
  programme: Programme;
  progress: ProgrammeProgress;
  /** The learner's programme credential, when awarded (revoked or not). */
  awardedCredentialId: string | null;
  /** Names and ECTS of the achievements the rules name, for display. */
  achievements: Record<string, { name: string; ects: number; providerOrgId: string }>;
}

async function standing(db: DbOrTx, p: Programme, holdings: Holdings, learner: { id: string; email: string }): Promise<ProgrammeStanding> {
  const facts = await achievementFacts(db, ruleAchievementIds(p.definition.rules));
  const credits = new Map([...facts].map(([id, f]) => [id, f.definition.workload.ects ?? 0]));
  const progress = evaluateProgramme(p.definition.rules, holdings, credits);
  let awardedCredentialId: string | null = null;
  if (p.achievementId) {
    const [row] = await db
      .select({ id: credentials.id })
      .from(credentials)
      .where(and(eq(credentials.achievementId, p.achievementId), ofLearner(learner)))
      .limit(1);
    awardedCredentialId = row?.id ?? null;
  }
  return {
    programme: p,
    progress,
    awardedCredentialId,
    achievements: Object.fromEntries([...facts].map(([id, f]) => [id, { name: f.definition.name, ects: f.definition.workload.ects ?? 0, providerOrgId: f.orgId }])),
  };
}

/** Rule-by-rule progress of a learner in every published programme (or one). */
export async function learnerProgress(db: DbOrTx, learnerId: string, now: Date, programmeId?: string): Promise<ProgrammeStanding[]> {
  const learner = await getUser(db, learnerId);
  const holdings = await learnerHoldings(db, learner, now);
  const list = programmeId ? [await getProgramme(db, programmeId)] : await listPublishedProgrammes(db);
  if (programmeId && list[0]!.status !== 'published') throw new AppError('not_found', 'No such programme.');
  const out: ProgrammeStanding[] = [];
  for (const p of list) out.push(await standing(db, p, holdings, learner)); // a transaction takes one query at a time
  return out;
}

/**
 * For the pathway planner: the achievement ids that, added to what the
 * learner validly holds now, complete the published programme — `[]` when
 * it is already complete, `undefined` when no choice of its listed
 * achievements can complete it. The set is small (greedy, see
 * `completionSet`), not guaranteed minimal in price or hours.
 */
export async function achievementsToComplete(db: DbOrTx, programmeId: string, learnerId: string, now: Date): Promise<string[] | undefined> {
  const [s] = await learnerProgress(db, learnerId, now, programmeId);
  const held = new Set(s!.progress.rules.flatMap((r) => r.held));
  const credits = new Map(Object.entries(s!.achievements).map(([id, a]) => [id, a.ects]));
  return completionSet(s!.programme.definition.rules, held, credits);
}

/** The idempotency key of a learner's programme credential: one per learner and programme, ever. */
export function awardKey(programmeId: string, learnerId: string): string {
  return `programme:${programmeId}:learner:${learnerId}`;
}

export interface Award {
  programmeId: string;
  credentialId: string;
  created: boolean;
}

/**
 * Issues the programme credential of every published programme the learner
 * has completed, through the normal issuance path (signed, status-listed,
 * logged). Its evidence lists one valid credential per counted achievement.
 * The idempotency key makes it at most once per learner and programme, also
 * under concurrent calls (the unique index decides the race).
 */
export async function awardCompletedProgrammes(ctx: IssuanceContext, learnerId: string): Promise<Award[]> {
  const now = ctx.clock.now();
  const learner = await getUser(ctx.db, learnerId);
  if (!learner.isLearner) return [];
  const standings = await learnerProgress(ctx.db, learnerId, now);
  const awards: Award[] = [];
  for (const s of standings) {
    if (!s.progress.complete || !s.programme.achievementId) continue;
    const { credential, created } = await issueCredential(ctx, {
      orgId: s.programme.leadOrgId,
      achievementId: s.programme.achievementId,
      recipient: { name: learner.name, email: learner.email },
      idempotencyKey: awardKey(s.programme.id, learner.id),
      evidence: s.progress.evidence.map((e) => ({
        id: credentialUrl(ctx.publicUrl, e.credentialId),
        name: s.achievements[e.achievementId]?.name ?? 'Component credential',
        narrative: `Component credential counted toward ${s.programme.definition.title}.`,
      })),
    });
    awards.push({ programmeId: s.programme.id, credentialId: credential.id, created });
  }
  return awards;
}

/** The learner account a newly issued credential belongs to, if any. */
async function learnerOf(db: DbOrTx, row: CredentialRow): Promise<string | undefined> {
  if (row.learnerId) return row.learnerId;
  if (!row.recipientEmail) return undefined;
  const u = await findUserByEmail(db, row.recipientEmail);
  return u?.isLearner ? u.id : undefined;
}

/**
 * The issuance hook: after each new credential commits, award any programme
 * its learner now completes. Set it as `IssuanceContext.afterIssue`.
 */
export function programmeAwarder(ctx: IssuanceContext): (row: CredentialRow) => Promise<void> {
  return async (row) => {
    const learnerId = await learnerOf(ctx.db, row);
    if (learnerId) await awardCompletedProgrammes(ctx, learnerId);
  };
}

/**
 * The batch issuance hook (`IssuanceContext.afterIssueBatch`): what
 * `programmeAwarder` does for each credential, with one query for the
 * learners behind the batch's email recipients and one award pass per learner.
 */
export function programmeBatchAwarder(ctx: IssuanceContext): (rows: CredentialRow[]) => Promise<void> {
  return async (rows) => {
    const byLearner = new Map<string, CredentialRow>();
    for (const row of rows) if (row.learnerId && !byLearner.has(row.learnerId)) byLearner.set(row.learnerId, row);
    const emails = [...new Set(rows.flatMap((r) => (!r.learnerId && r.recipientEmail ? [r.recipientEmail] : [])))];
    for (let k = 0; k < emails.length; k += 1000) {
      const found = await ctx.db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(inArray(users.email, emails.slice(k, k + 1000)), eq(users.isLearner, true)));
      for (const u of found) if (!byLearner.has(u.id)) byLearner.set(u.id, rows.find((r) => r.recipientEmail === u.email)!);
    }
    for (const [learnerId, row] of byLearner) {
      await awardCompletedProgrammes(ctx, learnerId).catch((e) => ctx.onAfterIssueError?.(e, row));
    }
  };
}

/** Every learner holding a credential a published programme names: for a sweep after publishing. */
export async function awardAllCompleted(ctx: IssuanceContext): Promise<Award[]> {
  const published = await listPublishedProgrammes(ctx.db);
  const ids = [...new Set(published.flatMap((p) => ruleAchievementIds(p.definition.rules)))];
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectDistinct({ id: users.id })
    .from(credentials)
    .innerJoin(users, or(eq(users.id, credentials.learnerId), eq(users.email, credentials.recipientEmail)))
    .where(and(inArray(credentials.achievementId, ids), eq(users.isLearner, true)));
  const out: Award[] = [];
  for (const r of rows) out.push(...(await awardCompletedProgrammes(ctx, r.id)));
  return out;
}

