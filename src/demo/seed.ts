import { eq, sql } from 'drizzle-orm';
import { type Db, schema } from '../db/index.js';
import { createAchievement } from '../achievements/index.js';
import { createOrganisation, createUser, setMember, updateProfile } from '../identity/index.js';
import { DEMO_ACHIEVEMENTS, DEMO_PREREQUISITES } from './achievements.js';
import { DEMO_ROLES } from './roles.js';
import { createRole } from '../roles/index.js';
import { hashPassword } from '../identity/passwords.js';
import { DEMO_LEARNERS, DEMO_ORGS, DEMO_PASSWORD } from './world.js';

const SEEDED_KEY = 'demo_seeded_at';
/** Arbitrary constant naming the advisory lock that serialises demo seeding. */
const DEMO_SEED_LOCK = 7_311_203;

export interface DemoSummary {
  /** False when the demo world was already there; nothing was written. */
  created: boolean;
  password: string;
  accounts: { email: string; name: string; role: string }[];
}

export function demoAccounts(): DemoSummary['accounts'] {
  return [
    ...DEMO_ORGS.flatMap((o) => o.people.map((p) => ({ email: p.email, name: p.name, role: `${p.role} · ${o.name} (${o.kind})` }))),
    ...DEMO_LEARNERS.map((l) => ({ email: l.email, name: l.name, role: 'learner' })),
  ];
}

/** Seeds the demo world once, in one transaction: it is there whole or not at all. */
export async function seedDemo(db: Db): Promise<DemoSummary> {
  const summary = { password: DEMO_PASSWORD, accounts: demoAccounts() };
  const [done] = await db.select().from(schema.meta).where(eq(schema.meta.key, SEEDED_KEY));
  if (done) return { created: false, ...summary };

  const people = [...DEMO_ORGS.flatMap((o) => o.people), ...DEMO_LEARNERS];
  // Hash in parallel (scrypt runs on libuv's thread pool); each account gets its own salt.
  const hashes = await Promise.all(people.map(() => hashPassword(DEMO_PASSWORD)));
  const hashOf = new Map(people.map((p, i) => [p.email, hashes[i]!]));

  const created = await db.transaction(async (tx) => {
    // Two first starts against one database: the second waits here, then finds the world made.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const [again] = await tx.select().from(schema.meta).where(eq(schema.meta.key, SEEDED_KEY));
    if (again) return false;
    const idOfCode = new Map<string, string>();
    for (const o of DEMO_ORGS) {
      const org = await createOrganisation(tx, { slug: o.slug, name: o.name, kind: o.kind, country: o.country });
      let adminId: string | undefined;
      for (const p of o.people) {
        const user = await createUser(tx, { email: p.email, name: p.name, password: '', passwordHash: hashOf.get(p.email) });
        await setMember(tx, org.id, user.id, p.role);
        if (p.role === 'admin') adminId ??= user.id;
      }
      for (const definition of DEMO_ACHIEVEMENTS[o.slug] ?? []) {
        const prerequisiteAchievements = (DEMO_PREREQUISITES[definition.humanCode ?? ''] ?? []).map((code) => idOfCode.get(code)!);
        const a = await createAchievement(tx, { orgId: org.id, definition: { ...definition, prerequisiteAchievements }, createdBy: adminId, publish: true });
        if (definition.humanCode) idOfCode.set(definition.humanCode, a.id);
      }
      for (const role of DEMO_ROLES[o.slug] ?? []) await createRole(tx, org.id, role, adminId);
    }
    for (const l of DEMO_LEARNERS) {
      const user = await createUser(tx, { email: l.email, name: l.name, password: '', passwordHash: hashOf.get(l.email), isLearner: true });
      await updateProfile(tx, user.id, { headline: l.headline, locale: l.locale });
    }
    await tx.insert(schema.meta).values({ key: SEEDED_KEY, value: new Date().toISOString() });
    return true;
  });
  return { created, ...summary };
}
