import { LedgerError } from './errors.js';
import { HASH_SIZE, type Hash, toBase64 } from './hash.js';
import { type NoteSigner, type NoteVerifier, openNote, signNote } from './note.js';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text is
 *
 *     <origin>\n<tree size in decimal>\n<base64 root hash>\n[<extension line>\n]*
 *
 * signed as a C2SP signed note by the log key, whose name is the origin, and
 * optionally co-signed by witnesses (c2sp.org/tlog-cosignature).
 */
export interface Checkpoint {
  /** The log's identity, a schema-less URL such as `example.com/log`. */
  origin: string;
  size: number;
  root: Hash;
  extensions: string[];
}

const malformed = (msg: string) => new LedgerError('LEDGER_NOTE_MALFORMED', msg);

export function formatCheckpoint(c: Checkpoint): string {
  if (!c.origin || /\s/u.test(c.origin)) throw malformed('the origin is non-empty and has no spaces');
  if (c.root.length !== HASH_SIZE) throw new LedgerError('LEDGER_HASH_WRONG_LENGTH', 'the root hash is 32 bytes');
  return [c.origin, String(c.size), toBase64(c.root), ...c.extensions].map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint's note text (without signatures). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('a checkpoint ends with a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || /\s/u.test(origin)) throw malformed('the first line is the origin');
  // tlog-checkpoint: the size is ASCII decimal without leading zeros.
  if (!size || !/^(0|[1-9]\d{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) throw malformed('the second line is the tree size in decimal');
  const rootBytes = root === undefined ? new Uint8Array() : new Uint8Array(Buffer.from(root, 'base64'));
  if (rootBytes.length !== HASH_SIZE || toBase64(rootBytes) !== root) throw malformed('the third line is the base64 root hash');
  if (extensions.some((l) => l === '')) throw malformed('extension lines are not empty');
  return { origin, size: Number(size), root: rootBytes, extensions };
}

/** The signed checkpoint note, signed by the log key. */
export function signCheckpoint(c: Checkpoint, logKey: NoteSigner): string {
  if (logKey.name !== c.origin) throw malformed(`the log key is named ${logKey.name}, not after the origin ${c.origin}`);
  return signNote(formatCheckpoint(c), [logKey]);
}

export interface CheckpointPolicy {
  /** The log's verifier; its name is the expected origin. */
  log: NoteVerifier;
  /** Witness cosignature/v1 verifiers. */
  witnesses?: readonly NoteVerifier[];
  /** How many of `witnesses` must have co-signed (default 0). */
  quorum?: number;
}

/**
 * Opens a signed checkpoint: the log key must have signed it, its origin must
 * be the log key's name, and at least `quorum` witnesses must have co-signed.
 * Throws LEDGER_NOTE_MALFORMED, LEDGER_NOTE_UNVERIFIED, LEDGER_ORIGIN_MISMATCH or LEDGER_WITNESS_QUORUM.
 */
export function verifyCheckpoint(note: string, policy: CheckpointPolicy): { checkpoint: Checkpoint; witnesses: string[] } {
  const witnesses = policy.witnesses ?? [];
  const { text, verifiedBy } = openNote(note, [policy.log, ...witnesses]);
  if (!verifiedBy.includes(policy.log)) throw new LedgerError('LEDGER_NOTE_UNVERIFIED', `the log key ${policy.log.name} did not sign this checkpoint`);
  const checkpoint = parseCheckpoint(text);
  if (checkpoint.origin !== policy.log.name) throw new LedgerError('LEDGER_ORIGIN_MISMATCH', `the checkpoint is of ${checkpoint.origin}, not ${policy.log.name}`);
  const cosigners = verifiedBy.filter((v) => v !== policy.log && witnesses.includes(v)).map((v) => v.name);
  const quorum = policy.quorum ?? 0;
  if (cosigners.length < quorum) throw new LedgerError('LEDGER_WITNESS_QUORUM', `${cosigners.length} of the required ${quorum} witnesses co-signed`);
  return { checkpoint, witnesses: cosigners };
}

/** The log origin for a public URL: host and path, no scheme (`https://example.org` → `example.org/log`). */
export function logOrigin(publicUrl: string): string {
  const u = new URL(publicUrl);
  return `${u.host}${u.pathname.replace(/\/$/, '')}/log`;
}
