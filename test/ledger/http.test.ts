import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerLedgerCommands } from '../../src/cli/ledger.js';
import {
  appendEntries,
  checkConsistency,
  encodeEntry,
  generateNoteKey,
  httpLogSource,
  leafHash,
  type LogEntry,
  parseHash,
  rootAt,
  sequenceOnce,
  toHex,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { buildEntries } from './fixtures.js';
import { entriesFromTiles, rootFromTiles } from './tileclient.js';

let t: TestApp;
let base: string;
const logKey = generateNoteKey('127.0.0.1/log');
const honest = buildEntries(600);

/** Replaces the whole log with these entries and publishes a checkpoint of them, as a dishonest operator holding the key could. */
async function rewriteLog(entries: readonly LogEntry[]): Promise<string> {
  const { db } = t.database;
  await db.execute(sql`delete from ledger_entries`);
  await db.execute(sql`delete from ledger_nodes`);
  await db.execute(sql`delete from ledger_state`);
  await db.execute(sql`delete from ledger_checkpoints`);
  await db.transaction((tx) => appendEntries(tx, entries));
  return (await sequenceOnce(db, logKey.signer)).note;
}

const get = (url: string) => t.app.inject({ method: 'GET', url });

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
});

describe('when the API is documented', () => {
  it('lists the log endpoints in the OpenAPI document', async () => {
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/log/checkpoint', '/api/log/proof/inclusion', '/api/log/proof/consistency', '/api/log/entries/{index}']));
  });
});

