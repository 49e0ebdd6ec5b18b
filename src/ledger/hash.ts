import { hash } from 'node:crypto';
import { LedgerError } from './errors.js';

/** A SHA-256 digest: a leaf hash, a node hash or a root. */
export type Hash = Uint8Array;
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export function sha256(...parts: Uint8Array[]): Hash {
  // One-shot hashing of one buffer is about three times faster than a Hash object: it matters for sequencing.
  const input = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const out = hash('sha256', input, 'buffer');
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** RFC 9162 §2.1.1: the hash of an empty tree is the hash of the empty string. */
export const EMPTY_ROOT: Hash = sha256();

/** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)); the prefix keeps leaves and nodes apart. */
export function leafHash(entry: Uint8Array): Hash {
  return sha256(LEAF_PREFIX, entry);
}

/** RFC 9162 §2.1.1: an interior node is SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return sha256(NODE_PREFIX, left, right);
}

export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function requireHash(h: Uint8Array, what: string): void {
  if (h.length !== HASH_SIZE) throw new LedgerError('LEDGER_HASH_WRONG_LENGTH', `${what} is ${h.length} bytes, not ${HASH_SIZE}`);
}

export const toBase64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
export const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A 32-byte hash given as 64 hex digits or as (standard or URL-safe) base64. */
export function parseHash(text: string): Hash {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return new Uint8Array(Buffer.from(text, 'hex'));
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const b = new Uint8Array(Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    if (b.length === HASH_SIZE) return b;
  }
  throw new LedgerError('LEDGER_HASH_WRONG_LENGTH', 'a hash is 64 hex digits or 44 base64 characters');
}
