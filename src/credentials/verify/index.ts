import { unbake, type Unbaked } from '../baking.js';
import type { JsonObject } from '../did.js';
import type { Ctx } from './context.js';
import { verifyDiCredential, verifyDiPresentation } from './di.js';
import { verifyJose } from './jose.js';
import { createResolver } from './resolver.js';
import type { Check, VerifyOptions, VerifyResult } from './types.js';

export type { Check, CheckId, Format, TrustedKey, VerifyOptions, VerifyResult } from './types.js';
export { createResolver, type Resolution, type Resolver, type ResolverOptions } from './resolver.js';
export { parseTrustedKey } from './keys.js';
export { signedCredentialHash, transparencyLogCheck, type TransparencyLogPolicy } from './log.js';

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MERKLE = new Set(['MerkleProof2019', 'merkle-proof-2019', 'ChainedProof2021']);

const rejected = (checks: Check[], format: VerifyResult['format'] = 'unknown'): VerifyResult => ({ verified: false, format, checks });
const JSON_OK: Check = { id: 'json', ok: true, reason: 'well-formed JSON' };

/** COSE_Sign1 (CBOR tag 18) sent as base64 or hex text: recognised so it is refused by name. */
function looksLikeCose(text: string): boolean {
  const bytes = /^[0-9a-fA-F]+$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/=_-]+$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  return !!bytes && (bytes[0] === 0xd2 || bytes[0] === 0x84);
}

function parseDataUrl(id: string): string | undefined {
  const m = /^data:application\/(vc|vp)\+(sd-)?jwt(;[^,]*)?,(.+)$/.exec(id);
  return m?.[4];
}

async function verifyObject(doc: JsonObject, ctx: Ctx, jsonCheck: Check): Promise<VerifyResult> {
  const types = [doc.type].flat();
  if (types.includes('EnvelopedVerifiableCredential') || types.includes('EnvelopedVerifiablePresentation')) {
    const token = typeof doc.id === 'string' ? parseDataUrl(doc.id) : undefined;
    if (!token) return rejected([jsonCheck, { id: 'format', ok: false, reason: 'unsupported enveloped credential: only data:application/vc+jwt (and vp+jwt, SD-JWT) URLs are supported' }], 'unsupported');
    return verifyText(token, ctx);
  }
  const proofs = [doc.proof ?? []].flat() as JsonObject[];
  const merkle = proofs.find((p) => MERKLE.has(String(p?.type)) || MERKLE.has(String(p?.cryptosuite)));
  if (merkle) {
    return rejected([jsonCheck, { id: 'format', ok: false, reason: `unsupported ${String(merkle.cryptosuite ?? merkle.type)} (Blockcerts) proof: it is anchored in a blockchain, which microcred does not check` }], 'unsupported');
  }
  const withChecks = async (p: Promise<VerifyResult>) => {
    const r = await p;
    return { ...r, checks: [jsonCheck, ...r.checks] };
  };
  if (types.includes('VerifiablePresentation')) return withChecks(verifyDiPresentation(doc, ctx));
  if (types.includes('VerifiableCredential')) return withChecks(verifyDiCredential(doc, ctx));
  return rejected([jsonCheck, { id: 'format', ok: false, reason: 'not a verifiable credential or presentation: type has neither VerifiableCredential nor VerifiablePresentation' }]);
}

/** A badge image: the baked credential is verified, or the image fails the `baked` check. */
async function verifyBaked(baked: Unbaked, ctx: Ctx): Promise<VerifyResult> {
  if ('error' in baked) return rejected([{ id: 'baked', ok: false, reason: baked.error }]);
  const r = await verifyText(baked.credential, ctx);
  const reason = `an Open Badges 3.0 credential baked in a ${baked.kind.toUpperCase()} badge image (${baked.kind === 'png' ? 'iTXt openbadgecredential' : 'openbadges:credential element'})`;
  return { ...r, checks: [{ id: 'baked', ok: true, reason }, ...r.checks] };
}

