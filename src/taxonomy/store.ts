import { createHash } from 'node:crypto';
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import type { DbOrTx } from '../db/index.js';
import { taxonomyOccupationSkills, taxonomyOccupations, taxonomySkillBroader, taxonomySkills, taxonomyVersions } from '../db/schema/taxonomy.js';
import type { ImportPhase, ProgressFn, Taxonomy } from './model.js';

export interface TaxonomyVersion {
  id: string;
  source: string;
  version: string;
  title: string;
  contentHash: string;
  importedAt: Date;
}

export interface SaveResult {
  version: TaxonomyVersion;
  /** False when the same content was already stored: nothing was written. */
  created: boolean;
  counts: { skills: number; groups: number; occupations: number; relations: number };
}

/** Rows per INSERT: big enough to amortise round trips, small enough for PGlite's memory. */
const BATCH = 2000;

export function contentHash(t: Taxonomy): string {
  const h = createHash('sha256');
  for (const part of [t.skills, t.groups, t.occupations, t.relations]) h.update(JSON.stringify(part));
  return h.digest('hex');
}

/**
 * Stores a release in one transaction. Idempotent: the same content again
 * changes nothing; different content under an existing id is a conflict
 * (releases are immutable, so credentials keep meaning what they meant).
 */
export async function saveTaxonomy(db: DbOrTx, t: Taxonomy, opts: { onProgress?: ProgressFn } = {}): Promise<SaveResult> {
  const hash = contentHash(t);
  const counts = { skills: t.skills.length, groups: t.groups.length, occupations: t.occupations.length, relations: t.relations.length };
  const [existing] = await db.select().from(taxonomyVersions).where(eq(taxonomyVersions.id, t.id));
  if (existing) {
    if (existing.contentHash !== hash) throw new AppError('conflict', `taxonomy ${t.id} is already stored with different content`);
    return { version: existing, created: false, counts };
  }
  return db.transaction(async (tx) => {
    const [version] = await tx.insert(taxonomyVersions).values({ id: t.id, source: t.source, version: t.version, title: t.title, contentHash: hash }).returning();
    const v = t.id;
    await insertBatched(tx, 'skills', t.skills.map((s) => ({ v, uri: s.uri, kind: 'skill', label: s.label, alt: s.altLabels, d: s.description, st: s.skillType, rl: s.reuseLevel, code: null })), skillRows, opts.onProgress);
    await insertBatched(tx, 'groups', t.groups.map((g) => ({ v, uri: g.uri, kind: 'group', label: g.label, alt: g.altLabels, d: g.description, st: null, rl: null, code: g.code })), skillRows, opts.onProgress);
    const broader = [...t.skills, ...t.groups].flatMap((x) => x.broader.map((b) => ({ v, uri: x.uri, b })));
    await insertBatched(tx, 'hierarchy', broader, (json) => sql`insert into ${taxonomySkillBroader} (version_id, uri, broader_uri)
      select v, uri, b from jsonb_to_recordset(${json}::jsonb) as x(v text, uri text, b text) on conflict do nothing`, opts.onProgress);
    await insertBatched(tx, 'occupations', t.occupations.map((o) => ({ v, uri: o.uri, label: o.label, alt: o.altLabels, d: o.description, isco: o.iscoGroup, code: o.code })), (json) => sql`insert into ${taxonomyOccupations} (version_id, uri, label, alt_labels, description, isco_group, code)
      select v, uri, label, alt, d, isco, code from jsonb_to_recordset(${json}::jsonb) as x(v text, uri text, label text, alt jsonb, d text, isco text, code text) on conflict do nothing`, opts.onProgress);
    await insertBatched(tx, 'relations', t.relations.map((r) => ({ v, o: r.occupationUri, s: r.skillUri, r: r.relation })), (json) => sql`insert into ${taxonomyOccupationSkills} (version_id, occupation_uri, skill_uri, relation)
      select v, o, s, r from jsonb_to_recordset(${json}::jsonb) as x(v text, o text, s text, r text) on conflict do nothing`, opts.onProgress);
    return { version: version!, created: true, counts };
  });
}

