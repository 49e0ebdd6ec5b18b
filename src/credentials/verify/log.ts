import { createHash } from 'node:crypto';
import { verifyCheckpoint } from '../../ledger/checkpoint.js';
import { credentialIdHash, decodeEntry, type LogEntry } from '../../ledger/entry.js';
import { equalHashes, type Hash, leafHash, toHex } from '../../ledger/hash.js';
import { verifyInclusion } from '../../ledger/merkle.js';
import type { NoteVerifier } from '../../ledger/note.js';
import { type CredentialLog, type CredentialProofBundle, issuedUnder } from '../../ledger/proofbundle.js';
import type { JsonObject } from '../did.js';
import { jcs } from '../jcs.js';
import type { Check } from './types.js';

/**
 * The "recorded in the transparency log" check (issue #5 item 4). The log is
 * reached through a `CredentialLog` (the database, a log's HTTP API, or a
 * saved proof bundle), and nothing it answers is trusted: the checkpoint must
 * be signed by the log key (and co-signed by `quorum` known witnesses), and
 * every entry must be proven included under it. The issuance entry must
 * record this very credential (SHA-256 of its signed bytes), and a revocation
 * or suspension recorded in the log fails the check even when the status list
 * cannot be fetched.
 */
export interface TransparencyLogPolicy {
  log: CredentialLog;
  /** The log's checkpoint key; its name is the log's origin. */
  key: NoteVerifier;
  /** Witness cosignature/v1 keys the verifier knows. */
  witnesses?: readonly NoteVerifier[];
  /** How many of `witnesses` must have co-signed the checkpoint (default 0). */
  quorum?: number;
  /** How long after issuance a credential may still be waiting for its first checkpoint (default 60 s): indeterminate, not failed. */
  graceMs?: number;
}

/** SHA-256 of the signed credential as the log records it: the JCS form of a Data Integrity credential, the compact JWT as is. */
export function signedCredentialHash(signed: JsonObject | string): Hash {
  return new Uint8Array(createHash('sha256').update(typeof signed === 'string' ? signed : jcs(signed)).digest());
}

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

type Proven = { index: number; entry: LogEntry; pending: boolean };

/** Verifies the bundle's checkpoint and every entry in it; throws with a reason on the first thing that does not hold. */
function openBundle(bundle: CredentialProofBundle, idHash: Hash, policy: TransparencyLogPolicy) {
  const known = policy.witnesses ?? [];
  const quorum = policy.quorum ?? 0;
  if (bundle.checkpoint === undefined) {
    // A log that has published nothing yet: only its own pending entries can be reported.
    if (bundle.entries.length) throw new Error('entries are given without a checkpoint');
    const pending = (bundle.pending ?? []).map((p) => ({ index: -1, entry: decodeEntry(b64(p)), pending: true }));
    for (const p of pending) if (!equalHashes(p.entry.credentialIdHash, idHash)) throw new Error('a pending entry is about another credential');
    return { checkpoint: { origin: policy.key.name, size: 0 }, witnesses: [] as string[], proven: [] as Proven[], pending };
  }
  const { checkpoint, witnesses } = verifyCheckpoint(bundle.checkpoint, { log: policy.key, witnesses: known, quorum: 0 });
  if (witnesses.length < quorum) {
    const missing = known.filter((w) => !witnesses.includes(w.name)).map((w) => w.name);
    throw new QuorumError(`the checkpoint carries ${witnesses.length} of the ${quorum} witness cosignatures required; missing: ${missing.join(', ') || '(no other witness is known)'}`);
  }
  const proven: Proven[] = bundle.entries.map((e) => {
    const bytes = b64(e.encoded);
    const entry = decodeEntry(bytes);
    if (!equalHashes(entry.credentialIdHash, idHash)) throw new Error(`entry #${e.index} is about another credential`);
    verifyInclusion(leafHash(bytes), e.index, checkpoint.size, e.proof.map(b64), checkpoint.root);
    return { index: e.index, entry, pending: false };
  });
  // Entries written but not yet in a checkpoint: only a local log, which is this platform's own database, reports them.
  const pending = (bundle.pending ?? []).map((p) => ({ index: -1, entry: decodeEntry(b64(p)), pending: true }));
  for (const p of pending) if (!equalHashes(p.entry.credentialIdHash, idHash)) throw new Error('a pending entry is about another credential');
  return { checkpoint, witnesses, proven, pending };
}

const when = (e: LogEntry) => e.time.toISOString();

/** Too few known witnesses co-signed: the log's answer may be honest, but it is not witnessed enough. */
class QuorumError extends Error {}

