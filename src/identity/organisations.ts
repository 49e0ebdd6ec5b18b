import { and, asc, count, eq } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { type DbOrTx, isUniqueViolation, type OrgKind, type Role, schema } from '../db/index.js';

const { organisations, memberships, users } = schema;
export type Organisation = typeof organisations.$inferSelect;

/** Letters that NFKD does not decompose into ASCII. */
const TRANSLITERATE: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** URL-safe slug from any name, keeping it readable: "Université de Lumière" → "universite-de-lumiere". */
export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => TRANSLITERATE[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return s || 'org';
}

export interface NewOrganisation {
  name: string;
  kind: OrgKind;
  slug?: string;
  country?: string | null;
}

export async function createOrganisation(db: DbOrTx, input: NewOrganisation): Promise<Organisation> {
  const name = input.name.trim().normalize('NFC');
  const base = input.slug ?? slugify(name);
  // An explicit slug must be free; a derived one gets a numeric suffix until it is.
  for (let i = 0; i < 50; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`;
    const [taken] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
    if (taken) {
      if (input.slug) throw new AppError('conflict', `The slug "${slug}" is taken.`, { errors: [{ path: 'body.slug', message: 'Taken.' }] });
      continue;
    }
    try {
      const [row] = await db
        .insert(organisations)
        .values({ name, kind: input.kind, slug, country: input.country ?? null })
        .returning();
      return row!;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new AppError('conflict', 'Could not find a free slug for this organisation.');
}

export async function getOrganisation(db: DbOrTx, orgId: string): Promise<Organisation> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!row) throw new AppError('not_found', 'No such organisation.');
  return row;
}

export async function getOrganisationBySlug(db: DbOrTx, slug: string): Promise<Organisation> {
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  if (!row) throw new AppError('not_found', `No organisation with slug "${slug}".`);
  return row;
}

export async function listOrganisations(db: DbOrTx, orgIds?: string[]): Promise<Organisation[]> {
  const rows = await db.select().from(organisations).orderBy(asc(organisations.name));
  return orgIds ? rows.filter((r) => orgIds.includes(r.id)) : rows;
}

export async function updateOrganisation(
  db: DbOrTx,
  orgId: string,
  change: { name?: string; country?: string | null },
): Promise<Organisation> {
  const set: Partial<Organisation> = {};
  if (change.name !== undefined) set.name = change.name.trim().normalize('NFC');
  if (change.country !== undefined) set.country = change.country;
  if (Object.keys(set).length === 0) return getOrganisation(db, orgId);
  const [row] = await db.update(organisations).set(set).where(eq(organisations.id, orgId)).returning();
  if (!row) throw new AppError('not_found', 'No such organisation.');
  return row;
}

export async function listMembers(db: DbOrTx, orgId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, createdAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name));
}

/** Adds or changes a member's role. */
export async function setMember(db: DbOrTx, orgId: string, userId: string, role: Role) {
  await getOrganisation(db, orgId);
  await db
    .insert(memberships)
    .values({ orgId, userId, role })
    .onConflictDoUpdate({ target: [memberships.orgId, memberships.userId], set: { role } });
  const [m] = (await listMembers(db, orgId)).filter((x) => x.userId === userId);
  return m!;
}

/** Removes a member; an organisation always keeps at least one admin. */
export async function removeMember(db: DbOrTx, orgId: string, userId: string): Promise<void> {
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!m) throw new AppError('not_found', 'This user is not a member.');
  if (m.role === 'admin') {
    const [{ n }] = (await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'admin')))) as [{ n: number }];
    if (n <= 1) throw new AppError('conflict', 'An organisation must keep at least one admin.');
  }
  await db.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
}
