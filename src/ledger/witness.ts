import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseCheckpoint } from './checkpoint.js';
import { LedgerError, type LedgerErrorCode } from './errors.js';
import { equalHashes, type Hash, parseHash, sha256, toBase64, toHex } from './hash.js';
import { verifyConsistency } from './merkle.js';
import { type NoteSigner, type NoteVerifier, openNote, parseNote } from './note.js';

/**
 * A witness (C2SP tlog-witness, https://c2sp.org/tlog-witness): it keeps, per
 * log origin, the latest checkpoint it co-signed, and co-signs a new one only
 * when the log key signed it and a consistency proof shows that it extends the
 * recorded one. So it never co-signs two views of one log, nor a smaller tree
 * after a larger one; a log that rewrote or truncated its history gets a
 * refusal that says why, and the witness keeps the request as evidence.
 *
 * The cosignature is a C2SP tlog-cosignature `cosignature/v1` line (Ed25519
 * over "cosignature/v1\ntime <t>\n" + the checkpoint text), made with a note
 * key of type 0x04.
 */

/** What a witness records about one log. */
export interface WitnessedState {
  size: number;
  root: Hash;
  /** The checkpoint as the log signed it (without cosignatures). */
  note: string;
}

/** Durable per-origin state. `update` must be atomic with respect to other updates of the same origin. */
export interface WitnessStateStore {
  read(origin: string): WitnessedState | undefined;
  write(origin: string, state: WitnessedState): void;
  /** Keeps a refused request (it may prove that the log misbehaved). */
  keepEvidence(origin: string, request: string, why: string): void;
}

