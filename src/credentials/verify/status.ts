import type { JsonObject } from '../did.js';
import { decodeStatusList, getStatusBit } from '../status-list.js';
import type { Part } from './method.js';
import type { Resolver } from './resolver.js';
import { combine, type Check, type VerifyResult } from './types.js';

const LIST_TYPES: Record<string, string> = {
  BitstringStatusListEntry: 'BitstringStatusListCredential',
  StatusList2021Entry: 'StatusList2021Credential',
};

export interface StatusOptions {
  resolver: Resolver;
  /** Verifies the status list credential itself (signature, issuer, validity), without its own status. */
  verifyList(list: JsonObject): Promise<VerifyResult>;
}

async function checkEntry(entry: JsonObject, opts: StatusOptions): Promise<Part> {
  const listType = LIST_TYPES[String(entry.type)];
  if (!listType) return { ok: null, reason: `status type ${JSON.stringify(entry.type)} is not supported (BitstringStatusListEntry is): status unknown` };
  const purpose = entry.statusPurpose;
  const index = Number(entry.statusListIndex);
  const url = entry.statusListCredential;
  if (typeof purpose !== 'string' || typeof url !== 'string' || !Number.isSafeInteger(index) || index < 0) {
    return { ok: false, reason: 'the status entry lacks a statusPurpose, a statusListCredential URL or a non-negative statusListIndex' };
  }
  const resolved = await opts.resolver.resolve(url);
  if (!resolved.ok) return { ok: resolved.ok, reason: `status list unavailable: ${resolved.reason}` };
  const list = resolved.document;
  const listResult = await opts.verifyList(list);
  if (!listResult.verified) {
    const bad = listResult.checks.filter((c) => c.ok !== true);
    const ok = bad.some((c) => c.ok === false) ? false : null;
    return { ok, reason: `the status list credential ${url} does not verify: ${bad.map((c) => `${c.id}: ${c.reason}`).join('; ')}` };
  }
  if (![list.type].flat().includes(listType)) return { ok: false, reason: `${url} is not a ${listType}` };
  const subject = list.credentialSubject as JsonObject | undefined;
  if (!subject || ![subject.statusPurpose].flat().includes(purpose)) {
    return { ok: false, reason: `${url} is not a ${purpose} list (its statusPurpose is ${JSON.stringify(subject?.statusPurpose)})` };
  }
  let bits: Uint8Array;
  try {
    bits = decodeStatusList(String(subject.encodedList));
  } catch (e) {
    return { ok: false, reason: `${url}: encodedList cannot be decoded (${(e as Error).message})` };
  }
  const size = entry.statusSize === undefined ? 1 : Number(entry.statusSize);
  if (!Number.isSafeInteger(size) || size < 1 || (index + 1) * size > bits.length * 8) {
    return { ok: false, reason: `status index ${index} is outside the list ${url} (${bits.length * 8} bits)` };
  }
  let value = 0;
  for (let i = 0; i < size; i++) value = (value << 1) | (getStatusBit(bits, index * size + i) ? 1 : 0);
  if (purpose === 'message') {
    // A message status passes at its baseline value 0x0 only; any other value fails, reported with the issuer's message.
    const hex = `0x${value.toString(16)}`;
    const found = [entry.statusMessage].flat().find((m): m is JsonObject => !!m && typeof m === 'object' && String((m as JsonObject).status).toLowerCase() === hex);
    const message = typeof found?.message === 'string' ? found.message : undefined;
    const where = `status message ${hex} at index ${index} of ${url}`;
    if (value === 0) return { ok: true, reason: `${message ?? 'baseline status'} (${where})` };
    const named = message === 'suspended' || message === 'revoked' ? message : `status ${hex}${message ? ` "${message}"` : ' (no message given)'}`;
    return { ok: false, reason: `${named} (${where})` };
  }
  if (value === 0) return { ok: true, reason: `not ${purpose === 'revocation' ? 'revoked' : purpose === 'suspension' ? 'suspended' : `flagged (${purpose})`} (index ${index} of ${url})` };
  if (purpose === 'revocation') return { ok: false, reason: `revoked (index ${index} of ${url} is set)` };
  if (purpose === 'suspension') return { ok: false, reason: `suspended (index ${index} of ${url} is set)` };
  return { ok: true, reason: `${purpose} status value ${value} (index ${index} of ${url})` };
}

/** Checks every credentialStatus entry; revoked or suspended fails, an unreachable list is indeterminate. */
export async function checkStatus(credential: JsonObject, opts: StatusOptions): Promise<Check> {
  const entries = [credential.credentialStatus].flat().filter((e): e is JsonObject => !!e && typeof e === 'object');
  if (credential.credentialStatus === undefined) return { id: 'status', ok: true, reason: 'no credentialStatus: nothing to check' };
  if (entries.length === 0) return { id: 'status', ok: false, reason: 'credentialStatus is not an object' };
  return combine('status', await Promise.all(entries.map((e) => checkEntry(e, opts))));
}
