import { createHash } from 'node:crypto';
import { canonize } from '../canonize.js';
import { DATA_INTEGRITY_V2_CONTEXT, VC_V2_CONTEXT } from '../contexts.js';
import type { JsonObject } from '../did.js';
import { jcs } from '../jcs.js';
import { verifyEd25519 } from '../keys.js';
import { contextLoader } from '../loader.js';
import { multibaseDecode } from '../multibase.js';
import { lookupMethod, type Part } from './method.js';
import type { Resolver } from './resolver.js';
import { combine, type Check, type TrustedKey } from './types.js';

type Suite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'Ed25519Signature2020';

export interface ProofOptions {
  resolver: Resolver;
  trustedKeys?: TrustedKey[];
  /** `assertionMethod` for credentials, `authentication` for presentations. */
  purpose: 'assertionMethod' | 'authentication';
  /** The issuer (or holder) who must control the key. */
  controller?: string;
  now: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function suiteOf(proof: JsonObject): Suite | string {
  if (proof.type === 'Ed25519Signature2020') return 'Ed25519Signature2020';
  if (proof.type !== 'DataIntegrityProof') return `proof type ${JSON.stringify(proof.type)} is not supported (DataIntegrityProof, Ed25519Signature2020 are)`;
  if (proof.cryptosuite === 'eddsa-rdfc-2022' || proof.cryptosuite === 'eddsa-jcs-2022') return proof.cryptosuite;
  if (proof.cryptosuite === 'eddsa-2022') return 'cryptosuite "eddsa-2022" is a pre-standard name: the Recommendation defines eddsa-rdfc-2022 and eddsa-jcs-2022';
  return `cryptosuite ${JSON.stringify(proof.cryptosuite)} is not supported (eddsa-rdfc-2022, eddsa-jcs-2022 are)`;
}

function includesContext(context: unknown, url: string): boolean {
  return context === url || (Array.isArray(context) && context.includes(url));
}

/**
 * The bytes an Ed25519 proof signs: hash(proof options) || hash(document), with
 * RDFC-1.0 (eddsa-rdfc-2022, Ed25519Signature2020) or JCS (eddsa-jcs-2022).
 * `unsecured` is the document without `proof` (plus earlier proofs of a chain).
 */
export async function verifyData(suite: Suite, unsecured: JsonObject, proof: JsonObject): Promise<Uint8Array> {
  const { proofValue: _value, ...options } = proof;
  const config: JsonObject = { '@context': unsecured['@context'], ...options };
  if (suite === 'eddsa-jcs-2022') {
    if (unsecured['@context'] === undefined) delete config['@context'];
    return Buffer.concat([sha256(jcs(config)), sha256(jcs(unsecured))]);
  }
  if (suite === 'eddsa-rdfc-2022' && !includesContext(config['@context'], VC_V2_CONTEXT) && !includesContext(config['@context'], DATA_INTEGRITY_V2_CONTEXT)) {
    // As the Digital Bazaar suite does: proof terms come from the DI context when the document lacks it.
    config['@context'] = [config['@context'] ?? []].flat().concat(DATA_INTEGRITY_V2_CONTEXT);
  }
  const [proofHash, docHash] = await Promise.all([proofConfigHash(config), canonize(unsecured, contextLoader).then(sha256)]);
  return Buffer.concat([proofHash, docHash]);
}

// Proof configurations repeat (one issuer key, one `created` second, many credentials): their hashes are kept.
const configHashes = new Map<string, Buffer>();

async function proofConfigHash(config: JsonObject): Promise<Buffer> {
  const key = JSON.stringify(config);
  const hit = configHashes.get(key);
  if (hit) return hit;
  const hash = sha256(await canonize(config, contextLoader));
  if (configHashes.size >= 1024) configHashes.clear();
  configHashes.set(key, hash);
  return hash;
}

function isDateTime(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v));
}

interface ProofOutcome {
  proof: Part;
  issuer: Part;
  key: Part;
}

