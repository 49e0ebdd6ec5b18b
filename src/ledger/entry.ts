import { LedgerError } from './errors.js';
import { HASH_SIZE, type Hash, sha256, toHex } from './hash.js';

/**
 * Log entries: what a leaf commits to. Hashes and codes only, never personal
 * data: the credential is named by SHA-256 of its id and by SHA-256 of its
 * signed canonical bytes, its issuer by DID, and a status change by a reason
 * code (no free text, which could carry a name).
 *
 * Canonical encoding (RFC 8446 §3 presentation language, big-endian):
 *
 *     struct {
 *       uint8  version = 1;
 *       uint8  type;                      // 1 issuance, 2 status change
 *       uint64 time;                      // milliseconds since the Unix epoch
 *       opaque credential_id_hash[32];    // SHA-256(UTF-8 credential id)
 *       select (type) {
 *         case issuance:
 *           opaque credential_hash[32];   // SHA-256(signed credential's canonical bytes)
 *           opaque issuer<1..2^16-1>;      // issuer DID, UTF-8, at most 2048 bytes
 *         case status:
 *           uint8 action;                 // 1 revoke, 2 suspend, 3 reinstate
 *           uint8 reason;                 // index into STATUS_REASONS
 *       };
 *     } LogEntry;
 *
 * Decoding is strict (no trailing bytes, known codes only), so each entry has
 * exactly one encoding and so one leaf hash.
 */

export const ENTRY_VERSION = 1;
export const STATUS_ACTIONS = ['revoke', 'suspend', 'reinstate'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];
/** Why a status changed. Append only: the code of a reason is its position. */
export const STATUS_REASONS = [
  'unspecified',
  'issued_in_error',
  'superseded',
  'misconduct',
  'holder_request',
  'key_compromise',
  'under_review',
  'review_cleared',
] as const;
export type StatusReason = (typeof STATUS_REASONS)[number];

const MAX_ISSUER_BYTES = 2048;
const TYPE = { issuance: 1, status: 2 } as const;

export type LogEntry =
  | { type: 'issuance'; time: Date; credentialIdHash: Hash; credentialHash: Hash; issuer: string }
  | { type: 'status'; time: Date; credentialIdHash: Hash; action: StatusAction; reason: StatusReason };

/** SHA-256 of the credential id's UTF-8 bytes: how entries name a credential. */
export function credentialIdHash(credentialId: string): Hash {
  return sha256(new TextEncoder().encode(credentialId));
}

/** The entry for an issued credential. `credentialHash` is SHA-256 of its signed canonical bytes. */
export function issuanceEntry(a: { credentialId: string; credentialHash: Hash; issuer: string; time: Date }): LogEntry {
  return { type: 'issuance', time: a.time, credentialIdHash: credentialIdHash(a.credentialId), credentialHash: a.credentialHash, issuer: a.issuer };
}

/** The entry for a revocation, suspension or reinstatement. */
export function statusEntry(a: { credentialId: string; action: StatusAction; reason?: StatusReason; time: Date }): LogEntry {
  return { type: 'status', time: a.time, credentialIdHash: credentialIdHash(a.credentialId), action: a.action, reason: a.reason ?? 'unspecified' };
}

const invalid = (msg: string) => new LedgerError('LEDGER_ENTRY_INVALID', msg);
const malformed = (msg: string) => new LedgerError('LEDGER_ENTRY_MALFORMED', msg);

// A DID (W3C DID 1.0 §3.1) with no spaces or control characters; its length bounded so entries stay small.
const DID = /^did:[a-z0-9]+:[\x21-\x7e]+$/;

