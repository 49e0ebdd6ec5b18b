import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_VARS } from '../../src/core/config.js';
import { connect, type Database, MIGRATIONS_DIR, schema } from '../../src/db/index.js';
import { demoAccounts } from '../../src/demo/index.js';
import { authenticate, listMembershipsOf } from '../../src/identity/index.js';

/**
 * The `microcred` command run the way a person runs it: a separate Node
 * process on src/cli/main.ts, a fresh data folder, and (with TEST_DATABASE_URL)
 * a throwaway PostgreSQL database instead of PGlite.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'src/cli/main.ts');

/** Each test spawns Node processes (~1 s each on an idle machine); leave room for a busy one. */
const SPAWNS = { timeout: 120_000 };

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;
/** DATABASE_URL for the spawned CLI when the suite runs against a PostgreSQL server. */
let databaseUrl: string | undefined;
let dbName: string | undefined;

function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the caller's configuration may leak into the command under test.
  for (const k of Object.keys(ENV_VARS)) delete env[k];
  env.MICROCRED_DATA = dataDir;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return { ...env, ...extra };
}

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      env: cliEnv(opts.env ?? {}),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** The database the CLI wrote to, opened from this process (only while no CLI process is running). */
async function openStore(): Promise<Database> {
  return databaseUrl ? connect({ databaseUrl }) : connect({ dataDir });
}

async function withStore<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const d = await openStore();
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

/** Rows in Drizzle's migration ledger. */
async function appliedMigrations({ db }: Database): Promise<number> {
  const res = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
  return res.rows[0]!.n;
}

function journalEntries(): number {
  return (JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'microcred-cli-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    dbName = `mc_cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
});