export async function transparencyLogCheck(credential: JsonObject, signed: JsonObject | string, policy: TransparencyLogPolicy, now: Date): Promise<Check> {
  const id = typeof credential.id === 'string' ? credential.id : undefined;
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : typeof (credential.issuer as JsonObject)?.id === 'string' ? String((credential.issuer as JsonObject).id) : undefined;
  if (!id || !issuedUnder(policy.key.name, { id, issuer })) {
    return { id: 'log', ok: true, skipped: true, reason: `not applicable: ${id ? `${id} was not issued by the platform that runs ${policy.key.name}` : 'the credential has no id'}, so that log does not record it` };
  }
  const idHash = credentialIdHash(id);
  let bundle: CredentialProofBundle;
  try {
    bundle = await policy.log.bundle(idHash, id);
  } catch (e) {
    return { id: 'log', ok: null, reason: `the transparency log ${policy.key.name} could not be read: ${(e as Error).message}` };
  }
  let opened: ReturnType<typeof openBundle>;
  try {
    opened = openBundle(bundle, idHash, policy);
  } catch (e) {
    if (e instanceof QuorumError) return { id: 'log', ok: false, reason: e.message };
    return { id: 'log', ok: false, reason: `the transparency log's answer does not verify: ${(e as Error).message}` };
  }
  const { checkpoint, witnesses, proven, pending } = opened;
  const all = [...proven, ...pending];
  const hash = signedCredentialHash(signed);
  const issuance = all.filter((p) => p.entry.type === 'issuance');
  const mine = issuance.find((p) => p.entry.type === 'issuance' && equalHashes(p.entry.credentialHash, hash));
  const cosigned = witnesses.length ? `, co-signed by ${witnesses.join(', ')}` : '';
  const where = (p: Proven) => (p.pending ? 'written to the log, awaiting its checkpoint' : `entry #${p.index}`);

  // A status change the log records decides, whatever the status list says (or fails to say).
  let state: { action: 'revoke' | 'suspend'; at: Proven; reason: string } | undefined;
  for (const p of all) {
    if (p.entry.type !== 'status') continue;
    if (p.entry.action === 'reinstate') {
      if (state?.action === 'suspend') state = undefined;
    } else if (state?.action !== 'revoke') state = { action: p.entry.action, at: p, reason: p.entry.reason };
  }
  if (state) {
    const verb = state.action === 'revoke' ? 'revoked' : 'suspended';
    return { id: 'log', ok: false, reason: `${verb} on ${when(state.at.entry)} (reason: ${state.reason}), as recorded in the transparency log ${checkpoint.origin} (${where(state.at)})` };
  }
  const sibling = !mine && bundle.sameCredential?.includes(toHex(hash)) ? issuance.find((p) => !p.pending) ?? issuance[0] : undefined;
  if (sibling) {
    return {
      id: 'log',
      ok: sibling.pending ? (policy.quorum ?? 0) > 0 ? null : true : true,
      reason: `recorded in the transparency log ${checkpoint.origin} (${where(sibling)}${sibling.pending ? '' : `, proven included in the checkpoint of size ${checkpoint.size}${cosigned}`}) in its JWT form; this Data Integrity form was issued with it, as this platform's records show`,
    };
  }
  if (!mine) {
    if (issuance.length) {
      const recorded = issuance.map((p) => (p.entry.type === 'issuance' ? toHex(p.entry.credentialHash) : '')).join(', ');
      return { id: 'log', ok: false, reason: `the log records another credential under this id (SHA-256 ${recorded}), not this one (${toHex(hash)}): it was altered after issuance` };
    }
    const issued = Date.parse(String(credential.validFrom ?? credential.issuanceDate ?? ''));
    const grace = policy.graceMs ?? 60_000;
    if (Number.isFinite(issued) && now.getTime() - issued < grace && now.getTime() >= issued - grace) {
      return { id: 'log', ok: null, reason: `not yet in a checkpoint of ${checkpoint.origin} (size ${checkpoint.size}): issued at ${new Date(issued).toISOString()}, the log publishes every few seconds; try again shortly` };
    }
    return { id: 'log', ok: false, reason: `not recorded in the transparency log ${checkpoint.origin}: no entry for this credential in the checkpoint of size ${checkpoint.size}` };
  }
  if (mine.pending) {
    if ((policy.quorum ?? 0) > 0) return { id: 'log', ok: null, reason: `written to the log ${checkpoint.origin} when it was issued, but not yet in a witnessed checkpoint; try again shortly` };
    return { id: 'log', ok: true, reason: `written to the transparency log ${checkpoint.origin} in the issuing transaction; the next checkpoint (within seconds) includes it` };
  }
  return { id: 'log', ok: true, reason: `recorded in the transparency log ${checkpoint.origin} as entry #${mine.index} (issued ${when(mine.entry)}), proven included in the checkpoint of size ${checkpoint.size} signed by the log key${cosigned}` };
}