export function encodeEntry(e: LogEntry): Uint8Array {
  const ms = e.time.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0) throw invalid('the time must be a valid date after 1970');
  if (e.credentialIdHash.length !== HASH_SIZE) throw invalid('the credential id hash must be 32 bytes');
  const head = new Uint8Array(2 + 8 + HASH_SIZE);
  const view = new DataView(head.buffer);
  head[0] = ENTRY_VERSION;
  head[1] = TYPE[e.type];
  view.setBigUint64(2, BigInt(ms));
  head.set(e.credentialIdHash, 10);
  if (e.type === 'issuance') {
    if (e.credentialHash.length !== HASH_SIZE) throw invalid('the credential hash must be 32 bytes');
    const issuer = new TextEncoder().encode(e.issuer);
    if (!DID.test(e.issuer) || issuer.length > MAX_ISSUER_BYTES) throw invalid(`the issuer must be a DID of at most ${MAX_ISSUER_BYTES} bytes`);
    const len = new Uint8Array([issuer.length >> 8, issuer.length & 0xff]);
    return concat(head, e.credentialHash, len, issuer);
  }
  const action = STATUS_ACTIONS.indexOf(e.action);
  const reason = STATUS_REASONS.indexOf(e.reason);
  if (action < 0) throw invalid(`unknown status action ${String(e.action)}`);
  if (reason < 0) throw invalid(`unknown status reason ${String(e.reason)}`);
  return concat(head, new Uint8Array([action + 1, reason]));
}

export function decodeEntry(bytes: Uint8Array): LogEntry {
  if (bytes.length < 2 + 8 + HASH_SIZE) throw malformed('the entry is too short');
  if (bytes[0] !== ENTRY_VERSION) throw malformed(`unknown entry version ${bytes[0]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ms = view.getBigUint64(2);
  if (ms > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed('the time is out of range');
  const time = new Date(Number(ms));
  const credentialIdHash = bytes.slice(10, 42);
  if (bytes[1] === TYPE.issuance) {
    if (bytes.length < 42 + HASH_SIZE + 2) throw malformed('the issuance entry is too short');
    const credentialHash = bytes.slice(42, 74);
    const len = (bytes[74]! << 8) | bytes[75]!;
    if (bytes.length !== 76 + len) throw malformed('the issuer length does not match the entry length');
    let issuer: string;
    try {
      issuer = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(76));
    } catch (cause) {
      throw new LedgerError('LEDGER_ENTRY_MALFORMED', 'the issuer is not UTF-8', { cause });
    }
    if (!DID.test(issuer) || len > MAX_ISSUER_BYTES) throw malformed('the issuer is not a DID');
    return { type: 'issuance', time, credentialIdHash, credentialHash, issuer };
  }
  if (bytes[1] === TYPE.status) {
    if (bytes.length !== 44) throw malformed('a status entry is 44 bytes');
    const action = STATUS_ACTIONS[bytes[42]! - 1];
    const reason = STATUS_REASONS[bytes[43]!];
    if (!action) throw malformed(`unknown status action code ${bytes[42]}`);
    if (!reason) throw malformed(`unknown status reason code ${bytes[43]}`);
    return { type: 'status', time, credentialIdHash, action, reason };
  }
  throw malformed(`unknown entry type ${bytes[1]}`);
}

/** The credential id hash of encoded entry bytes: every entry type holds it at the same place, so no full decode is needed. */
export function credentialIdHashOf(bytes: Uint8Array): Hash {
  if (bytes.length < 42 || bytes[0] !== ENTRY_VERSION) throw malformed('not an entry');
  return bytes.subarray(10, 42);
}

/** The public JSON form of an entry, as the API and entry listings show it (hashes in hex). */
export type EntryJson =
  | { type: 'issuance'; time: string; credentialIdHash: string; credentialHash: string; issuer: string }
  | { type: 'status'; time: string; credentialIdHash: string; action: StatusAction; reason: StatusReason };

export function entryToJson(e: LogEntry): EntryJson {
  const common = { time: e.time.toISOString(), credentialIdHash: toHex(e.credentialIdHash) };
  return e.type === 'issuance'
    ? { type: 'issuance', ...common, credentialHash: toHex(e.credentialHash), issuer: e.issuer }
    : { type: 'status', ...common, action: e.action, reason: e.reason };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
