import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWitnessServer } from '../../src/cli/witness.js';
import {
  consistencyProof,
  createCosigner,
  createWitness,
  fileWitnessState,
  formatAddCheckpoint,
  generateNoteKey,
  loadOrCreateWitnessKey,
  memoryWitnessState,
  parseAddCheckpoint,
  parseWitnessList,
  rootHash,
  SIG_TYPE,
  signCheckpoint,
  verifyCheckpoint,
  type WitnessStateStore,
} from '../../src/ledger/index.js';
import { memoryTree, numberedEntries } from './memory.js';

const ORIGIN = 'log.example/log';
const logKey = generateNoteKey(ORIGIN);
const otherLogKey = generateNoteKey(ORIGIN); // same name, another key: a forger
const clock = new Date('2026-11-24T08:00:00Z');
const witnessKey = generateNoteKey('witness.example', SIG_TYPE.cosignatureV1, () => clock);

/** A log of `entries`, its signed checkpoint at `size`, and consistency proofs of it. */
function log(entries: Uint8Array[]) {
  const tree = memoryTree(entries);
  return {
    async checkpoint(size = entries.length, key = logKey) {
      return signCheckpoint({ origin: ORIGIN, size, root: await rootHash(tree.read, size), extensions: [] }, key.signer);
    },
    prove: (from: number, to: number) => consistencyProof(tree.read, from, to),
  };
}

const honest = numberedEntries(40);
const L = log(honest);

async function add(witness: ReturnType<typeof createWitness>, oldSize: number, size: number, l = L, key = logKey) {
  const proof = oldSize > 0 && oldSize < size ? await l.prove(oldSize, size) : [];
  return witness.addCheckpoint(formatAddCheckpoint({ oldSize, proof, checkpoint: await l.checkpoint(size, key) }));
}

