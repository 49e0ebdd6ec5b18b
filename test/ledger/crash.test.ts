import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { credentialIdHash, credentialIdHashOf, integrate, rootAt, toHex, treeState } from '../../src/ledger/index.js';
import { testDatabase } from '../helpers/db.js';
import { ReferenceTree } from './reference.js';

/**
 * Kills a process mid-append and mid-batch and checks that credentials and
 * log entries still agree one to one. Needs a PostgreSQL server (another
 * process cannot share the in-memory PGlite database).
 */
const server = process.env.TEST_DATABASE_URL;
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

let database: Database;
beforeAll(async () => {
  if (!server) return;
  database = await testDatabase();
  await database.db.execute(sql`create table crash_credentials (n int primary key)`);
});
afterAll(async () => {
  await database?.close();
});

const rows = async <T>(q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;

describe.skipIf(!server)('when the issuing process is killed mid-batch', () => {
  it('leaves credentials and log entries in agreement, and the tree whole', async () => {
    const url = new URL(server!);
    url.pathname = new URL(database.location).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url.toString()], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`the child exited early (${code})`)));
    });
    // Let both loops run a little, then kill without warning.
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 200));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));

    const credentials = (await rows<{ n: number }>(sql`select n from crash_credentials`)).map((r) => toHex(credentialIdHash(`urn:crash:${r.n}`)));
    const sequenced = await rows<{ i: string; entry: Uint8Array; c: Uint8Array }>(sql`select idx::text as i, entry, credential_id_hash as c from ledger_entries order by idx`);
    const pending = await rows<{ entry: Uint8Array }>(sql`select entry from ledger_pending`);
    const logged = [...sequenced.map((r) => toHex(r.c)), ...pending.map((r) => toHex(credentialIdHashOf(new Uint8Array(r.entry))))];
    expect(credentials.length).toBeGreaterThanOrEqual(200);
    expect(logged.sort()).toEqual(credentials.sort());

    // The tree matches its entries: dense indexes, and the stored root and nodes are those of the entries.
    const state = await treeState(database.db);
    expect(sequenced.map((r) => Number(r.i))).toEqual([...Array(state.size).keys()]);
    const ref = new ReferenceTree(sequenced.map((r) => new Uint8Array(r.entry)));
    expect(toHex(state.root)).toBe(toHex(ref.root(state.size)));
    expect(toHex(await rootAt(database.db, state.size))).toBe(toHex(state.root));

    // A restarted sequencer picks up where the dead one stopped.
    while ((await integrate(database.db)).added > 0);
    expect((await treeState(database.db)).size).toBe(credentials.length);
  });
});