function skillRows(json: string): SQL {
  return sql`insert into ${taxonomySkills} (version_id, uri, kind, label, alt_labels, description, skill_type, reuse_level, code)
    select v, uri, kind, label, alt, d, st, rl, code from jsonb_to_recordset(${json}::jsonb) as x(v text, uri text, kind text, label text, alt jsonb, d text, st text, rl text, code text)
    on conflict do nothing`;
}

// One JSON parameter per batch instead of thousands of bind parameters: far
// faster to build and parse, on PGlite and on a server alike.
async function insertBatched<T>(db: DbOrTx, phase: ImportPhase, rows: T[], statement: (json: string) => SQL, onProgress?: ProgressFn): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.execute(statement(JSON.stringify(rows.slice(i, i + BATCH))));
    onProgress?.({ phase, done: Math.min(i + BATCH, rows.length), total: rows.length });
  }
}

export async function listTaxonomyVersions(db: DbOrTx): Promise<TaxonomyVersion[]> {
  return db.select().from(taxonomyVersions).orderBy(desc(taxonomyVersions.importedAt), taxonomyVersions.id);
}

/** The release used when none is named: the newest real import, else the built-in demo. */
export async function defaultVersion(db: DbOrTx): Promise<TaxonomyVersion> {
  const all = await listTaxonomyVersions(db);
  const pick = all.find((v) => v.source !== 'demo') ?? all[0];
  if (!pick) throw new AppError('not_found', 'no taxonomy is loaded; run `microcred taxonomy import --esco DIR` or start the server once');
  return pick;
}

export async function getVersion(db: DbOrTx, id?: string): Promise<TaxonomyVersion> {
  if (!id) return defaultVersion(db);
  const [v] = await db.select().from(taxonomyVersions).where(eq(taxonomyVersions.id, id));
  if (!v) throw new AppError('not_found', `no taxonomy version ${id}`);
  return v;
}

/** Reads a stored release back into memory. */
export async function loadTaxonomy(db: DbOrTx, id?: string): Promise<Taxonomy> {
  const v = await getVersion(db, id);
  const [rows, broader, occupations, relations] = await Promise.all([
    db.select().from(taxonomySkills).where(eq(taxonomySkills.versionId, v.id)).orderBy(taxonomySkills.uri),
    db.select().from(taxonomySkillBroader).where(eq(taxonomySkillBroader.versionId, v.id)).orderBy(taxonomySkillBroader.uri, taxonomySkillBroader.broaderUri),
    db.select().from(taxonomyOccupations).where(eq(taxonomyOccupations.versionId, v.id)).orderBy(taxonomyOccupations.uri),
    db.select().from(taxonomyOccupationSkills).where(eq(taxonomyOccupationSkills.versionId, v.id)).orderBy(taxonomyOccupationSkills.occupationUri, taxonomyOccupationSkills.skillUri),
  ]);
  const up = new Map<string, string[]>();
  for (const b of broader) up.set(b.uri, [...(up.get(b.uri) ?? []), b.broaderUri]);
  return {
    id: v.id,
    source: v.source,
    version: v.version,
    title: v.title,
    skills: rows
      .filter((r) => r.kind === 'skill')
      .map((r) => ({ uri: r.uri, label: r.label, altLabels: r.altLabels, description: r.description, skillType: r.skillType, reuseLevel: r.reuseLevel, broader: up.get(r.uri) ?? [] })),
    groups: rows
      .filter((r) => r.kind === 'group')
      .map((r) => ({ uri: r.uri, label: r.label, altLabels: r.altLabels, description: r.description, code: r.code, broader: up.get(r.uri) ?? [] })),
    occupations: occupations.map((o) => ({ uri: o.uri, label: o.label, altLabels: o.altLabels, description: o.description, iscoGroup: o.iscoGroup, code: o.code })),
    relations: relations.map((r) => ({ occupationUri: r.occupationUri, skillUri: r.skillUri, relation: r.relation })),
  };
}