function newWitness<S extends WitnessStateStore>(state: S = memoryWitnessState() as unknown as S) {
  return { state, witness: createWitness({ key: witnessKey.signer, logs: [logKey.verifier], state }) };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a witness co-signing checkpoints (C2SP tlog-witness)', () => {
  it('co-signs a first checkpoint and then each one that extends it, with cosignature/v1 lines that verify', async () => {
    const { witness } = newWitness();
    const first = await add(witness, 0, 10);
    expect(first).toMatchObject({ ok: true, status: 200, size: 10 });
    const second = await add(witness, 10, 25);
    expect(second.ok).toBe(true);
    const note = (await L.checkpoint(25)) + (second.ok ? second.cosignatures : '');
    const opened = verifyCheckpoint(note, { log: logKey.verifier, witnesses: [witnessKey.verifier], quorum: 1 });
    expect(opened.witnesses).toEqual(['witness.example']);
    // The cosignature commits to its timestamp: the signed message starts with "cosignature/v1\ntime <t>\n".
    const raw = Buffer.from(second.ok ? second.cosignatures.split(' ')[2]!.trim() : '', 'base64');
    expect(raw.readBigUInt64BE(4)).toBe(BigInt(clock.getTime() / 1000));
  });

  it('co-signs the same checkpoint again (another log node asking), with no proof', async () => {
    const { witness } = newWitness();
    await add(witness, 0, 12);
    expect((await add(witness, 12, 12)).ok).toBe(true);
  });

  it('answers 409 with its size when the client has the wrong old size, and the client then succeeds', async () => {
    const { witness } = newWitness();
    await add(witness, 0, 8);
    const wrong = await add(witness, 0, 20);
    expect(wrong).toMatchObject({ ok: false, status: 409, code: 'old_size_mismatch', size: 8 });
    expect((await add(witness, 8, 20)).ok).toBe(true);
  });

  it('refuses a smaller tree after a larger one (truncation), and keeps the request as evidence', async () => {
    const { witness, state } = newWitness(memoryWitnessState());
    await add(witness, 0, 30);
    const truncated = await add(witness, 0, 20);
    expect(truncated).toMatchObject({ ok: false, status: 409, code: 'tree_shrank', size: 30 });
    expect(truncated.ok ? '' : truncated.reason).toMatch(/fewer than the 30/);
    expect(state.evidence.map((e) => e.why)).toEqual([expect.stringMatching(/^tree_shrank/)]);
  });

  it('refuses a rewritten history: another root at the same size, or a proof that does not reach the new root', async () => {
    const { witness } = newWitness();
    await add(witness, 0, 20);
    const rewritten = honest.slice();
    rewritten[5] = new TextEncoder().encode('entry 5, edited');
    const R = log(rewritten);
    const fork = await add(witness, 20, 20, R);
    expect(fork).toMatchObject({ ok: false, status: 409, code: 'root_mismatch' });
    // The forged log's own proof from 20 to 30 cannot link the honest root at 20 to its root at 30.
    const extended = await add(witness, 20, 30, R);
    expect(extended).toMatchObject({ ok: false, status: 422, code: 'inconsistent' });
    // A reordering is caught the same way.
    const swapped = honest.slice();
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(await add(witness, 20, 35, log(swapped))).toMatchObject({ ok: false, code: 'inconsistent' });
    // And after all that the honest log still gets its cosignature.
    expect((await add(witness, 20, 35)).ok).toBe(true);
  });

  it('refuses a checkpoint not signed by the log key (403) and a log it does not follow (404)', async () => {
    const { witness } = newWitness();
    expect(await add(witness, 0, 5, L, otherLogKey)).toMatchObject({ ok: false, status: 403, code: 'bad_signature' });
    const stranger = generateNoteKey('other.example/log');
    const cp = signCheckpoint({ origin: 'other.example/log', size: 1, root: await rootHash(memoryTree(honest.slice(0, 1)).read, 1), extensions: [] }, stranger.signer);
    expect(await witness.addCheckpoint(formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: cp }))).toMatchObject({ ok: false, status: 404, code: 'unknown_log' });
    expect(await witness.addCheckpoint('old 0\n')).toMatchObject({ ok: false, status: 400, code: 'malformed' });
    expect(await add(witness, 9, 5)).toMatchObject({ ok: false, status: 400 });
  });

  it('handles concurrent requests one at a time, so a slow small request never rolls the state back', async () => {
    const { witness, state } = newWitness(memoryWitnessState());
    await add(witness, 0, 10);
    const answers = await Promise.all([add(witness, 10, 30), add(witness, 10, 20)]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(state.read(ORIGIN)?.size).toBe(30);
  });

  it('keeps its state across restarts in its state folder, and still refuses a truncation then', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-witness-'));
    dirs.push(dir);
    await add(newWitness(fileWitnessState(dir)).witness, 0, 30);
    const restarted = newWitness(fileWitnessState(dir)).witness;
    expect(await add(restarted, 0, 25)).toMatchObject({ ok: false, code: 'tree_shrank', size: 30 });
    expect(readdirSync(path.join(dir, 'evidence'))).toHaveLength(1);
    expect((await add(restarted, 30, 40)).ok).toBe(true);
  });

  it('parses and formats add-checkpoint bodies exactly', async () => {
    const body = formatAddCheckpoint({ oldSize: 7, proof: await L.prove(7, 19), checkpoint: await L.checkpoint(19) });
    expect(body.startsWith('old 7\n')).toBe(true);
    const back = parseAddCheckpoint(body);
    expect(formatAddCheckpoint(back)).toBe(body);
    const cp = await L.checkpoint(19);
    expect(() => parseAddCheckpoint(`old 07\n\n${cp}`)).toThrow(/old <size>/);
  });

  it('creates and reloads a cosignature/v1 key file, and refuses a log key file as a witness key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-wkey-'));
    dirs.push(dir);
    const a = loadOrCreateWitnessKey(path.join(dir, 'w.key'), 'w.example');
    expect(loadOrCreateWitnessKey(path.join(dir, 'w.key'), 'ignored').vkey).toBe(a.vkey);
    expect(Buffer.from(a.vkey.split('+')[2]!, 'base64')[0]).toBe(SIG_TYPE.cosignatureV1);
  });
});

