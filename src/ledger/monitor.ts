import type { DbOrTx } from '../db/index.js';
import { type Checkpoint, parseCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { decodeEntry, type LogEntry } from './entry.js';
import { LedgerError, type LedgerErrorCode } from './errors.js';
import { type Hash, leafHash, parseHash, toBase64 } from './hash.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';
import { type NoteVerifier, parseNote } from './note.js';
import { getEntry, latestCheckpoint, proveConsistency, proveInclusion } from './store.js';

/** Where a monitor reads the log: its public HTTP endpoints, or the database directly. */
export interface LogSource {
  checkpoint(): Promise<string>;
  consistencyProof(from: number, to: number): Promise<Hash[]>;
  /** The inclusion proof of the leaf with this hash, or at this index. */
  inclusionProof(leaf: Hash | number, size: number): Promise<{ index: number; proof: Hash[] }>;
  entry(index: number): Promise<Uint8Array>;
}

export function dbLogSource(db: DbOrTx): LogSource {
  return {
    async checkpoint() {
      const c = await latestCheckpoint(db);
      if (!c) throw new LedgerError('LEDGER_FETCH_FAILED', 'the log has published no checkpoint yet');
      return c.note;
    },
    consistencyProof: (from, to) => proveConsistency(db, from, to),
    inclusionProof: (leaf, size) => proveInclusion(db, leaf, size),
    entry: async (index) => (await getEntry(db, index)).entry,
  };
}

/** The log behind a microcred base URL (`/log/checkpoint`, `/api/log/...`). Nothing it answers is trusted: callers verify. */
export function httpLogSource(baseUrl: string, fetchFn: typeof fetch = fetch): LogSource {
  const base = baseUrl.replace(/\/$/, '');
  async function get(path: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetchFn(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    } catch (cause) {
      throw new LedgerError('LEDGER_FETCH_FAILED', `cannot fetch ${base}${path}`, { cause });
    }
    if (!res.ok) throw new LedgerError('LEDGER_FETCH_FAILED', `${base}${path} answered HTTP ${res.status}`);
    return res;
  }
  const hashes = (v: unknown): Hash[] => {
    if (!Array.isArray(v) || v.some((h) => typeof h !== 'string')) throw new LedgerError('LEDGER_FETCH_FAILED', 'the proof is not a list of hashes');
    return (v as string[]).map(parseHash);
  };
  return {
    checkpoint: async () => (await get('/log/checkpoint')).text(),
    async consistencyProof(from, to) {
      return hashes(((await (await get(`/api/log/proof/consistency?from=${from}&to=${to}`)).json()) as { proof?: unknown }).proof);
    },
    async inclusionProof(leaf, size) {
      const which = typeof leaf === 'number' ? `index=${leaf}` : `hash=${encodeURIComponent(toBase64(leaf))}`;
      const body = (await (await get(`/api/log/proof/inclusion?${which}&size=${size}`)).json()) as { index?: unknown; proof?: unknown };
      if (!Number.isSafeInteger(body.index)) throw new LedgerError('LEDGER_FETCH_FAILED', 'the inclusion proof has no index');
      return { index: body.index as number, proof: hashes(body.proof) };
    },
    async entry(index) {
      const body = (await (await get(`/api/log/entries/${index}`)).json()) as { encoded?: unknown };
      if (typeof body.encoded !== 'string') throw new LedgerError('LEDGER_FETCH_FAILED', `entry ${index} has no encoded form`);
      return new Uint8Array(Buffer.from(body.encoded, 'base64'));
    },
  };
}

/** Reads a checkpoint note, verifying it when the log's key is known. */
function readCheckpoint(note: string, verifier: NoteVerifier | undefined): Checkpoint {
  return verifier ? verifyCheckpoint(note, { log: verifier }).checkpoint : parseCheckpoint(parseNote(note).text);
}

export type ConsistencyReport =
  | { consistent: true; old: Checkpoint; current: Checkpoint; currentNote: string; added: { index: number; entry: LogEntry }[] }
  | { consistent: false; code: LedgerErrorCode; message: string; old: Checkpoint; current?: Checkpoint };

/**
 * Re-checks a saved checkpoint against the log's current one: the current
 * tree must extend the saved one (RFC 9162 §2.1.4), so any rewritten,
 * reordered or dropped entry shows up as a root mismatch or a shrunk tree.
 * Up to `show` of the newest entries are fetched, each checked for inclusion
 * under the current root. Signatures are checked when `verifier` is given.
 */
export async function checkConsistency(
  savedNote: string,
  source: LogSource,
  opts: { verifier?: NoteVerifier; show?: number } = {},
): Promise<ConsistencyReport> {
  const old = readCheckpoint(savedNote, opts.verifier);
  let current: Checkpoint | undefined;
  try {
    const currentNote = await source.checkpoint();
    current = readCheckpoint(currentNote, opts.verifier);
    if (current.origin !== old.origin) throw new LedgerError('LEDGER_ORIGIN_MISMATCH', `the saved checkpoint is of ${old.origin}, the current one of ${current.origin}`);
    if (current.size < old.size) throw new LedgerError('LEDGER_TREE_SHRANK', `the log shrank from ${old.size} to ${current.size} entries`);
    const proof = old.size === current.size || old.size === 0 ? [] : await source.consistencyProof(old.size, current.size);
    verifyConsistency(old.size, current.size, proof, old.root, current.root);
    const added: { index: number; entry: LogEntry }[] = [];
    for (let index = Math.max(old.size, current.size - (opts.show ?? 10)); index < current.size; index++) {
      const bytes = await source.entry(index);
      const { proof: path } = await source.inclusionProof(index, current.size);
      verifyInclusion(leafHash(bytes), index, current.size, path, current.root);
      added.push({ index, entry: decodeEntry(bytes) });
    }
    return { consistent: true, old, current, currentNote, added };
  } catch (e) {
    if (!(e instanceof LedgerError) || e.code === 'LEDGER_FETCH_FAILED') throw e;
    return { consistent: false, code: e.code, message: e.message, old, current };
  }
}
