import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type AchievementDefinitionInput, createAchievement, reviseAchievement, setAchievementStatus } from '../achievements/index.js';
import type { AchievementDefinition } from '../achievements/index.js';
import { AppError } from '../core/errors.js';
import { type CommitmentStatus, type DbOrTx, type ProgrammeStatus, schema } from '../db/index.js';
import { type CommitmentRequest, type ProgrammeDefinition, type ProgrammeDefinitionInput, type ProgrammeRule, ProgrammeDefinitionSchema } from './definition.js';

const { programmes, programmeOwners, programmeVersions, programmeCommitments, recognitionAgreements, achievements, achievementVersions, organisations } = schema;

export interface OrgRef {
  id: string;
  name: string;
  slug: string;
  kind: string;
}

export interface Commitment {
  id: string;
  programmeId: string;
  partner: OrgRef;
  kind: (typeof programmeCommitments.$inferSelect)['kind'];
  description: string;
  degree: string | null;
  ects: number | null;
  status: CommitmentStatus;
  requestedByOrgId: string;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface Programme {
  id: string;
  leadOrgId: string;
  owners: OrgRef[];
  status: ProgrammeStatus;
  version: number;
  definition: ProgrammeDefinition;
  /** The lead owner's achievement the programme credential is issued under, once published. */
  achievementId: string | null;
  commitments: Commitment[];
  createdAt: Date;
  updatedAt: Date;
}

export function parseProgrammeDefinition(input: unknown): ProgrammeDefinition {
  const r = ProgrammeDefinitionSchema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError('invalid_request', 'The programme definition is incomplete or invalid.', {
    errors: r.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
  });
}

export function ruleAchievementIds(rules: readonly ProgrammeRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.achievementIds))];
}

/** The current definitions of the given achievements (any provider). */
export async function achievementFacts(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; orgId: string; status: string; definition: AchievementDefinition }>();
  const rows = await db
    .select({ id: achievements.id, orgId: achievements.orgId, status: achievements.status, definition: achievementVersions.definition })
    .from(achievements)
    .innerJoin(achievementVersions, and(eq(achievementVersions.achievementId, achievements.id), eq(achievementVersions.version, achievements.currentVersion)))
    .where(inArray(achievements.id, ids));
  return new Map(rows.map((r) => [r.id, { ...r, definition: r.definition as AchievementDefinition }]));
}

/** ECTS per achievement, from each definition's workload (0 when given in hours only). */
export async function creditsOf(db: DbOrTx, ids: string[]): Promise<Map<string, number>> {
  const facts = await achievementFacts(db, ids);
  return new Map([...facts].map(([id, f]) => [id, f.definition.workload.ects ?? 0]));
}

async function checkRuleAchievements(db: DbOrTx, d: ProgrammeDefinition, mustBePublished: boolean): Promise<void> {
  const ids = ruleAchievementIds(d.rules);
  const facts = await achievementFacts(db, ids);
  const errors: { path: string; message: string }[] = [];
  d.rules.forEach((r, i) =>
    r.achievementIds.forEach((id, j) => {
      const f = facts.get(id);
      if (!f) errors.push({ path: `body.rules.${i}.achievementIds.${j}`, message: 'No such achievement.' });
      else if (mustBePublished && f.status !== 'published') errors.push({ path: `body.rules.${i}.achievementIds.${j}`, message: 'This achievement is not published.' });
    }),
  );
  d.rules.forEach((r, i) => {
    if (r.type !== 'min_credits') return;
    const available = r.achievementIds.reduce((s, id) => s + (facts.get(id)?.definition.workload.ects ?? 0), 0);
    if (available < r.credits) errors.push({ path: `body.rules.${i}.credits`, message: `The listed achievements are worth only ${available} ECTS.` });
  });
  if (errors.length) throw new AppError('invalid_request', 'The programme’s rules name achievements that cannot count.', { errors });
}