async function verifyOne(document: JsonObject, proofs: JsonObject[], proof: JsonObject, opts: ProofOptions): Promise<ProofOutcome> {
  const label = proofs.length > 1 ? `proof ${proofs.indexOf(proof) + 1} (${String(proof.cryptosuite ?? proof.type)})` : String(proof.cryptosuite ?? proof.type);
  const notChecked: Part = { ok: null, reason: `${label}: key not checked` };
  const fail = (reason: string): ProofOutcome => ({ proof: { ok: false, reason: `${label}: ${reason}` }, issuer: notChecked, key: notChecked });
  const suite = suiteOf(proof);
  if (suite !== 'eddsa-rdfc-2022' && suite !== 'eddsa-jcs-2022' && suite !== 'Ed25519Signature2020') return fail(suite);
  if (proof.proofPurpose !== opts.purpose) return fail(`proofPurpose is ${JSON.stringify(proof.proofPurpose)}, expected ${opts.purpose}`);
  if (proof.created !== undefined && !isDateTime(proof.created)) return fail(`created ${JSON.stringify(proof.created)} is not an XSD dateTimeStamp`);
  if (proof.expires !== undefined && (!isDateTime(proof.expires) || Date.parse(proof.expires) < opts.now.getTime())) return fail(`the proof expired (${String(proof.expires)})`);
  if (typeof proof.proofValue !== 'string') return fail('the proof has no proofValue');

  const method = await lookupMethod(proof.verificationMethod, opts.purpose, opts.resolver, opts.trustedKeys);
  const issuer = { ok: method.issuer.ok, reason: `${label}: ${method.issuer.reason}` };
  let key = { ok: method.key.ok, reason: `${label}: ${method.key.reason}` };
  if (method.key.ok && opts.controller !== undefined && method.controller !== undefined && method.controller !== opts.controller) {
    key = { ok: false, reason: `${label}: the key belongs to ${method.controller}, but the document says ${opts.controller}` };
  }
  const multibase = method.material?.ed25519Multibase;
  if (!method.key.ok || !multibase) {
    const reason = method.material && !multibase ? 'the key is not an Ed25519 key' : 'signature not checked: no usable key';
    return { proof: { ok: method.material && !multibase ? false : null, reason: `${label}: ${reason}` }, issuer, key };
  }

  const { proof: _all, ...unsecured } = document;
  if (proof.previousProof !== undefined) {
    // Proof chains (VC Data Integrity §4.3): the earlier proofs are part of what was signed.
    const wanted: unknown[] = [proof.previousProof].flat();
    const earlier = proofs.filter((p) => wanted.includes(p.id));
    if (earlier.length !== wanted.length) return { ...fail(`previousProof ${JSON.stringify(proof.previousProof)} is not in the proof set`), issuer, key };
    unsecured.proof = earlier.length === 1 ? earlier[0] : earlier;
  }
  try {
    const data = await verifyData(suite, unsecured, proof);
    const signature = multibaseDecode(proof.proofValue);
    const ok = verifyEd25519(multibase, data, signature);
    return { proof: { ok, reason: `${label}: ${ok ? 'signature valid' : 'signature does not match the signed data'}` }, issuer, key };
  } catch (e) {
    return { proof: { ok: false, reason: `${label}: ${safeModeReason(e)}` }, issuer, key };
  }
}

/** JSON-LD errors, shortened to what a person can act on. */
export function safeModeReason(e: unknown): string {
  const err = e as { message?: string; details?: { event?: { message?: string } }; cause?: { message?: string } };
  const detail = err.details?.event?.message ?? err.cause?.message;
  return `cannot canonicalise (JSON-LD safe mode): ${err.message ?? String(e)}${detail ? ` (${detail})` : ''}`;
}

/** Verifies every proof on the document; all must pass. Returns the proof, issuer and key checks. */
export async function verifyProofs(document: JsonObject, opts: ProofOptions): Promise<Check[]> {
  const proofs = [document.proof].flat().filter((p): p is JsonObject => !!p && typeof p === 'object');
  if (proofs.length === 0) {
    const none = { ok: false as const, reason: 'the document has no proof: it is unsigned' };
    return [{ id: 'proof', ...none }, { id: 'issuer', ok: null, reason: 'not checked: no proof' }, { id: 'key', ok: null, reason: 'not checked: no proof' }];
  }
  const outcomes = await Promise.all(proofs.map((p) => verifyOne(document, proofs, p, opts)));
  return [combine('proof', outcomes.map((o) => o.proof)), combine('issuer', outcomes.map((o) => o.issuer)), combine('key', outcomes.map((o) => o.key))];
}
