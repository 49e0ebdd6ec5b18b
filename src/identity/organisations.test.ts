import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import type { Database } from '../db/index.js';
import { testDatabase } from '../../test/helpers/db.js';
import { createUser } from './accounts.js';
import { createOrganisation, getOrganisationBySlug, listMembers, removeMember, setMember, slugify } from './organisations.js';

describe('when a name is turned into a slug', () => {
  it('keeps Latin letters readable by dropping their accents', () => {
    expect(slugify('Université de Lumière')).toBe('universite-de-lumiere');
    expect(slugify('Europäische Qualitätsagentur')).toBe('europaische-qualitatsagentur');
    expect(slugify('Orbital Logistics S.L.')).toBe('orbital-logistics-s-l');
    expect(slugify('Ngũgĩ wa Kamau')).toBe('ngugi-wa-kamau');
  });

  it('spells out letters that have no accent to drop', () => {
    expect(slugify('Søren Ødegaard')).toBe('soren-odegaard');
    expect(slugify('Straße & Æther')).toBe('strasse-aether');
    expect(slugify('Łódź Þór Œuvre')).toBe('lodz-thor-oeuvre');
    expect(slugify('Yılmaz İstanbul')).toBe('yilmaz-istanbul');
  });

  it('trims separators at the ends and folds runs of them into one dash', () => {
    expect(slugify('  --Skillforge   Academy!!  ')).toBe('skillforge-academy');
  });

  it("answers 'org' when nothing usable is left", () => {
    expect(slugify('')).toBe('org');
    expect(slugify('   ')).toBe('org');
    expect(slugify('!!!')).toBe('org');
    expect(slugify('李明')).toBe('org');
  });

  it('keeps slugs to 48 characters without a dash at either end', () => {
    for (const name of ['a'.repeat(100), `${'a'.repeat(47)} bcd`, `${'Université '.repeat(8)}`]) {
      const s = slugify(name);
      expect(s.length, name).toBeLessThanOrEqual(48);
      expect(s, name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('when organisations are created', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database?.close());

  it('derives the slug from the name and stores the name in NFC', async () => {
    const org = await createOrganisation(database.db, { name: '  Universite\u0301 de Lumie\u0300re ', kind: 'provider', country: 'FR' });
    expect(org).toMatchObject({ slug: 'universite-de-lumiere', name: 'Université de Lumière', kind: 'provider', country: 'FR' });
  });

  it('gives later organisations of the same name the suffixes -2 and -3', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createOrganisation(database.db, { name: 'Helix Health GmbH', kind: 'employer' }));
    expect(made.map((o) => o.slug)).toEqual(['helix-health-gmbh', 'helix-health-gmbh-2', 'helix-health-gmbh-3']);
    expect(new Set(made.map((o) => o.id)).size).toBe(3);
  });

  it('refuses an explicit slug that is taken, with code conflict', async () => {
    await createOrganisation(database.db, { name: 'Northbridge', kind: 'provider', slug: 'northbridge' });
    const err = await createOrganisation(database.db, { name: 'Another Northbridge', kind: 'provider', slug: 'northbridge' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'conflict', errors: [{ path: 'body.slug' }] });
    expect((await getOrganisationBySlug(database.db, 'northbridge')).name).toBe('Northbridge');
  });
});

describe('when members are removed', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database?.close());

  async function person(email: string) {
    return createUser(database.db, { email, name: email, password: 'x', passwordHash: 'scrypt$unusable' });
  }

  it('refuses to remove the last admin, with code conflict', async () => {
    const org = await createOrganisation(database.db, { name: 'Solo Org', kind: 'provider' });
    const admin = await person('solo-admin@example.org');
    await setMember(database.db, org.id, admin.id, 'admin');
    await expect(removeMember(database.db, org.id, admin.id)).rejects.toMatchObject({ code: 'conflict' });
    expect((await listMembers(database.db, org.id)).map((m) => [m.userId, m.role])).toEqual([[admin.id, 'admin']]);
  });

  it('removes an admin while another admin remains, then refuses the remaining one', async () => {
    const org = await createOrganisation(database.db, { name: 'Duo Org', kind: 'employer' });
    const a = await person('duo-a@example.org');
    const b = await person('duo-b@example.org');
    const staff = await person('duo-staff@example.org');
    await setMember(database.db, org.id, a.id, 'admin');
    await setMember(database.db, org.id, b.id, 'admin');
    await setMember(database.db, org.id, staff.id, 'staff');

    await removeMember(database.db, org.id, a.id);
    await removeMember(database.db, org.id, staff.id);
    expect((await listMembers(database.db, org.id)).map((m) => m.userId)).toEqual([b.id]);
    await expect(removeMember(database.db, org.id, b.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('answers not_found for someone who is not a member', async () => {
    const org = await createOrganisation(database.db, { name: 'Other Org', kind: 'provider' });
    const outsider = await person('outsider@example.org');
    await expect(removeMember(database.db, org.id, outsider.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