async function requireProviders(db: DbOrTx, orgIds: string[]): Promise<void> {
  const rows = await db.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, orgIds));
  for (const id of orgIds) {
    const o = rows.find((r) => r.id === id);
    if (!o) throw new AppError('invalid_request', 'No such organisation.', { errors: [{ path: 'body.coOwnerOrgIds', message: `No organisation ${id}.` }] });
    if (o.kind !== 'provider') throw new AppError('invalid_request', 'Only provider organisations own programmes.', { errors: [{ path: 'body.coOwnerOrgIds', message: `${id} is not a provider.` }] });
  }
}

export async function createProgramme(
  db: DbOrTx,
  input: { orgId: string; coOwnerOrgIds?: string[]; definition: ProgrammeDefinitionInput; createdBy?: string },
): Promise<Programme> {
  const definition = parseProgrammeDefinition(input.definition);
  const owners = [input.orgId, ...(input.coOwnerOrgIds ?? []).filter((id) => id !== input.orgId)];
  await requireProviders(db, [...new Set(owners)]);
  await checkRuleAchievements(db, definition, false);
  const [row] = await db.insert(programmes).values({ leadOrgId: input.orgId }).returning();
  await db.insert(programmeOwners).values([...new Set(owners)].map((orgId) => ({ programmeId: row!.id, orgId })));
  await db.insert(programmeVersions).values({ programmeId: row!.id, version: 1, definition, createdBy: input.createdBy ?? null });
  return getProgramme(db, row!.id);
}

async function requireOwner(db: DbOrTx, orgId: string, programmeId: string) {
  const [row] = await db
    .select({ p: programmes })
    .from(programmes)
    .innerJoin(programmeOwners, and(eq(programmeOwners.programmeId, programmes.id), eq(programmeOwners.orgId, orgId)))
    .where(eq(programmes.id, programmeId));
  if (!row) throw new AppError('not_found', 'No such programme owned by this organisation.');
  return row.p;
}

/** Saves a new version; a published programme's credential follows it from then on. */
export async function reviseProgramme(
  db: DbOrTx,
  input: { orgId: string; programmeId: string; definition: ProgrammeDefinitionInput; createdBy?: string },
): Promise<Programme> {
  const definition = parseProgrammeDefinition(input.definition);
  const current = await requireOwner(db, input.orgId, input.programmeId);
  if (current.status === 'retired') throw new AppError('conflict', 'A retired programme cannot be changed.');
  await checkRuleAchievements(db, definition, current.status === 'published');
  const [row] = await db
    .update(programmes)
    .set({ currentVersion: sql`${programmes.currentVersion} + 1`, updatedAt: new Date() })
    .where(eq(programmes.id, input.programmeId))
    .returning();
  await db.insert(programmeVersions).values({ programmeId: row!.id, version: row!.currentVersion, definition, createdBy: input.createdBy ?? null });
  if (row!.status === 'published' && row!.achievementId) {
    await reviseAchievement(db, { orgId: row!.leadOrgId, achievementId: row!.achievementId, definition: await backingDefinition(db, definition), createdBy: input.createdBy });
  }
  return getProgramme(db, row!.id);
}

/**
 * Publishing makes (or brings up to date) the lead owner's achievement the
 * programme credential is issued under; retiring unpublishes it, so no new
 * programme credentials are issued, while those issued keep verifying.
 */