afterAll(async () => {
  if (dbName) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('when asking for help', SPAWNS, () => {
  it('prints usage with the options of the program and of every command, and exits 0', async () => {
    // Help never touches the database, so these run side by side.
    const [top, serve, migrate, seed, userCreate, orgCreate] = await Promise.all([
      run(['--help']),
      run(['serve', '--help']),
      run(['migrate', '--help']),
      run(['seed', '--help']),
      run(['user', 'create', '--help']),
      run(['org', 'create', '--help']),
    ]);
    for (const r of [top, serve, migrate, seed, userCreate, orgCreate]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
    expect(top.stdout).toMatch(/^Usage: microcred /m);
    for (const cmd of ['serve', 'migrate', 'seed', 'user', 'org']) expect(top.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect(top.stdout).toContain('--version');

    expect(serve.stdout).toMatch(/^Usage: microcred serve /m);
    expect(serve.stdout).toContain('--port <port>');
    expect(serve.stdout).toContain('--host <host>');

    expect(migrate.stdout).toMatch(/^Usage: microcred migrate/m);
    expect(migrate.stdout).toContain('--help');

    expect(seed.stdout).toMatch(/^Usage: microcred seed /m);
    expect(seed.stdout).toContain('--demo');

    expect(userCreate.stdout).toMatch(/^Usage: microcred user create /m);
    for (const o of ['--email <email>', '--name <name>', '--password-stdin', '--learner', '--org <slug>', '--role <role>', '--headline <text>']) {
      expect(userCreate.stdout).toContain(o);
    }

    expect(orgCreate.stdout).toMatch(/^Usage: microcred org create /m);
    for (const o of ['--name <name>', '--kind <kind>', '--slug <slug>', '--country <code>', '--admin <email>']) expect(orgCreate.stdout).toContain(o);
    // Commander wraps help at 80 columns; compare with the line breaks folded.
    expect(orgCreate.stdout.replace(/\s+/g, ' ')).toContain('(choices: "provider", "employer", "qa_body", "platform")');
  });
});

describe('when a command is used wrongly', SPAWNS, () => {
  it('exits 2 with the problem on stderr and nothing on stdout', async () => {
    // None of these reach the database, so they run side by side.
    const [unknown, missing, badKind, badSlug] = await Promise.all([
      run(['frobnicate']),
      run(['user', 'create', '--name', 'Nobody']),
      run(['org', 'create', '--name', 'X', '--kind', 'university']),
      run(['org', 'create', '--name', 'Acme', '--kind', 'employer', '--slug', 'Not A Slug']),
    ]);
    for (const r of [unknown, missing, badKind, badSlug]) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(missing.stderr).toContain("required option '--email <email>' not specified");
    expect(badKind.stderr).toContain("'university' is invalid");
    expect(badKind.stderr).toContain('provider, employer, qa_body, platform');
    expect(badSlug.stderr).toMatch(/^microcred: --slug takes lower-case letters/);
  });
});

describe('when the database configuration is wrong', SPAWNS, () => {
  it('exits 2 naming DATABASE_URL when it is not a postgres URL, and 1 with a readable message when the server is unreachable', async () => {
    const [invalid, unreachable] = await Promise.all([
      run(['migrate'], { env: { DATABASE_URL: 'mysql://x' } }),
      run(['migrate'], { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' } }),
    ]);
    expect(invalid.code, invalid.stderr).toBe(2);
    expect(invalid.stderr).toMatch(/DATABASE_URL: must be a postgres/);
    expect(invalid.stdout).toBe('');

    expect(unreachable.code, unreachable.stderr).toBe(1);
    expect(unreachable.stderr).toMatch(/^microcred: cannot reach the database .*DATABASE_URL/);
    expect(unreachable.stderr).not.toMatch(/^\s+at /m);
    expect(unreachable.stdout).toBe('');
  });
});

describe('when migrating and seeding a fresh data folder', SPAWNS, () => {
  it('applies every migration, and a second migrate applies none again', async () => {
    const first = await run(['migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(databaseUrl ? /^migrations applied \(postgres: / : /^migrations applied \(pglite: .*pgdata\)$/m);
    const afterFirst = await withStore(appliedMigrations);
    expect(afterFirst).toBe(journalEntries());

    const second = await run(['migrate']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('migrations applied');
    expect(await withStore(appliedMigrations)).toBe(afterFirst);
  });

  it('seeds the demo world once; the second seed says nothing changed', async () => {
    const first = await run(['seed', '--demo']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^demo world created; password for every account: \S+/);

    const second = await run(['seed', '--demo']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('nothing changed');
    expect(second.stdout).not.toContain('demo world created');

    const users = await withStore(async ({ db }) => db.select({ email: schema.users.email }).from(schema.users));
    expect(users.map((u) => u.email).sort()).toEqual(demoAccounts().map((a) => a.email).sort());
  });
});

describe('when creating users', SPAWNS, () => {
  const piped = 'Pässwort-für-Zoë-2026';

  it('prints a generated password that signs in, and reads a piped password from stdin without echoing it', async () => {
    const gen = await run(['user', 'create', '--email', 'Ada.Lovelace@Example.org', '--name', 'Ada Lovelace', '--headline', 'Analyst']);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stdout).toMatch(/^created user ada\.lovelace@example\.org \([0-9a-f-]{36}\)$/m);
    const password = /^password: (\S+)$/m.exec(gen.stdout)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(12);

    const stdin = await run(['user', 'create', '--email', 'zoe@example.org', '--name', 'Zoë Ngũgĩ 李', '--learner', '--org', 'lumiere', '--role', 'admin', '--password-stdin'], {
      input: `${piped}\n`,
    });
    expect(stdin.code, stdin.stderr).toBe(0);
    expect(stdin.stdout).toMatch(/^created user zoe@example\.org \([0-9a-f-]{36}\), admin of lumiere$/m);
    expect(stdin.stdout).not.toContain('password');
    expect(stdin.stdout).not.toContain(piped);

    await withStore(async ({ db }) => {
      const ada = await authenticate(db, 'ada.lovelace@example.org', password!);
      expect(ada).toMatchObject({ name: 'Ada Lovelace', headline: 'Analyst', isLearner: false });
      const zoe = await authenticate(db, 'zoe@example.org', piped);
      expect(zoe).toMatchObject({ name: 'Zoë Ngũgĩ 李', isLearner: true });
      expect((await listMembershipsOf(db, zoe.id)).map((m) => [m.orgSlug, m.role])).toEqual([['lumiere', 'admin']]);
      await expect(authenticate(db, 'zoe@example.org', `${piped}\n`)).rejects.toMatchObject({ code: 'invalid_credentials' });
    });
  });

  it('exits 1 with email_taken for an email that exists in another case', async () => {
    const r = await run(['user', 'create', '--email', 'ADA.LOVELACE@example.org', '--name', 'Another Ada']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('[email_taken]');
    expect(r.stdout).not.toMatch(/password:/);
  });

  it('exits 2 naming the password field when the piped password is too short, and creates nobody', async () => {
    const r = await run(['user', 'create', '--email', 'short@example.org', '--name', 'Short', '--password-stdin'], { input: 'short\n' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('[invalid_request]');
    expect(r.stderr).toMatch(/^\s+password: At least \d+ characters/m);
    const found = await withStore(async ({ db }) => db.select().from(schema.users).where(eq(schema.users.email, 'short@example.org')));
    expect(found).toEqual([]);
  });
});

describe('when creating organisations', SPAWNS, () => {
  it('derives a readable slug from a non-ASCII name and makes --admin its admin', async () => {
    const r = await run(['org', 'create', '--kind', 'provider', '--name', 'Université de Lumière', '--country', 'FR', '--admin', 'ada.lovelace@example.org']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^created provider Université de Lumière \(slug universite-de-lumiere, id [0-9a-f-]{36}\)$/m);
    const [row] = await withStore(async ({ db }) =>
      db
        .select({ name: schema.organisations.name, country: schema.organisations.country, role: schema.memberships.role, email: schema.users.email })
        .from(schema.organisations)
        .innerJoin(schema.memberships, eq(schema.memberships.orgId, schema.organisations.id))
        .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
        .where(eq(schema.organisations.slug, 'universite-de-lumiere')),
    );
    expect(row).toEqual({ name: 'Université de Lumière', country: 'FR', role: 'admin', email: 'ada.lovelace@example.org' });
  });

  it('exits 2 for an unknown --admin and leaves no organisation behind', async () => {
    const r = await run(['org', 'create', '--kind', 'provider', '--name', 'Université de Lumière', '--admin', 'unknown@x.example']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('no user with email unknown@x.example');
    expect(r.stdout).toBe('');
    const slugs = await withStore(async ({ db }) => db.select({ slug: schema.organisations.slug }).from(schema.organisations));
    expect(slugs.map((s) => s.slug)).toContain('universite-de-lumiere');
    expect(slugs.map((s) => s.slug)).not.toContain('universite-de-lumiere-2');
  });
});
