import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.js';
import type { Database } from '../../src/db/index.js';
import {
  DEMO_TAXONOMY_ID,
  defaultVersion,
  demoTaxonomy,
  ensureDemoTaxonomy,
  importEsco,
  listTaxonomyVersions,
  loadTaxonomy,
  occupationProfile,
  saveTaxonomy,
  type ImportPhase,
} from '../../src/taxonomy/index.js';
import { testDatabase } from '../helpers/db.js';
import { ESCO_DIR, HAVE_ESCO, ictOnly } from './fixtures.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const count = async (table: string) => Number(((await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);

describe('when the demo taxonomy is loaded on first start', () => {
  it('stores it once and is the default while nothing else is imported', async () => {
    const first = await ensureDemoTaxonomy(database.db);
    const second = await ensureDemoTaxonomy(database.db);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect((await defaultVersion(database.db)).id).toBe(DEMO_TAXONOMY_ID);
    const t = await loadTaxonomy(database.db, DEMO_TAXONOMY_ID);
    expect(t.skills.length).toBe(demoTaxonomy().skills.length);
    expect(t.skills.length).toBeGreaterThanOrEqual(150);
    expect(t.occupations.length).toBeGreaterThanOrEqual(30);
    expect(t.skills.every((s) => s.broader.length === 1)).toBe(true);
  });

  it('gives every demo occupation essential skills weighted above optional ones', async () => {
    const t = await loadTaxonomy(database.db, DEMO_TAXONOMY_ID);
    for (const o of t.occupations) {
      const p = occupationProfile(t, o.uri);
      expect(p.skills.some((s) => s.relation === 'essential')).toBe(true);
      expect(p.skills.map((s) => s.weight)).toEqual([...p.skills.map((s) => s.weight)].sort((a, b) => b - a));
    }
  });
});

describe('when the same release id comes back with other content', () => {
  it('refuses it with a conflict instead of rewriting history', async () => {
    const t = demoTaxonomy();
    t.skills[0] = { ...t.skills[0]!, label: 'changed' };
    const err = await saveTaxonomy(database.db, t).catch((e) => e);
    expect(isAppError(err) && err.code).toBe('conflict');
  });
});

describe.skipIf(!HAVE_ESCO)('when a subset of ESCO is imported', () => {
  const phases = new Set<ImportPhase>();
  let before: Record<string, number>;

  beforeAll(async () => {
    const r = await importEsco(database.db, ESCO_DIR, { keepOccupation: ictOnly, onProgress: (p) => phases.add(p.phase) });
    expect(r.created).toBe(true);
    before = { skills: await count('taxonomy_skills'), rel: await count('taxonomy_occupation_skills'), broader: await count('taxonomy_skill_broader') };
  });

  it('reports progress through every phase and records the version beside the demo one', async () => {
    expect([...phases]).toEqual(expect.arrayContaining(['read', 'skills', 'groups', 'hierarchy', 'occupations', 'relations']));
    expect((await listTaxonomyVersions(database.db)).map((v) => v.id).sort()).toEqual(['demo-1', 'esco-1.1.1']);
    expect((await defaultVersion(database.db)).id).toBe('esco-1.1.1');
  });

  it('reads back skills with types, alternative labels, hierarchy and ISCO groups', async () => {
    const t = await loadTaxonomy(database.db, 'esco-1.1.1');
    expect(t.occupations.length).toBeGreaterThan(40);
    expect(t.occupations.every((o) => o.iscoGroup?.startsWith('251'))).toBe(true);
    const java = t.skills.find((s) => s.label === 'Java (computer programming)');
    expect(java?.skillType).toBe('knowledge');
    expect(java?.altLabels.length).toBeGreaterThan(0);
    expect(java?.broader.length).toBeGreaterThan(0);
    expect(t.groups.length).toBeGreaterThan(0);
    const dev = t.occupations.find((o) => o.label === 'software developer')!;
    const profile = occupationProfile(t, dev.uri.split('/').pop()!);
    expect(profile.skills.filter((s) => s.relation === 'essential').length).toBeGreaterThan(5);
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await importEsco(database.db, ESCO_DIR, { keepOccupation: ictOnly });
    expect(again.created).toBe(false);
    expect({ skills: await count('taxonomy_skills'), rel: await count('taxonomy_occupation_skills'), broader: await count('taxonomy_skill_broader') }).toEqual(before);
  });
});