export async function setProgrammeStatus(db: DbOrTx, input: { orgId: string; programmeId: string; status: ProgrammeStatus; by?: string }): Promise<Programme> {
  const current = await requireOwner(db, input.orgId, input.programmeId);
  const p = await getProgramme(db, current.id);
  let achievementId = current.achievementId;
  if (input.status === 'published') {
    await checkRuleAchievements(db, p.definition, true);
    const definition = await backingDefinition(db, p.definition);
    if (!achievementId) {
      achievementId = (await createAchievement(db, { orgId: current.leadOrgId, definition, createdBy: input.by, publish: true })).id;
    } else {
      await reviseAchievement(db, { orgId: current.leadOrgId, achievementId, definition, createdBy: input.by });
      await setAchievementStatus(db, current.leadOrgId, achievementId, 'published');
    }
  } else if (achievementId) {
    await setAchievementStatus(db, current.leadOrgId, achievementId, 'draft');
  }
  await db.update(programmes).set({ status: input.status, achievementId, updatedAt: new Date() }).where(eq(programmes.id, current.id));
  return getProgramme(db, current.id);
}

function describeRule(r: ProgrammeRule, name: (id: string) => string): string {
  const list = r.achievementIds.map((id) => `- ${name(id)}`).join('\n');
  const head = r.title ? `**${r.title}** — ` : '';
  switch (r.type) {
    case 'all':
      return `${head}all of:\n${list}`;
    case 'n_of':
      return `${head}any ${r.n} of:\n${list}`;
    case 'min_credits':
      return `${head}at least ${r.credits} ECTS from:\n${list}`;
  }
}

/** The OB 3.0 achievement definition of a programme: its rules in words, its ECTS and outcomes. */
export async function backingDefinition(db: DbOrTx, d: ProgrammeDefinition): Promise<AchievementDefinitionInput> {
  const facts = await achievementFacts(db, ruleAchievementIds(d.rules));
  const name = (id: string) => facts.get(id)?.definition.name ?? id;
  const forms = new Set([...facts.values()].map((f) => f.definition.participation));
  return {
    name: d.title,
    description: d.description,
    criteria: { narrative: `Awarded automatically when the learner holds valid credentials meeting every rule:\n\n${d.rules.map((r) => describeRule(r, name)).join('\n\n')}` },
    achievementType: d.achievementType,
    tags: ['programme'],
    learningOutcomes: d.learningOutcomes,
    workload: { ects: d.totalEcts },
    ...(d.eqfLevel ? { eqfLevel: d.eqfLevel } : {}),
    ...(d.humanCode ? { humanCode: d.humanCode } : {}),
    assessment: 'Each component micro-credential is assessed by its provider; the programme credential certifies holding them.',
    participation: forms.size === 1 ? [...forms][0]! : 'hybrid',
    qualityAssurance: d.qualityAssurance,
    integration: { mode: 'integrated', description: 'Stacks the component micro-credentials listed in the criteria.' },
    alignments: dedupeAlignments([...facts.values()].flatMap((f) => f.definition.alignments)),
  };
}

function dedupeAlignments<T extends { targetUrl: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(x.targetUrl) && (seen.add(x.targetUrl), true)).slice(0, 100);
}

export async function getProgramme(db: DbOrTx, programmeId: string, version?: number): Promise<Programme> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
  if (!row) throw new AppError('not_found', 'No such programme.');
  return (await hydrate(db, [row], version))[0]!;
}