describe('when the log has published nothing yet', () => {
  it('answers the checkpoint with a problem', async () => {
    const res = await get('/log/checkpoint');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('when the log has entries and a checkpoint', () => {
  let note: string;
  beforeAll(async () => {
    note = await rewriteLog(honest);
  });

  it('serves the checkpoint as a signed note', async () => {
    const res = await get('/log/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toBe(note);
    expect(verifyCheckpoint(res.body, { log: logKey.verifier }).checkpoint.size).toBe(600);
  });

  it('serves full tiles as immutable and partial tiles as short-lived', async () => {
    const full = await get('/log/tile/0/001');
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload.length).toBe(256 * 32);
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const partial = await get('/log/tile/entries/002.p/88');
    expect(partial.statusCode).toBe(200);
    expect(partial.headers['cache-control']).toBe('public, max-age=10');
    for (const missing of ['/log/tile/0/002', '/log/tile/0/002.p/89', '/log/tile/1/000', '/log/tile/0/x000/001', '/log/tile/0/1']) {
      const res = await get(missing);
      expect(res.statusCode, missing).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('lets a client with no microcred code recompute the checkpoint root and entries from the tiles', async () => {
    const fetchTile = async (p: string) => {
      const res = await fetch(`${base}/log/${p}`);
      if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    };
    const cp = verifyCheckpoint(note, { log: logKey.verifier }).checkpoint;
    expect(toHex(await rootFromTiles(fetchTile, cp.size))).toBe(toHex(cp.root));
    expect((await entriesFromTiles(fetchTile, cp.size)).map(toHex)).toEqual(honest.map((e) => toHex(encodeEntry(e))));
  });

  it('proves inclusion by leaf hash or index, by default under the latest checkpoint', async () => {
    const cp = verifyCheckpoint(note, { log: logKey.verifier }).checkpoint;
    const leaf = leafHash(encodeEntry(honest[321]!));
    for (const q of [`hash=${toHex(leaf)}&size=600`, `hash=${encodeURIComponent(Buffer.from(leaf).toString('base64'))}`, 'index=321']) {
      const res = await get(`/api/log/proof/inclusion?${q}`);
      expect(res.statusCode, q).toBe(200);
      const body = res.json() as { index: number; treeSize: number; proof: string[] };
      expect(body).toMatchObject({ index: 321, treeSize: 600 });
      verifyInclusion(leaf, body.index, body.treeSize, body.proof.map(parseHash), cp.root);
    }
  });

  it('proves consistency between sizes', async () => {
    const res = await get('/api/log/proof/consistency?from=100&to=600');
    expect(res.statusCode).toBe(200);
    const cp = verifyCheckpoint(note, { log: logKey.verifier }).checkpoint;
    verifyConsistency(100, 600, (res.json() as { proof: string[] }).proof.map(parseHash), await rootAt(t.database.db, 100), cp.root);
  });

  it('shows an entry in its public JSON form', async () => {
    const res = await get('/api/log/entries/6');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ index: 6, entry: { type: 'issuance', issuer: 'did:web:provider.example' } });
    expect((await get('/api/log/entries/7')).json()).toMatchObject({ entry: { type: 'status', action: 'revoke', reason: 'issued_in_error' } });
  });

  it.each([
    ['/api/log/proof/inclusion?hash=abc&size=600', 400],
    ['/api/log/proof/inclusion?index=1&hash=' + '00'.repeat(32), 400],
    ['/api/log/proof/inclusion?index=1&size=601', 400],
    ['/api/log/proof/inclusion?index=600&size=600', 400],
    ['/api/log/proof/inclusion?hash=' + '00'.repeat(32), 404],
    ['/api/log/proof/consistency?from=601&to=600', 400],
    ['/api/log/proof/consistency?from=1&to=601', 400],
    ['/api/log/entries/600', 404],
    ['/api/log/entries/-1', 400],
  ])('answers %s with a %i problem', async (url, status) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('when a monitor re-checks a saved checkpoint', () => {
  let saved: string;
  beforeAll(async () => {
    saved = await rewriteLog(honest);
  });

  it('accepts an honest extension and reports the entries added', async () => {
    const now = await rewriteLog([...honest, ...buildEntries(40, 5000)]);
    const report = await checkConsistency(saved, httpLogSource(base), { verifier: logKey.verifier, show: 5 });
    expect(report).toMatchObject({ consistent: true, current: { size: 640 }, currentNote: now });
    expect(report.consistent && report.added.map((a) => a.index)).toEqual([635, 636, 637, 638, 639]);
  });

  const forged = {
    'a changed entry': () => honest.map((e, i) => (i === 10 ? buildEntries(1, 9999)[0]! : e)),
    'two entries swapped': () => honest.map((e, i) => (i === 3 ? honest[4]! : i === 4 ? honest[3]! : e)),
    'a truncation regrown past the old size': () => [...honest.slice(0, 500), ...buildEntries(150, 7000)],
  };
  it.each(Object.keys(forged) as (keyof typeof forged)[])('detects %s as a root mismatch', async (name) => {
    await rewriteLog(forged[name]());
    const report = await checkConsistency(saved, httpLogSource(base), { verifier: logKey.verifier });
    expect(report).toMatchObject({ consistent: false, code: 'LEDGER_ROOT_MISMATCH' });
  });

  it('detects a truncation as a shrunk tree', async () => {
    await rewriteLog(honest.slice(0, 599));
    expect(await checkConsistency(saved, httpLogSource(base), { verifier: logKey.verifier })).toMatchObject({ consistent: false, code: 'LEDGER_TREE_SHRANK' });
  });

  it('detects a new entry whose bytes were edited in place under an unchanged tree', async () => {
    await rewriteLog([...honest, ...buildEntries(40, 5000)]);
    await t.database.db.execute(sql`update ledger_entries set entry = ${encodeEntry(buildEntries(1, 8000)[0]!)} where idx = 635`);
    expect(await checkConsistency(saved, httpLogSource(base), { verifier: logKey.verifier })).toMatchObject({ consistent: false, code: 'LEDGER_ROOT_MISMATCH' });
  });

  it('rejects a checkpoint signed by another key', async () => {
    await rewriteLog(honest);
    expect(await checkConsistency(saved, httpLogSource(base), { verifier: generateNoteKey('127.0.0.1/log').verifier }).catch((e) => e.code)).toBe('LEDGER_NOTE_UNVERIFIED');
  });
});

describe('when the log commands run', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mc-log-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ out: string; err: string; code: number }> {
    const program = new Command('microcred').exitOverride();
    registerLedgerCommands(program);
    let out = '';
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
    try {
      await program.parseAsync(args, { from: 'user' });
      return { out, err, code: typeof process.exitCode === 'number' ? process.exitCode : 0 };
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.exitCode = undefined;
    }
  }

  it('log verify prints what changed, saves the new checkpoint, and exits 1 on a rewrite', async () => {
    const file = path.join(dir, 'checkpoint');
    writeFileSync(file, await rewriteLog(honest));
    const now = await rewriteLog([...honest, ...buildEntries(3, 6000)]);
    const ok = await run(['log', 'verify', '--checkpoint', file, '--url', base, '--key', logKey.vkey, '--save']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('CONSISTENT 127.0.0.1/log');
    expect(ok.out).toContain('3 entries added');
    expect(ok.out).toMatch(/#602 .* issuance: .*issued by did:web:provider\.example/);
    expect(readFileSync(file, 'utf8')).toBe(now);

    await rewriteLog(honest.map((e, i) => (i === 0 ? buildEntries(1, 4242)[0]! : e)).concat(buildEntries(10, 6000)));
    const bad = await run(['log', 'verify', '--checkpoint', file, '--url', base]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('INCONSISTENT 127.0.0.1/log');
    expect(bad.out).toContain('[LEDGER_ROOT_MISMATCH]');
  });

  it('log proof prints a verified inclusion proof by hash or index', async () => {
    await rewriteLog(honest);
    const leaf = toHex(leafHash(encodeEntry(honest[42]!)));
    const byHash = await run(['log', 'proof', '--hash', leaf, '--url', base, '--key', logKey.vkey]);
    expect(byHash.code).toBe(0);
    expect(byHash.out).toContain('INCLUDED entry #42 in 127.0.0.1/log at size 600');
    const byIndex = await run(['log', 'proof', '--index', '42', '--url', base, '--json']);
    expect(JSON.parse(byIndex.out)).toMatchObject({ index: 42, treeSize: 600, leafHash: leaf });
    const missing = await run(['log', 'proof', '--hash', '00'.repeat(32), '--url', base]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('[LEDGER_FETCH_FAILED]');
  });
});
