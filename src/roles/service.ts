import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { type DbOrTx, schema } from '../db/index.js';
import { type RoleDefinition, RoleInputSchema } from './definition.js';

const { employerRoles, organisations } = schema;

export type RoleRow = typeof employerRoles.$inferSelect;
export interface PublishedRole extends RoleRow {
  employer: { id: string; name: string; slug: string };
}

/** Parses a role, turning zod issues into field errors under `body.`. */
export function parseRole(input: unknown): RoleDefinition {
  const r = RoleInputSchema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError('invalid_request', 'The role is incomplete or invalid.', {
    errors: r.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
  });
}

export async function createRole(db: DbOrTx, orgId: string, input: unknown, createdBy?: string): Promise<RoleRow> {
  const d = parseRole(input);
  const [row] = await db.insert(employerRoles).values({ orgId, ...d, createdBy: createdBy ?? null }).returning();
  return row!;
}

export async function updateRole(db: DbOrTx, orgId: string, roleId: string, input: unknown, now: Date): Promise<RoleRow> {
  const d = parseRole(input);
  const [row] = await db
    .update(employerRoles)
    .set({ ...d, updatedAt: now })
    .where(and(eq(employerRoles.id, roleId), eq(employerRoles.orgId, orgId)))
    .returning();
  if (!row) throw new AppError('not_found', 'No such role in this organisation.');
  return row;
}

export async function deleteRole(db: DbOrTx, orgId: string, roleId: string): Promise<void> {
  const gone = await db.delete(employerRoles).where(and(eq(employerRoles.id, roleId), eq(employerRoles.orgId, orgId))).returning({ id: employerRoles.id });
  if (gone.length === 0) throw new AppError('not_found', 'No such role in this organisation.');
}

export async function listRoles(db: DbOrTx, orgId: string): Promise<RoleRow[]> {
  return db.select().from(employerRoles).where(eq(employerRoles.orgId, orgId)).orderBy(desc(employerRoles.updatedAt));
}

/** Published roles of every employer, for learners to plan towards; `q` keeps those whose title or employer has every word. */
export async function listPublishedRoles(db: DbOrTx, q?: string): Promise<PublishedRole[]> {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = sql`lower(${employerRoles.title} || ' ' || ${organisations.name})`;
  const rows = await db
    .select({ r: employerRoles, o: organisations })
    .from(employerRoles)
    .innerJoin(organisations, eq(organisations.id, employerRoles.orgId))
    .where(and(eq(employerRoles.status, 'published'), ...words.map((w) => sql`strpos(${haystack}, ${w}) > 0`)))
    .orderBy(employerRoles.title);
  return rows.map(({ r, o }) => ({ ...r, employer: { id: o.id, name: o.name, slug: o.slug } }));
}

export async function getPublishedRole(db: DbOrTx, roleId: string): Promise<PublishedRole> {
  const [row] = await db
    .select({ r: employerRoles, o: organisations })
    .from(employerRoles)
    .innerJoin(organisations, eq(organisations.id, employerRoles.orgId))
    .where(and(eq(employerRoles.id, roleId), eq(employerRoles.status, 'published')));
  if (!row) throw new AppError('not_found', 'No such published role.');
  return { ...row.r, employer: { id: row.o.id, name: row.o.name, slug: row.o.slug } };
}