/** One file per origin in `dir`, replaced atomically (write then rename); evidence in `dir/evidence/`. */
export function fileWitnessState(dir: string): WitnessStateStore {
  mkdirSync(dir, { recursive: true });
  // The origin is free text: the file is named by its hash, and the origin is kept inside.
  const file = (origin: string) => path.join(dir, `${toHex(sha256(new TextEncoder().encode(origin))).slice(0, 32)}.json`);
  return {
    read(origin) {
      let raw: string;
      try {
        raw = readFileSync(file(origin), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
      const s = JSON.parse(raw) as { origin: string; size: number; root: string; note: string };
      if (s.origin !== origin) throw new LedgerError('LEDGER_NOTE_MALFORMED', `witness state file ${file(origin)} is of ${s.origin}, not ${origin}`);
      return { size: s.size, root: parseHash(s.root), note: s.note };
    },
    write(origin, state) {
      const target = file(origin);
      const tmp = `${target}.${process.pid}.tmp`;
      // Durable before the witness answers: file contents flushed, then the rename, then the folder.
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify({ origin, size: state.size, root: toBase64(state.root), note: state.note }, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
      const dirFd = openSync(dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    },
    keepEvidence(origin, request, why) {
      const d = path.join(dir, 'evidence');
      mkdirSync(d, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${toHex(sha256(new TextEncoder().encode(request))).slice(0, 12)}.txt`;
      writeFileSync(path.join(d, name), `# origin: ${origin}\n# refused: ${why}\n${request}`, { mode: 0o600 });
    },
  };
}

/** An in-memory store, for tests and for a witness that is only ever asked once. */
export function memoryWitnessState(): WitnessStateStore & { evidence: { origin: string; request: string; why: string }[] } {
  const states = new Map<string, WitnessedState>();
  const evidence: { origin: string; request: string; why: string }[] = [];
  return {
    evidence,
    read: (origin) => states.get(origin),
    write: (origin, state) => void states.set(origin, state),
    keepEvidence: (origin, request, why) => void evidence.push({ origin, request, why }),
  };
}

/** An add-checkpoint request: the size the client believes the witness is at, a consistency proof from it, and the signed checkpoint. */
export interface AddCheckpointRequest {
  oldSize: number;
  proof: Hash[];
  checkpoint: string;
}

const MAX_PROOF_LINES = 63;

export function formatAddCheckpoint(r: AddCheckpointRequest): string {
  return `old ${r.oldSize}\n${r.proof.map((h) => `${toBase64(h)}\n`).join('')}\n${r.checkpoint}`;
}

/** Parses an add-checkpoint body (tlog-witness §add-checkpoint); LEDGER_NOTE_MALFORMED when it is not one. */
export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const bad = (msg: string) => new LedgerError('LEDGER_NOTE_MALFORMED', msg);
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw bad('the request has no empty line before the checkpoint');
  const [first, ...proofLines] = body.slice(0, blank).split('\n');
  const m = /^old (0|[1-9]\d{0,15})$/.exec(first ?? '');
  if (!m || !Number.isSafeInteger(Number(m[1]))) throw bad('the first line is "old <size>" in decimal');
  if (proofLines.length > MAX_PROOF_LINES) throw bad(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((l) => {
    const h = new Uint8Array(Buffer.from(l, 'base64'));
    if (h.length !== 32 || toBase64(h) !== l) throw bad('a consistency proof line is not a base64 SHA-256 hash');
    return h;
  });
  return { oldSize: Number(m[1]), proof, checkpoint: body.slice(blank + 2) };
}

/** The witness's answer, with the HTTP status tlog-witness gives it. */
export type WitnessAnswer =
  | { ok: true; status: 200; cosignatures: string; size: number }
  | { ok: false; status: 400 | 403 | 404 | 409 | 422; code: WitnessRefusal; reason: string; /** for 409: the size the witness is at */ size?: number };

export type WitnessRefusal =
  /** The request is not an add-checkpoint body, or its old size is beyond the checkpoint. */
  | 'malformed'
  /** The witness does not follow a log of this origin. */
  | 'unknown_log'
  /** No known log key signed the checkpoint (or a known key's signature is bad). */
  | 'bad_signature'
  /** The client's old size is not the witness's: it should retry from `size`. */
  | 'old_size_mismatch'
  /** The checkpoint is smaller than the one the witness co-signed: the log was truncated or rolled back. */
  | 'tree_shrank'
  /** Same size as the co-signed checkpoint, another root: the log forked. */
  | 'root_mismatch'
  /** The consistency proof does not show that the new tree extends the co-signed one. */
  | 'inconsistent';

export interface WitnessOptions {
  /** The witness's cosignature/v1 key (type 0x04); its name is the witness's name. */
  key: NoteSigner;
  /** The logs it follows: their verifier keys, named by origin. */
  logs: readonly NoteVerifier[];
  state: WitnessStateStore;
}

export interface Witness {
  name: string;
  /** Handles one add-checkpoint request body. Requests for one origin are handled one at a time. */
  addCheckpoint(body: string): Promise<WitnessAnswer>;
}

export function createWitness(opts: WitnessOptions): Witness {
  // Checking against the stored state and writing the new one happen under one per-origin lock,
  // or a slow request for size N could overwrite a newer N+K (the race tlog-witness warns about).
  const queues = new Map<string, Promise<unknown>>();
  function serialised<T>(origin: string, fn: () => T): Promise<T> {
    const prev = queues.get(origin) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    queues.set(origin, next.catch(() => undefined));
    return next;
  }

  function refuse(code: WitnessRefusal, reason: string, extra: { size?: number } = {}): WitnessAnswer {
    const status = ({ malformed: 400, unknown_log: 404, bad_signature: 403, old_size_mismatch: 409, tree_shrank: 409, root_mismatch: 409, inconsistent: 422 } as const)[code];
    return { ok: false, status, code, reason, ...extra };
  }

  async function addCheckpoint(body: string): Promise<WitnessAnswer> {
    let req: AddCheckpointRequest;
    let origin: string;
    try {
      req = parseAddCheckpoint(body);
      origin = parseNote(req.checkpoint).text.split('\n', 1)[0]!;
    } catch (e) {
      return refuse('malformed', (e as Error).message);
    }
    const logKeys = opts.logs.filter((k) => k.name === origin);
    if (logKeys.length === 0) return refuse('unknown_log', `this witness does not follow a log named ${origin}`);
    let text: string;
    try {
      text = openNote(req.checkpoint, logKeys).text;
    } catch (e) {
      return refuse('bad_signature', `the checkpoint is not signed by the key of ${origin}: ${(e as Error).message}`);
    }
    let cp;
    try {
      cp = parseCheckpoint(text);
    } catch (e) {
      return refuse('malformed', (e as Error).message);
    }
    if (req.oldSize > cp.size) return refuse('malformed', `the old size ${req.oldSize} is beyond the checkpoint's size ${cp.size}`);
    const logNote = `${text}\n${parseNote(req.checkpoint)
      .signatures.filter((s) => logKeys.some((k) => k.name === s.name && k.keyId === s.keyId))
      .map((s) => {
        const raw = new Uint8Array(4 + s.signature.length);
        new DataView(raw.buffer).setUint32(0, s.keyId);
        raw.set(s.signature, 4);
        return `— ${s.name} ${Buffer.from(raw).toString('base64')}\n`;
      })
      .join('')}`;

    return serialised(origin, () => {
      const known = opts.state.read(origin);
      const knownSize = known?.size ?? 0;
      const evidence = (a: WitnessAnswer) => {
        if (!a.ok && a.code !== 'old_size_mismatch') opts.state.keepEvidence(origin, body, `${a.code}: ${a.reason}`);
        return a;
      };
      if (known && cp.size < known.size) {
        return evidence(refuse('tree_shrank', `the checkpoint has ${cp.size} entries, fewer than the ${known.size} this witness co-signed: the log was truncated or rolled back`, { size: known.size }));
      }
      if (req.oldSize !== knownSize) {
        return refuse('old_size_mismatch', `this witness last co-signed size ${knownSize}, not ${req.oldSize}`, { size: knownSize });
      }
      if (known && cp.size === known.size) {
        if (!equalHashes(cp.root, known.root)) {
          return evidence(refuse('root_mismatch', `the checkpoint of size ${cp.size} has root ${toBase64(cp.root)}, but this witness co-signed root ${toBase64(known.root)} for that size: the log forked or rewrote its history`, { size: known.size }));
        }
        if (req.proof.length) return refuse('malformed', 'the proof must be empty when the sizes are equal');
      } else if (known && known.size > 0) {
        try {
          verifyConsistency(known.size, cp.size, req.proof, known.root, cp.root);
        } catch (e) {
          const code: LedgerErrorCode | undefined = e instanceof LedgerError ? e.code : undefined;
          return evidence(refuse('inconsistent', `the tree of size ${cp.size} does not extend the co-signed tree of size ${known.size} (${code ?? 'error'}: ${(e as Error).message}): an entry was changed, reordered or dropped`));
        }
      } else if (req.proof.length) {
        return refuse('malformed', 'the proof must be empty when the old size is 0');
      }
      // Persist before answering: a witness that answered and then lost its state could be made to co-sign a fork.
      opts.state.write(origin, { size: cp.size, root: cp.root, note: logNote });
      const bytes = new TextEncoder().encode(text);
      const sig = opts.key.sign(bytes);
      const raw = new Uint8Array(4 + sig.length);
      new DataView(raw.buffer).setUint32(0, opts.key.keyId);
      raw.set(sig, 4);
      const answer: WitnessAnswer = { ok: true, status: 200, cosignatures: `— ${opts.key.name} ${Buffer.from(raw).toString('base64')}\n`, size: cp.size };
      return answer;
    });
  }

  return { name: opts.key.name, addCheckpoint };
}
