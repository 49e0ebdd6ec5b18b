import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { connect, type ConnectOptions, type Database, MIGRATIONS_DIR, schema } from '../../src/db/index.js';
import { demoAccounts, DEMO_PASSWORD } from '../../src/demo/index.js';
import { DEMO_ORGS } from '../../src/demo/world.js';
import { authenticate, createOrganisation, createUser, setMember } from '../../src/identity/index.js';
import { serve } from '../../src/cli/serve.js';

/**
 * What "a second `npm start` keeps everything" rests on: the embedded PGlite
 * database lives in the data folder and survives a close and a reopen, and
 * re-running the migrations on it changes nothing.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'microcred-db-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A throwaway database on the TEST_DATABASE_URL server, dropped after the test. */
async function throwawayServerDatabase(serverUrl: string): Promise<string> {
  const name = `mc_persist_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const a = new pg.Client({ connectionString: serverUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens, runs fn, and always closes: PGlite must be closed before the folder is opened again. */
async function using<T>(opts: ConnectOptions, fn: (d: Database) => Promise<T>): Promise<T> {
  const d = await connect(opts);
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

async function appliedMigrations(d: Database): Promise<{ hash: string; created_at: string }[]> {
  const res = (await d.db.execute(sql`select hash, created_at::text from drizzle.__drizzle_migrations order by id`)) as unknown as {
    rows: { hash: string; created_at: string }[];
  };
  return res.rows;
}

function journalEntries(): number {
  return (JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

const NAME = 'Ngũgĩ wa Kamau · 李明';

/** The stores to check: always a PGlite data folder; also a PostgreSQL database when TEST_DATABASE_URL is set. */
const stores: [string, () => Promise<ConnectOptions>][] = [['a PGlite data folder', async () => ({ dataDir: tmpDataDir() })]];
if (process.env.TEST_DATABASE_URL) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  stores.push(['a PostgreSQL database', async () => ({ databaseUrl: await throwawayServerDatabase(serverUrl) })]);
}

describe.each(stores)('when %s is closed and opened again', { timeout: 60_000 }, (_label, makeStore) => {
  it('keeps users, organisations and memberships written before the close', async () => {
    const opts = await makeStore();
    const written = await using(opts, async (d) => {
      // Where the data lives is what serve() prints, so a person can find it again.
      if (opts.dataDir) expect([d.kind, d.location]).toEqual(['pglite', path.join(opts.dataDir, 'pgdata')]);
      else expect(d.kind).toBe('postgres');
      await d.migrate();
      const user = await createUser(d.db, { email: 'keep@example.org', name: NAME, password: 'a long enough password' });
      const org = await createOrganisation(d.db, { name: 'Université de Lumière', kind: 'provider', country: 'FR' });
      await setMember(d.db, org.id, user.id, 'admin');
      return { user, org };
    });

    await using(opts, async (d) => {
      await d.migrate();
      const me = await authenticate(d.db, 'keep@example.org', 'a long enough password');
      expect(me).toEqual(written.user);
      const [org] = await d.db.select().from(schema.organisations).where(eq(schema.organisations.id, written.org.id));
      expect(org).toEqual(written.org);
      const members = await d.db.select().from(schema.memberships);
      expect(members.map((m) => [m.orgId, m.userId, m.role])).toEqual([[written.org.id, written.user.id, 'admin']]);
    });
  });

  it('applies every migration once, however many times migrate runs', async () => {
    const opts = await makeStore();
    const first = await using(opts, async (d) => {
      await d.migrate();
      await d.migrate();
      return appliedMigrations(d);
    });
    expect(first).toHaveLength(journalEntries());

    const again = await using(opts, async (d) => {
      await d.migrate();
      return appliedMigrations(d);
    });
    expect(again).toEqual(first);
  });
});

describe('when the platform is started twice on the same data folder', { timeout: 120_000 }, () => {
  it('seeds the demo world on the first start only, and keeps a learner who signed up in between', async () => {
    const dir = tmpDataDir();
    let databaseUrl: string | undefined;
    if (process.env.TEST_DATABASE_URL) databaseUrl = await throwawayServerDatabase(process.env.TEST_DATABASE_URL);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      MICROCRED_DATA: dir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    cleanups.push(() => write.mockRestore());

    const learner = { email: 'wanjiru@example.org', password: 'Nyumbani-ni-2026!', name: 'Wanjiru Ngũgĩ' };
    const first = await serve(config);
    try {
      expect(printed.join('')).toContain(`Every demo account's password is: ${DEMO_PASSWORD}`);
      const up = await fetch(`${first.url}/api/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...learner, account: 'learner' }),
      });
      expect(up.status, await up.clone().text()).toBe(201);
      expect((await up.json()).user.name).toBe(learner.name);
    } finally {
      await first.close();
    }

    printed.length = 0;
    const second = await serve(config);
    try {
      const out = printed.join('');
      expect(out).toContain('microcred is running on http://localhost:');
      expect(out).not.toContain('Demo world created');
      const signIn = await fetch(`${second.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: learner.email, password: learner.password }),
      });
      expect(signIn.status).toBe(200);
      expect(await signIn.json()).toMatchObject({ learner: true, user: { email: learner.email, name: learner.name } });
      const demo = await fetch(`${second.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@lumiere.example', password: DEMO_PASSWORD }),
      });
      expect(demo.status).toBe(200);
    } finally {
      await second.close();
    }

    const counts = await using(databaseUrl ? { databaseUrl } : { dataDir: dir }, async ({ db }) => ({
      users: (await db.select({ n: count() }).from(schema.users))[0]!.n,
      orgs: (await db.select({ n: count() }).from(schema.organisations))[0]!.n,
      seeded: (await db.select().from(schema.meta).where(eq(schema.meta.key, 'demo_seeded_at'))).length,
    }));
    expect(counts).toEqual({ users: demoAccounts().length + 1, orgs: DEMO_ORGS.length, seeded: 1 });
  });
});
