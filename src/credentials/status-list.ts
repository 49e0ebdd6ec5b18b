import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from './contexts.js';
import type { JsonObject } from './did.js';

/** The Bitstring Status List minimum (16 KiB of bits), which also gives holders herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

export type StatusPurpose = 'revocation' | 'suspension';
/** The purposes a served list can have: one bit per entry (revocation, suspension) or a two-bit `message` status. */
export type ListPurpose = StatusPurpose | 'message';

/**
 * The two-bit status of credentials that can be suspended (docs/adr/0006-status-lists.md):
 * the first bit is the revocation bit, the second the suspension bit.
 */
export const STATUS_MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'suspended' },
  { status: '0x2', message: 'revoked' },
  { status: '0x3', message: 'revoked' },
] as const;

/** A zeroed list of `length` one-bit entries. */
export function createStatusBits(length = MIN_STATUS_LIST_LENGTH): Uint8Array {
  if (length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) throw new Error(`a status list has at least ${MIN_STATUS_LIST_LENGTH} entries, a multiple of 8`);
  return new Uint8Array(length / 8);
}

function checkIndex(bits: Uint8Array, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) throw new RangeError(`status index ${index} is outside a list of ${bits.length * 8}`);
}

/** Bit `index`, counted from the most significant bit of the first byte (Bitstring Status List §3.2). */
export function getStatusBit(bits: Uint8Array, index: number): boolean {
  checkIndex(bits, index);
  return ((bits[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

export function setStatusBit(bits: Uint8Array, index: number, value: boolean): void {
  checkIndex(bits, index);
  const mask = 1 << (7 - (index & 7));
  bits[index >> 3] = value ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask;
}

/** `encodedList`: GZIP, then multibase base64url (`u…`). */
export function encodeStatusList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** Decodes `encodedList`; lists from before the multibase prefix (StatusList2021) are plain base64url. */
export function decodeStatusList(encoded: string): Uint8Array {
  const body = encoded.startsWith('u') ? encoded.slice(1) : encoded;
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(body)) throw new Error('encodedList is not base64url');
  return new Uint8Array(gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: 64 << 20 }));
}

/** A credentialStatus entry pointing at index `index` of the list published at `listUrl`. */
export function statusEntry(listUrl: string, index: number, purpose: StatusPurpose): JsonObject {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/**
 * A `message`-purpose entry of `statusSize` 2 at index `index` of the list at
 * `listUrl`: one entry that carries both revocation and suspension, so the
 * credential keeps the single `credentialStatus` object OB 3.0's schema allows.
 */
export function statusMessageEntry(listUrl: string, index: number): JsonObject {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'message',
    statusListIndex: String(index),
    statusListCredential: listUrl,
    statusSize: 2,
    statusMessage: STATUS_MESSAGES.map((m) => ({ ...m })),
  };
}

/** Interleaves a revocation and a suspension list (one bit each per entry) into a two-bit list, entry by entry. */
export function interleaveStatusBits(revocation: Uint8Array, suspension: Uint8Array): Uint8Array {
  if (revocation.length !== suspension.length) throw new RangeError('the revocation and suspension lists differ in length');
  const out = new Uint8Array(revocation.length * 2);
  for (let byte = 0; byte < revocation.length; byte++) {
    if (revocation[byte] === 0 && suspension[byte] === 0) continue; // most of a list is clear
    for (let i = byte * 8; i < byte * 8 + 8; i++) {
      if (getStatusBit(revocation, i)) setStatusBit(out, 2 * i, true);
      if (getStatusBit(suspension, i)) setStatusBit(out, 2 * i + 1, true);
    }
  }
  return out;
}

/** The unsigned status list credential served at `listUrl`. */
export function statusListCredential(opts: { listUrl: string; issuer: string; purpose: ListPurpose; bits: Uint8Array; validFrom: Date; validUntil?: Date }): JsonObject {
  return {
    '@context': [VC_V2_CONTEXT],
    id: opts.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: opts.issuer,
    validFrom: opts.validFrom.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(opts.validUntil ? { validUntil: opts.validUntil.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
    credentialSubject: {
      id: `${opts.listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: opts.purpose,
      encodedList: encodeStatusList(opts.bits),
    },
  };
}