describe('the log asking witnesses over HTTP', () => {
  it('collects cosignatures from a witness server, learning its size from a 409, and reports refusals', async () => {
    const { witness } = newWitness();
    const { server, url } = await startWitnessServer(witness, { port: 0, host: '127.0.0.1' });
    try {
      const [w] = parseWitnessList(`${witnessKey.vkey} ${url}/`);
      const cosigner = createCosigner({ witnesses: [w!], prove: L.prove });
      const a = await cosigner.cosign(await L.checkpoint(10));
      expect(a.outcomes).toEqual([{ witness: 'witness.example', ok: true }]);
      expect(verifyCheckpoint(a.note, { log: logKey.verifier, witnesses: [witnessKey.verifier], quorum: 1 }).witnesses).toEqual(['witness.example']);

      // A second log process does not know the witness is at 10: it sends old 0, gets 409 "10", and retries with a proof.
      const fresh = createCosigner({ witnesses: [w!], prove: L.prove });
      expect((await fresh.cosign(await L.checkpoint(30))).outcomes[0]).toEqual({ witness: 'witness.example', ok: true });

      // Truncation: the witness refuses and says why; the note is published without its cosignature.
      const refused = await fresh.cosign(await L.checkpoint(20));
      expect(refused.outcomes[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/co-signed size 30.*tree_shrank/) });
      expect(refused.note).toBe(await L.checkpoint(20));

      // The server speaks tlog-witness: 404 for other paths, the size as text/x.tlog.size on conflict.
      expect((await fetch(`${url}/nope`)).status).toBe(404);
      const conflict = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: await L.checkpoint(35) }) });
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toBe('text/x.tlog.size');
      expect(await conflict.text()).toBe('30\n');
      const bad = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: await L.checkpoint(35, otherLogKey) }) });
      expect(bad.status).toBe(403);
      expect(await bad.text()).toMatch(/^bad_signature: /);
    } finally {
      server.close();
    }
  });

  it('reports an unreachable witness and keeps the log signature alone', async () => {
    const [w] = parseWitnessList(`${witnessKey.vkey} http://127.0.0.1:9`);
    const r = await createCosigner({ witnesses: [w!], prove: L.prove, timeoutMs: 2000 }).cosign(await L.checkpoint(3));
    expect(r.outcomes[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/^unreachable/) });
    expect(r.note).toBe(await L.checkpoint(3));
  });

  it('rejects badly configured witnesses', () => {
    expect(() => parseWitnessList('just-a-key')).toThrow(/verifier key> <URL>/);
    expect(() => parseWitnessList(`${witnessKey.vkey} ftp://x`)).toThrow(/not http/);
  });
});

describe('an idle log catching up on cosignatures', () => {
  it('asks again only the witnesses missing from the stored checkpoint, and keeps every line', async () => {
    const { testDatabase } = await import('../helpers/db.js');
    const { appendEntries, latestCheckpoint, recosignCheckpoint, sequenceOnce } = await import('../../src/ledger/index.js');
    const { buildEntries } = await import('./fixtures.js');
    const database = await testDatabase();
    try {
      const db = database.db;
      const key = generateNoteKey('idle.example/log');
      const asked: string[] = [];
      const witnessFor = (k: ReturnType<typeof generateNoteKey>) => {
        const w = createWitness({ key: k.signer, logs: [key.verifier], state: memoryWitnessState() });
        return async (body: string) => {
          asked.push(k.signer.name);
          return w.addCheckpoint(body);
        };
      };
      const k1 = generateNoteKey('w1.example', SIG_TYPE.cosignatureV1);
      const k2 = generateNoteKey('w2.example', SIG_TYPE.cosignatureV1);
      const handlers: Record<string, (body: string) => Promise<Awaited<ReturnType<ReturnType<typeof createWitness>['addCheckpoint']>>>> = { w1: witnessFor(k1), w2: witnessFor(k2) };
      let w2Down = true;
      const fakeFetch = (async (url: string, init: RequestInit) => {
        const name = new URL(url).hostname.split('.')[0]!;
        if (name === 'w2' && w2Down) throw new Error('connect ECONNREFUSED');
        const a = await handlers[name]!(String(init.body));
        return a.ok ? new Response(a.cosignatures, { status: 200 }) : new Response(`${a.size ?? ''}\n`, { status: a.status, headers: a.status === 409 ? { 'content-type': 'text/x.tlog.size' } : {} });
      }) as unknown as typeof fetch;
      const prove = async (from: number, to: number) => (await import('../../src/ledger/index.js')).proveConsistency(db, from, to);
      const cosigner = createCosigner({ witnesses: parseWitnessList(`${k1.vkey} http://w1.example, ${k2.vkey} http://w2.example`), prove, fetch: fakeFetch });
      const cosign = async (note: string) => (await cosigner.cosign(note)).note;

      await db.transaction((tx) => appendEntries(tx, buildEntries(5)));
      const first = await sequenceOnce(db, key.signer, 4096, cosign);
      expect(first.note).toContain('— w1.example ');
      expect(first.note).not.toContain('— w2.example ');
      expect(asked).toEqual(['w1.example']);

      w2Down = false;
      asked.length = 0;
      const after = await recosignCheckpoint(db, first.size, cosign);
      expect(asked).toEqual(['w2.example']);
      const stored = (await latestCheckpoint(db))!.note;
      expect(stored).toBe(after);
      expect(verifyCheckpoint(stored, { log: key.verifier, witnesses: [k1.verifier, k2.verifier], quorum: 2 }).witnesses.sort()).toEqual(['w1.example', 'w2.example']);

      asked.length = 0;
      expect(await recosignCheckpoint(db, first.size, cosign)).toBe(stored);
      expect(asked).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
