import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import {
  appendEntries,
  credentialIdHash,
  encodeEntry,
  entriesForCredential,
  generateNoteKey,
  getEntry,
  integrate,
  latestCheckpoint,
  leafHash,
  LedgerError,
  proveConsistency,
  proveInclusion,
  publishCheckpoint,
  readEntryBundle,
  readHashTile,
  rootAt,
  sequenceOnce,
  startSequencer,
  treeState,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.js';
import { testDatabase } from '../helpers/db.js';
import { buildEntries } from './fixtures.js';
import { ReferenceTree } from './reference.js';
import { entriesFromTiles, rootFromTiles } from './tileclient.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof LedgerError ? e.code : `other: ${(e as Error).message}`;
  }
}

const pendingCount = async () =>
  ((await database.db.execute(sql`select count(*)::int as n from ledger_pending`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

const entries = buildEntries(700);
const encoded = entries.map(encodeEntry);
const ref = new ReferenceTree(encoded);
const logKey = generateNoteKey('test.example/log');

describe('when a caller appends inside its own transaction', () => {
  it('leaves no entry behind if that transaction rolls back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await appendEntries(tx, entries.slice(0, 3));
        throw new Error('the credential insert failed');
      }),
    ).rejects.toThrow('the credential insert failed');
    expect(await pendingCount()).toBe(0);
    expect((await integrate(database.db)).added).toBe(0);
  });

  it('keeps the entry pending, unsequenced, once it commits', async () => {
    const [hash] = await database.db.transaction((tx) => appendEntries(tx, entries.slice(0, 1)));
    expect(hash).toEqual(leafHash(encoded[0]!));
    expect(await pendingCount()).toBe(1);
    expect(await codeOf(proveInclusion(database.db, hash!, 0))).toBe('LEDGER_ENTRY_NOT_FOUND');
  });
});