/** A pasted `data:image/png;base64,…` or `data:image/svg+xml,…` URL of a badge image. */
function imageDataUrl(text: string): Uint8Array | undefined {
  const m = /^data:image\/(png|svg\+xml)(;[^,]*)?,(.*)$/s.exec(text);
  if (!m) return undefined;
  return /;base64/i.test(m[2] ?? '') ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8');
}

async function verifyText(text: string, ctx: Ctx): Promise<VerifyResult> {
  const trimmed = text.trim();
  const image = imageDataUrl(trimmed);
  const baked = unbake(image ?? trimmed);
  if (baked) return verifyBaked(baked, ctx);
  if (image) return rejected([{ id: 'baked', ok: false, reason: 'no credential baked in this image' }]);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      return rejected([{ id: 'json', ok: false, reason: `not well-formed JSON: ${(e as Error).message}` }]);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return rejected([{ id: 'json', ok: false, reason: 'the JSON is not an object' }]);
    return verifyObject(parsed as JsonObject, ctx, JSON_OK);
  }
  const first = trimmed.split('~')[0]!;
  if (JWS.test(first)) {
    const r = await verifyJose(trimmed, ctx);
    return { ...r, checks: [{ id: 'json', ok: true, reason: 'compact JWS with JSON header and payload' }, ...r.checks] };
  }
  if (looksLikeCose(trimmed)) {
    return rejected([{ id: 'json', ok: false, reason: 'not JSON: binary CBOR' }, { id: 'format', ok: false, reason: 'unsupported COSE (application/vc+cose): only Data Integrity and VC-JOSE are supported' }], 'unsupported');
  }
  return rejected([{ id: 'json', ok: false, reason: 'neither JSON nor a compact JWT / SD-JWT' }]);
}

/**
 * Verifies a credential or presentation: Data Integrity (eddsa-rdfc-2022,
 * eddsa-jcs-2022, Ed25519Signature2020), VC-JOSE (`vc+jwt`, `vp+jwt`) or
 * SD-JWT, given as text, an object, or bytes — including an Open Badges 3.0
 * baked badge image (PNG or SVG), whose embedded credential is verified. Never throws for bad input: every problem is a check with a reason,
 * and `verified` is true only when every check passed.
 */
export async function verify(input: string | Uint8Array | JsonObject, options: VerifyOptions = {}): Promise<VerifyResult> {
  const resolver = options.resolver ?? createResolver({ documents: options.documents, fetch: options.fetch, timeoutMs: options.timeoutMs });
  const ctx: Ctx = {
    now: options.now ?? new Date(),
    resolver,
    trustedKeys: options.trustedKeys,
    challenge: options.challenge,
    domain: options.domain,
    transparencyLog: options.transparencyLog,
    verifyEmbedded: (value) =>
      typeof value === 'string' ? verifyText(value, { ...ctx, challenge: undefined, domain: undefined }) : value && typeof value === 'object' ? verifyObject(value as JsonObject, { ...ctx, challenge: undefined, domain: undefined }, JSON_OK) : Promise.resolve(rejected([{ id: 'format', ok: false, reason: 'an embedded credential must be an object' }])),
    verifyStatusList: (list) => verifyDiCredential(list, ctx, { statusList: true }),
  };
  try {
    if (typeof input === 'string') return await verifyText(input, ctx);
    if (input instanceof Uint8Array) {
      // A baked badge (PNG or SVG), else the bytes are the UTF-8 text of JSON or a JWT.
      const baked = unbake(input);
      return baked ? await verifyBaked(baked, ctx) : await verifyText(Buffer.from(input).toString('utf8'), ctx);
    }
    return await verifyObject(input, ctx, { id: 'json', ok: true, reason: 'given as an object' });
  } catch (e) {
    // A bug or an unexpected library failure must still produce a verdict, never a crash.
    return rejected([{ id: 'format', ok: null, reason: `verification could not complete: ${(e as Error).message}` }]);
  }
}