async function hydrate(db: DbOrTx, rows: (typeof programmes.$inferSelect)[], version?: number): Promise<Programme[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One after another: inside a transaction there is one connection, which takes one query at a time.
  const versions = await db.select().from(programmeVersions).where(inArray(programmeVersions.programmeId, ids));
  const owners = await db
    .select({ programmeId: programmeOwners.programmeId, id: organisations.id, name: organisations.name, slug: organisations.slug, kind: organisations.kind })
    .from(programmeOwners)
    .innerJoin(organisations, eq(organisations.id, programmeOwners.orgId))
    .where(inArray(programmeOwners.programmeId, ids))
    .orderBy(asc(organisations.name));
  const commitments = await listCommitmentRows(db, inArray(programmeCommitments.programmeId, ids));
  return rows.map((r) => {
    const v = version ?? r.currentVersion;
    const ver = versions.find((x) => x.programmeId === r.id && x.version === v);
    if (!ver) throw new AppError('not_found', `This programme has no version ${v}.`);
    const own = owners.filter((o) => o.programmeId === r.id).map(({ programmeId: _p, ...o }) => o);
    // The lead first, then co-owners by name.
    own.sort((a, b) => Number(b.id === r.leadOrgId) - Number(a.id === r.leadOrgId));
    return {
      id: r.id,
      leadOrgId: r.leadOrgId,
      owners: own,
      status: r.status,
      version: v,
      definition: ver.definition as ProgrammeDefinition,
      achievementId: r.achievementId,
      commitments: commitments.filter((c) => c.programmeId === r.id),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

/** Programmes an organisation owns, drafts included. */
export async function listOwnedProgrammes(db: DbOrTx, orgId: string): Promise<Programme[]> {
  const rows = await db
    .select({ p: programmes })
    .from(programmes)
    .innerJoin(programmeOwners, and(eq(programmeOwners.programmeId, programmes.id), eq(programmeOwners.orgId, orgId)))
    .orderBy(desc(programmes.updatedAt));
  return hydrate(db, rows.map((r) => r.p));
}

/** Every published programme: the public list. */
export async function listPublishedProgrammes(db: DbOrTx): Promise<Programme[]> {
  return hydrate(db, await db.select().from(programmes).where(eq(programmes.status, 'published')).orderBy(asc(programmes.createdAt)));
}

/** A published programme for anyone; drafts and retired ones are not found. */
export async function getPublishedProgramme(db: DbOrTx, programmeId: string): Promise<Programme> {
  const p = await getProgramme(db, programmeId);
  if (p.status !== 'published') throw new AppError('not_found', 'No such programme.');
  return p;
}

/** Public views show only what partners confirmed. */
export function confirmedOnly(p: Programme): Programme {
  return { ...p, commitments: p.commitments.filter((c) => c.status === 'confirmed') };
}

// --- partner commitments ------------------------------------------------------

async function listCommitmentRows(db: DbOrTx, where: ReturnType<typeof eq>): Promise<Commitment[]> {
  const rows = await db
    .select({ c: programmeCommitments, o: organisations })
    .from(programmeCommitments)
    .innerJoin(organisations, eq(organisations.id, programmeCommitments.partnerOrgId))
    .where(where)
    .orderBy(asc(programmeCommitments.createdAt));
  return rows.map(({ c, o }) => ({
    id: c.id,
    programmeId: c.programmeId,
    partner: { id: o.id, name: o.name, slug: o.slug, kind: o.kind },
    kind: c.kind,
    description: c.description,
    degree: c.degree,
    ects: c.ects,
    status: c.status,
    requestedByOrgId: c.requestedByOrgId,
    decidedAt: c.decidedAt,
    createdAt: c.createdAt,
  }));
}

/** Organisations that may be asked for commitments: every one but the platform operator. */
export async function listPartnerOrganisations(db: DbOrTx): Promise<OrgRef[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug, kind: organisations.kind })
    .from(organisations)
    .where(sql`${organisations.kind} <> 'platform'`)
    .orderBy(asc(organisations.name));
}

/** An owner asks a partner organisation for a commitment; it counts once the partner confirms. */
export async function requestCommitment(db: DbOrTx, input: { orgId: string; programmeId: string; request: CommitmentRequest; by?: string }): Promise<Commitment> {
  const p = await requireOwner(db, input.orgId, input.programmeId);
  if (p.status === 'retired') throw new AppError('conflict', 'A retired programme takes no new commitments.');
  const [partner] = await db.select().from(organisations).where(eq(organisations.id, input.request.partnerOrgId));
  const bad = (message: string) => new AppError('invalid_request', message, { errors: [{ path: 'body.partnerOrgId', message }] });
  if (!partner) throw bad('No such organisation.');
  if (partner.kind === 'platform') throw bad('The platform operator makes no commitments.');
  if (input.request.kind === 'credit_recognition' && partner.kind !== 'provider' && partner.kind !== 'qa_body') {
    throw bad('Credit toward a degree is recognised by an institution (a provider or quality-assurance body).');
  }
  const [row] = await db
    .insert(programmeCommitments)
    .values({
      programmeId: p.id,
      partnerOrgId: partner.id,
      kind: input.request.kind,
      description: input.request.description,
      degree: input.request.kind === 'credit_recognition' ? input.request.degree! : null,
      ects: input.request.kind === 'credit_recognition' ? input.request.ects! : null,
      requestedByOrgId: input.orgId,
      requestedBy: input.by ?? null,
    })
    .returning();
  return (await listCommitmentRows(db, eq(programmeCommitments.id, row!.id)))[0]!;
}

/** Commitments asked of a partner organisation (for its members to confirm or decline). */
export async function listPartnerCommitments(db: DbOrTx, partnerOrgId: string): Promise<(Commitment & { programmeTitle: string })[]> {
  const rows = await listCommitmentRows(db, eq(programmeCommitments.partnerOrgId, partnerOrgId));
  const progs = rows.length ? await hydrate(db, await db.select().from(programmes).where(inArray(programmes.id, [...new Set(rows.map((r) => r.programmeId))]))) : [];
  return rows.map((c) => ({ ...c, programmeTitle: progs.find((p) => p.id === c.programmeId)!.definition.title }));
}

/**
 * The partner decides. Confirming a credit-recognition commitment also
 * records the institution's recognition agreement, valid from `today`.
 */
export async function decideCommitment(
  db: DbOrTx,
  input: { partnerOrgId: string; commitmentId: string; decision: 'confirmed' | 'declined'; by?: string; today: string },
): Promise<Commitment> {
  const [row] = await db
    .update(programmeCommitments)
    .set({ status: input.decision, decidedBy: input.by ?? null, decidedAt: new Date() })
    .where(and(eq(programmeCommitments.id, input.commitmentId), eq(programmeCommitments.partnerOrgId, input.partnerOrgId), eq(programmeCommitments.status, 'requested')))
    .returning();
  if (!row) {
    const [exists] = await db
      .select({ status: programmeCommitments.status })
      .from(programmeCommitments)
      .where(and(eq(programmeCommitments.id, input.commitmentId), eq(programmeCommitments.partnerOrgId, input.partnerOrgId)));
    if (!exists) throw new AppError('not_found', 'No such commitment request for this organisation.');
    throw new AppError('conflict', `This commitment is already ${exists.status}.`);
  }
  if (input.decision === 'confirmed' && row.kind === 'credit_recognition') {
    await db.insert(recognitionAgreements).values({
      institutionOrgId: row.partnerOrgId,
      degree: row.degree!,
      programmeId: row.programmeId,
      ects: row.ects!,
      validFrom: input.today,
      note: row.description,
      commitmentId: row.id,
      createdBy: input.by ?? null,
    });
  }
  return (await listCommitmentRows(db, eq(programmeCommitments.id, row.id)))[0]!;
}

/** An owner withdraws a commitment it asked for (a confirmed one too: the programme no longer offers it). */
export async function withdrawCommitment(db: DbOrTx, input: { orgId: string; programmeId: string; commitmentId: string }): Promise<Commitment> {
  await requireOwner(db, input.orgId, input.programmeId);
  const [row] = await db
    .update(programmeCommitments)
    .set({ status: 'withdrawn' })
    .where(and(eq(programmeCommitments.id, input.commitmentId), eq(programmeCommitments.programmeId, input.programmeId)))
    .returning();
  if (!row) throw new AppError('not_found', 'No such commitment on this programme.');
  await db.update(recognitionAgreements).set({ withdrawnAt: new Date() }).where(eq(recognitionAgreements.commitmentId, row.id));
  return (await listCommitmentRows(db, eq(programmeCommitments.id, row.id)))[0]!;
}
