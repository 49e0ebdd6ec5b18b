import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { type DbOrTx, type AchievementStatus, schema } from '../db/index.js';
import { type AchievementDefinition, type AchievementDefinitionInput, AchievementDefinitionSchema } from './definition.js';

const { achievements, achievementVersions, organisations } = schema;

export interface Achievement {
  id: string;
  orgId: string;
  status: AchievementStatus;
  version: number;
  definition: AchievementDefinition;
  createdAt: Date;
  updatedAt: Date;
}

export interface CatalogueEntry extends Achievement {
  provider: { id: string; name: string; slug: string; country: string | null };
}

/** Parses a definition, turning zod issues into field errors under `body.`. */
export function parseDefinition(input: unknown): AchievementDefinition {
  const r = AchievementDefinitionSchema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError('invalid_request', 'The achievement definition is incomplete or invalid.', {
    errors: r.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
  });
}

export async function createAchievement(
  db: DbOrTx,
  input: { orgId: string; definition: AchievementDefinitionInput; createdBy?: string; publish?: boolean },
): Promise<Achievement> {
  const definition = parseDefinition(input.definition);
  await checkPrerequisites(db, definition);
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, input.orgId));
  if (!org) throw new AppError('not_found', 'No such organisation.');
  if (org.kind !== 'provider') throw new AppError('forbidden', 'Only provider organisations define achievements.');
  const [row] = await db
    .insert(achievements)
    .values({ orgId: input.orgId, status: input.publish ? 'published' : 'draft' })
    .returning();
  await db.insert(achievementVersions).values({ achievementId: row!.id, version: 1, definition, createdBy: input.createdBy ?? null });
  return { ...pick(row!), version: 1, definition };
}

/** Prerequisite achievements must exist and must not be the achievement itself. */
async function checkPrerequisites(db: DbOrTx, definition: AchievementDefinition, selfId?: string): Promise<void> {
  const ids = definition.prerequisiteAchievements;
  if (ids.length === 0) return;
  const found = new Set((await db.select({ id: achievements.id }).from(achievements).where(inArray(achievements.id, ids))).map((r) => r.id));
  const errors = ids.flatMap((id, i) =>
    id === selfId
      ? [{ path: `body.prerequisiteAchievements.${i}`, message: 'An achievement cannot be its own prerequisite.' }]
      : found.has(id)
        ? []
        : [{ path: `body.prerequisiteAchievements.${i}`, message: 'No achievement has this id.' }],
  );
  if (errors.length) throw new AppError('invalid_request', 'A prerequisite achievement is not valid.', { errors });
}

/** Saves a new version; the old ones stay, so credentials issued under them still resolve. */
export async function reviseAchievement(
  db: DbOrTx,
  input: { orgId: string; achievementId: string; definition: AchievementDefinitionInput; createdBy?: string },
): Promise<Achievement> {
  const definition = parseDefinition(input.definition);
  await checkPrerequisites(db, definition, input.achievementId);
  // Row lock: two concurrent edits get consecutive versions instead of a key clash.
  const [row] = await db
    .update(achievements)
    .set({ currentVersion: sql`${achievements.currentVersion} + 1`, updatedAt: new Date() })
    .where(and(eq(achievements.id, input.achievementId), eq(achievements.orgId, input.orgId)))
    .returning();
  if (!row) throw new AppError('not_found', 'No such achievement in this organisation.');
  if (row.status === 'archived') throw new AppError('conflict', 'An archived achievement cannot be changed.');
  await db
    .insert(achievementVersions)
    .values({ achievementId: row.id, version: row.currentVersion, definition, createdBy: input.createdBy ?? null });
  return { ...pick(row), version: row.currentVersion, definition };
}

export async function setAchievementStatus(db: DbOrTx, orgId: string, achievementId: string, status: AchievementStatus): Promise<Achievement> {
  const [row] = await db
    .update(achievements)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(achievements.id, achievementId), eq(achievements.orgId, orgId)))
    .returning({ id: achievements.id });
  if (!row) throw new AppError('not_found', 'No such achievement in this organisation.');
  return getAchievement(db, orgId, achievementId);
}

/** The achievement with its current definition, or a given version of it. */
export async function getAchievement(db: DbOrTx, orgId: string | null, achievementId: string, version?: number): Promise<Achievement> {
  const [row] = await db
    .select()
    .from(achievements)
    .where(orgId ? and(eq(achievements.id, achievementId), eq(achievements.orgId, orgId)) : eq(achievements.id, achievementId));
  if (!row) throw new AppError('not_found', 'No such achievement.');
  const v = version ?? row.currentVersion;
  const [ver] = await db
    .select()
    .from(achievementVersions)
    .where(and(eq(achievementVersions.achievementId, achievementId), eq(achievementVersions.version, v)));
  if (!ver) throw new AppError('not_found', `This achievement has no version ${v}.`);
  return { ...pick(row), version: v, definition: ver.definition as AchievementDefinition };
}

export async function listVersions(db: DbOrTx, orgId: string, achievementId: string) {
  await getAchievement(db, orgId, achievementId);
  return db
    .select({ version: achievementVersions.version, createdAt: achievementVersions.createdAt, name: sql<string>`${achievementVersions.definition}->>'name'` })
    .from(achievementVersions)
    .where(eq(achievementVersions.achievementId, achievementId))
    .orderBy(desc(achievementVersions.version));
}

export async function listAchievements(db: DbOrTx, orgId: string): Promise<Achievement[]> {
  return withCurrentDefinitions(db, await db.select().from(achievements).where(eq(achievements.orgId, orgId)).orderBy(desc(achievements.updatedAt)));
}

/** Published achievements of every provider: the public catalogue. */
export async function listCatalogue(db: DbOrTx): Promise<CatalogueEntry[]> {
  const rows = await db
    .select({ a: achievements, o: organisations })
    .from(achievements)
    .innerJoin(organisations, eq(organisations.id, achievements.orgId))
    .where(eq(achievements.status, 'published'))
    .orderBy(organisations.name);
  const full = await withCurrentDefinitions(db, rows.map((r) => r.a));
  return full.map((a, i) => {
    const o = rows[i]!.o;
    return { ...a, provider: { id: o.id, name: o.name, slug: o.slug, country: o.country } };
  });
}

async function withCurrentDefinitions(db: DbOrTx, rows: (typeof achievements.$inferSelect)[]): Promise<Achievement[]> {
  if (rows.length === 0) return [];
  const versions = await db
    .select()
    .from(achievementVersions)
    .where(inArray(achievementVersions.achievementId, rows.map((r) => r.id)));
  const byKey = new Map(versions.map((v) => [`${v.achievementId}:${v.version}`, v.definition as AchievementDefinition]));
  return rows.map((r) => ({ ...pick(r), version: r.currentVersion, definition: byKey.get(`${r.id}:${r.currentVersion}`)! }));
}

function pick(row: typeof achievements.$inferSelect) {
  return { id: row.id, orgId: row.orgId, status: row.status, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