describe('when the sequencer integrates in batches', () => {
  beforeAll(async () => {
    for (let i = 1; i < 700; i += 233) await database.db.transaction((tx) => appendEntries(tx, entries.slice(i, i + 233)));
  });

  it('rolls a failed batch back whole, leaving its entries pending', async () => {
    // A stray node where the next leaf goes makes the batch's insert fail half-way.
    await database.db.execute(sql`insert into ledger_nodes (level, idx, hash) values (0, 0, '\\x00')`);
    expect(await codeOf(integrate(database.db, { maxBatch: 100 }))).not.toBe('none');
    expect(await pendingCount()).toBe(700);
    expect((await treeState(database.db)).size).toBe(0);
    await database.db.execute(sql`delete from ledger_nodes`);
  });

  it('sequences every entry once, in append order, whoever calls it concurrently', async () => {
    const runs = await Promise.all([integrate(database.db, { maxBatch: 256 }), integrate(database.db, { maxBatch: 256 }), integrate(database.db, { maxBatch: 256 })]);
    expect(runs.reduce((n, r) => n + r.added, 0)).toBe(700);
    expect(await pendingCount()).toBe(0);
    const state = await treeState(database.db);
    expect(state.size).toBe(700);
    expect(Buffer.from(state.root)).toEqual(ref.root(700));
    expect((await getEntry(database.db, 433)).entry).toEqual(encoded[433]);
  });

  it('answers roots and proofs for any size that match the literal RFC definitions', async () => {
    for (const [i, n] of [[0, 1], [0, 700], [699, 700], [255, 256], [256, 257], [433, 512], [511, 700]] as const) {
      const { index, proof } = await proveInclusion(database.db, leafHash(encoded[i]!), n);
      expect(index).toBe(i);
      expect(proof.map((h) => Buffer.from(h))).toEqual(ref.inclusion(i, n));
      verifyInclusion(leafHash(encoded[i]!), i, n, proof, await rootAt(database.db, n));
    }
    for (const [m, n] of [[1, 700], [256, 700], [300, 512], [699, 700], [700, 700], [0, 5]] as const) {
      const proof = await proveConsistency(database.db, m, n);
      expect(proof.map((h) => Buffer.from(h))).toEqual(m === 0 ? [] : ref.consistency(m, n));
      verifyConsistency(m, n, proof, ref.root(m), ref.root(n));
    }
  });

  it('names what is wrong with a proof request', async () => {
    expect(await codeOf(proveInclusion(database.db, leafHash(encoded[5]!), 701))).toBe('LEDGER_SIZE_OUT_OF_RANGE');
    expect(await codeOf(proveInclusion(database.db, leafHash(encoded[600]!), 600))).toBe('LEDGER_INDEX_OUT_OF_RANGE');
    expect(await codeOf(proveInclusion(database.db, leafHash(new Uint8Array([1])), 700))).toBe('LEDGER_ENTRY_NOT_FOUND');
    expect(await codeOf(proveConsistency(database.db, 10, 9))).toBe('LEDGER_SIZE_OUT_OF_RANGE');
    expect(await codeOf(getEntry(database.db, 700))).toBe('LEDGER_ENTRY_NOT_FOUND');
  });

  it("finds a credential's issuance and status changes", async () => {
    const cid = 'urn:uuid:00000000-0000-4000-8000-000000000006';
    const found = await entriesForCredential(database.db, credentialIdHash(cid));
    expect(found.map((e) => e.index)).toEqual([6, 7]);
  });

  it('serves tiles from which an independent client recomputes the root and the entries', async () => {
    const fetchTile = async (p: string) => {
      const m = /^tile\/(entries|\d+)\/(.+?)(?:\.p\/(\d+))?$/.exec(p)!;
      const index = Number(m[2]!.replace(/x|\//g, ''));
      const width = m[3] ? Number(m[3]) : 256;
      return m[1] === 'entries' ? readEntryBundle(database.db, index, width) : readHashTile(database.db, Number(m[1]), index, width);
    };
    for (const n of [700, 512, 300, 1]) {
      const c = await rootAt(database.db, n);
      expect(Buffer.from(await rootFromTiles(fetchTile, n))).toEqual(Buffer.from(c));
    }
    expect((await entriesFromTiles(fetchTile, 700)).map((e) => Buffer.from(e))).toEqual(encoded.map((e) => Buffer.from(e)));
    expect(await codeOf(readHashTile(database.db, 0, 2, 256))).toBe('LEDGER_TILE_NOT_FOUND');
    expect(await codeOf(readHashTile(database.db, 1, 0, 3))).toBe('LEDGER_TILE_NOT_FOUND');
    expect(await codeOf(readEntryBundle(database.db, 3, 1))).toBe('LEDGER_TILE_NOT_FOUND');
    // A partial tile of a tile that has since filled up is its prefix.
    expect(await readHashTile(database.db, 0, 0, 10)).toEqual((await readHashTile(database.db, 0, 0, 256)).subarray(0, 320));
  });
});

describe('when checkpoints are published', () => {
  it('signs the integrated tree once per size', async () => {
    const first = await publishCheckpoint(database.db, logKey.signer);
    expect(first.published).toBe(true);
    expect(verifyCheckpoint(first.note, { log: logKey.verifier }).checkpoint).toMatchObject({ origin: 'test.example/log', size: 700 });
    expect((await publishCheckpoint(database.db, logKey.signer)).published).toBe(false);
    expect((await latestCheckpoint(database.db))?.note).toBe(first.note);
  });

  it('keeps publishing from a background sequencer as entries arrive', async () => {
    const errors: unknown[] = [];
    const seq = startSequencer({ db: database.db, logKey: logKey.signer, intervalMs: 20, batchSize: 64, onError: (e) => errors.push(e) });
    try {
      await database.db.transaction((tx) => appendEntries(tx, buildEntries(150, 1000)));
      const deadline = Date.now() + 10_000;
      while ((await latestCheckpoint(database.db))!.size < 850 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await seq.stop();
    }
    expect(errors).toEqual([]);
    const latest = (await latestCheckpoint(database.db))!;
    expect(latest.size).toBe(850);
    verifyConsistency(700, 850, await proveConsistency(database.db, 700, 850), ref.root(700), latest.root);
  });

  it('publishes within its time bound while more is pending, one batch at least, and everything without a bound', async () => {
    await database.db.transaction((tx) => appendEntries(tx, buildEntries(192, 2000)));
    const bounded = await sequenceOnce(database.db, logKey.signer, 64, undefined, { maxMs: 0 });
    expect(bounded).toMatchObject({ published: true, size: 850 + 64 });
    expect(await pendingCount()).toBe(128);
    const rest = await sequenceOnce(database.db, logKey.signer, 64);
    expect(rest).toMatchObject({ published: true, size: 850 + 192 });
    expect(await pendingCount()).toBe(0);
    verifyConsistency(850 + 64, 850 + 192, await proveConsistency(database.db, 850 + 64, 850 + 192), bounded.root, rest.root);
  });
});
