import { readFileSync } from 'node:fs';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { schema } from '../../src/db/index.js';
import { demoAccounts, DEMO_PASSWORD, seedDemo, type DemoSummary } from '../../src/demo/index.js';
import { authenticate, listMembershipsOf } from '../../src/identity/index.js';
import { testDatabase } from '../helpers/db.js';

let database: Database;
let first: DemoSummary;
beforeAll(async () => {
  database = await testDatabase();
  first = await seedDemo(database.db);
});
afterAll(() => database?.close());

async function countRows() {
  const { db } = database;
  return {
    users: (await db.select({ n: count() }).from(schema.users))[0]!.n,
    organisations: (await db.select({ n: count() }).from(schema.organisations))[0]!.n,
    memberships: (await db.select({ n: count() }).from(schema.memberships))[0]!.n,
    meta: (await db.select({ n: count() }).from(schema.meta))[0]!.n,
  };
}

describe('when the demo world is seeded into an empty database', () => {
  it('reports that it created it, with the demo password and every account', () => {
    expect(first.created).toBe(true);
    expect(first.password).toBe(DEMO_PASSWORD);
    expect(first.accounts).toEqual(demoAccounts());
  });

  it('has one QA body, three providers, two employers and one platform organisation', async () => {
    const rows = await database.db.select({ kind: schema.organisations.kind }).from(schema.organisations);
    const byKind: Record<string, number> = {};
    for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    expect(byKind).toEqual({ qa_body: 1, provider: 3, employer: 2, platform: 1 });
  });

  it('has thirty learners, and the staff accounts are not learners', async () => {
    const users = await database.db.select({ email: schema.users.email, isLearner: schema.users.isLearner }).from(schema.users);
    const learners = users.filter((u) => u.isLearner);
    expect(learners).toHaveLength(30);
    const expectedLearners = demoAccounts().filter((a) => a.role === 'learner').map((a) => a.email);
    expect(learners.map((u) => u.email).sort()).toEqual([...expectedLearners].sort());
    expect(users.filter((u) => !u.isLearner).map((u) => u.email).sort()).toEqual(
      demoAccounts()
        .filter((a) => a.role !== 'learner')
        .map((a) => a.email)
        .sort(),
    );
  });

  it('gives every organisation at least one admin, and staff the roles the summary names', async () => {
    for (const a of demoAccounts().filter((x) => x.role !== 'learner')) {
      const [user] = await database.db.select().from(schema.users).where(eq(schema.users.email, a.email));
      const memberships = await listMembershipsOf(database.db, user!.id);
      expect(memberships.map((m) => `${m.role} · ${m.orgName} (${m.orgKind})`), a.email).toEqual([a.role]);
    }
    const admins = await database.db
      .select({ orgId: schema.memberships.orgId })
      .from(schema.memberships)
      .where(eq(schema.memberships.role, 'admin'));
    const orgs = await database.db.select({ id: schema.organisations.id }).from(schema.organisations);
    expect(new Set(admins.map((a) => a.orgId))).toEqual(new Set(orgs.map((o) => o.id)));
  });

  it('lets demo accounts of every kind sign in with the demo password, and not with another', async () => {
    const sample = ['admin@microcred.example', 'reviewer@eqam.example', 'admin@lumiere.example', 'recruiter@helix.example', 'li.ming@learners.example'];
    const users = await Promise.all(sample.map((email) => authenticate(database.db, email, DEMO_PASSWORD)));
    expect(users.map((u) => u.email)).toEqual(sample);
    await expect(authenticate(database.db, 'admin@lumiere.example', `${DEMO_PASSWORD}x`)).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('gives each account its own salt', async () => {
    const hashes = await database.db.select({ h: schema.users.passwordHash }).from(schema.users);
    expect(new Set(hashes.map((x) => x.h)).size).toBe(hashes.length);
  });

  it('stores non-ASCII names exactly as written', async () => {
    const expected: [string, string][] = [
      ['ngugi.wa.kamau@learners.example', 'Ngũgĩ wa Kamau'],
      ['li.ming@learners.example', '李明 (Li Ming)'],
      ['reviewer@eqam.example', 'Søren Ødegaard'],
      ['recruiter@helix.example', 'Ayşe Yılmaz'],
      ['admin@northbridge.example', 'Siobhán Ó Briain'],
    ];
    for (const [email, name] of expected) {
      const [row] = await database.db.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.email, email));
      expect(row?.name, email).toBe(name);
    }
    const all = await database.db.select({ email: schema.users.email, name: schema.users.name }).from(schema.users).orderBy(asc(schema.users.email));
    const byEmail = new Map(demoAccounts().map((a) => [a.email, a.name]));
    for (const u of all) expect(u.name, u.email).toBe(byEmail.get(u.email));
    const [qa] = await database.db.select({ name: schema.organisations.name }).from(schema.organisations).where(eq(schema.organisations.kind, 'qa_body'));
    expect(qa?.name).toBe('Europäische Qualitätsagentur für Micro-Credentials');
  });
});

describe('when the demo world is seeded a second time', () => {
  it('reports nothing created and writes nothing', async () => {
    const before = await countRows();
    const again = await seedDemo(database.db);
    expect(again.created).toBe(false);
    expect(again.accounts).toEqual(demoAccounts());
    expect(await countRows()).toEqual(before);
    expect(before.users).toBe(demoAccounts().length);
  });
});

describe("when README.md's demo accounts section is read", () => {
  /** Rows of the table under `## Demo accounts`: `| \`email\` | name | role |`. */
  function readmeSection(): string {
    const md = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = md.indexOf('\n## Demo accounts');
    expect(start, 'README.md has a "## Demo accounts" section').toBeGreaterThanOrEqual(0);
    const end = md.indexOf('\n## ', start + 1);
    return md.slice(start, end < 0 ? undefined : end);
  }

  it('lists exactly the demo accounts, email for email and name for name', () => {
    const rows = [...readmeSection().matchAll(/^\| `([^`]+)` \| ([^|]+?) \|/gm)].map((m) => ({ email: m[1]!, name: m[2]! }));
    expect(rows).toEqual(demoAccounts().map((a) => ({ email: a.email, name: a.name })));
  });

  it('gives the demo password', () => {
    expect(readmeSection()).toContain(`\`${DEMO_PASSWORD}\``);
  });
});
