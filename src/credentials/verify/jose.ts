import { createHash } from 'node:crypto';
import { compactVerify, importJWK, type JWK } from 'jose';
import type { JsonObject } from '../did.js';
import { decodeEd25519PublicKeyMultibase } from '../multibase.js';
import { contextsCheck, dataModelCheck, idOf, schemaCheck, validityCheck } from './checks.js';
import type { Ctx } from './context.js';
import { presentationChecks } from './di.js';
import { lookupMethod, type Part } from './method.js';
import { transparencyLogCheck } from './log.js';
import { checkStatus } from './status.js';
import { verdict, type Check, type Format, type VerifyResult } from './types.js';

const ALGS = new Set(['EdDSA', 'Ed25519', 'ES256', 'ES384', 'ES512']);
const TYPES: Record<string, { format: Format; kind: 'credential' | 'presentation'; sd: boolean }> = {
  'vc+jwt': { format: 'vc+jwt', kind: 'credential', sd: false },
  'vp+jwt': { format: 'vp+jwt', kind: 'presentation', sd: false },
  'vc+sd-jwt': { format: 'sd-jwt-vc', kind: 'credential', sd: true },
  'vp+sd-jwt': { format: 'sd-jwt-vc', kind: 'presentation', sd: true },
};

function decodePart(part: string | undefined): JsonObject | undefined {
  try {
    const v = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

const fail = (format: Format, checks: Check[]): VerifyResult => ({ verified: false, format, checks });

/** Applies SD-JWT disclosures (RFC 9901 §7.1): every disclosure must be referenced exactly once. */
function disclose(payload: JsonObject, disclosures: string[]): JsonObject | string {
  if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256') return `_sd_alg ${JSON.stringify(payload._sd_alg)} is not supported (sha-256 is)`;
  const byDigest = new Map<string, unknown[]>();
  for (const d of disclosures) {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(d, 'base64url').toString('utf8'));
    } catch {
      return 'a disclosure is not base64url JSON';
    }
    if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) return 'a disclosure is not a [salt, (name,) value] array';
    byDigest.set(createHash('sha256').update(d, 'ascii').digest('base64url'), value);
  }
  const used = new Set<string>();
  const take = (digest: unknown): unknown[] | undefined => {
    if (typeof digest !== 'string' || !byDigest.has(digest)) return undefined;
    if (used.has(digest)) throw new Error('a disclosure digest appears twice');
    used.add(digest);
    return byDigest.get(digest);
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const item of node) {
        const ref = item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 1 ? (item as JsonObject)['...'] : undefined;
        if (ref === undefined) out.push(walk(item));
        else {
          const d = take(ref);
          if (d?.length === 2) out.push(walk(d[1]));
        }
      }
      return out;
    }
    if (!node || typeof node !== 'object') return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node as JsonObject)) if (k !== '_sd' && k !== '_sd_alg') out[k] = walk(v);
    for (const digest of [(node as JsonObject)._sd ?? []].flat()) {
      const d = take(digest);
      if (d?.length === 3 && typeof d[1] === 'string') {
        if (d[1] in out) throw new Error(`disclosed claim ${d[1]} is already present`);
        out[d[1]] = walk(d[2]);
      }
    }
    return out;
  };
  try {
    const result = walk(payload) as JsonObject;
    if (used.size !== byDigest.size) return 'a disclosure is not referenced by the signed payload';
    return result;
  } catch (e) {
    return (e as Error).message;
  }
}

async function checkSignature(jws: string, header: JsonObject, payload: JsonObject, relation: string, ctx: Ctx): Promise<{ proof: Part; issuer: Part; key: Part; controller?: string }> {
  const skipped: Part = { ok: null, reason: 'not checked' };
  const alg = String(header.alg);
  if (!ALGS.has(alg)) return { proof: { ok: false, reason: `alg ${JSON.stringify(header.alg)} is not accepted (${[...ALGS].join(', ')})` }, issuer: skipped, key: skipped };
  const iss = idOf(payload.issuer) ?? idOf(payload.holder) ?? (typeof payload.iss === 'string' ? payload.iss : undefined);
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const ref = kid && (kid.includes(':') || !iss) ? kid : kid && iss ? (ctx.trustedKeys?.some((k) => k.publicKeyJwk?.kid === kid) ? kid : `${iss}#${kid}`) : iss;
  const method = await lookupMethod(ref, relation, ctx.resolver, ctx.trustedKeys);
  let jwk = method.material?.jwk;
  if (!jwk && method.material?.ed25519Multibase) {
    jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(decodeEd25519PublicKeyMultibase(method.material.ed25519Multibase)).toString('base64url') };
  }
  let key = method.key;
  if (key.ok && method.controller && iss && method.controller !== iss) key = { ok: false, reason: `the key belongs to ${method.controller}, but the JWT is from ${iss}` };
  if (!jwk || !method.key.ok) return { proof: { ok: null, reason: 'signature not checked: no usable key' }, issuer: method.issuer, key };
  try {
    await compactVerify(jws, await importJWK(jwk as JWK, alg));
    return { proof: { ok: true, reason: `${alg} signature valid` }, issuer: method.issuer, key, controller: method.controller };
  } catch (e) {
    return { proof: { ok: false, reason: `${alg} signature does not verify with ${ref}: ${(e as Error).message}` }, issuer: method.issuer, key };
  }
}

/** VC-JOSE-COSE: `vc+jwt`, `vp+jwt` and SD-JWT (`vc+sd-jwt`, `vp+sd-jwt`) in compact form. */
export async function verifyJose(token: string, ctx: Ctx): Promise<VerifyResult> {
  const [jws, ...rest] = token.split('~');
  const parts = jws!.split('.');
  const header = decodePart(parts[0]);
  const raw = decodePart(parts[1]);
  if (parts.length !== 3 || !header || !raw) {
    return fail('unknown', [{ id: 'format', ok: false, reason: 'not a compact JWS: three base64url JSON parts expected' }]);
  }
  const type = TYPES[String(header.typ)];
  if (!type || (rest.length > 0) !== type.sd) {
    if (raw.vc || raw.vp) return fail('unsupported', [{ id: 'format', ok: false, reason: 'unsupported VC 1.1 JWT (vc/vp claim): only VC 2.0 VC-JOSE (vc+jwt, vp+jwt, SD-JWT) is supported' }]);
    return fail('unsupported', [{ id: 'format', ok: false, reason: `unsupported media type: typ ${JSON.stringify(header.typ)} is not vc+jwt, vp+jwt, vc+sd-jwt or vp+sd-jwt${rest.length ? ' (SD-JWT)' : ''}` }]);
  }
  if (header.cty !== undefined && header.cty !== (type.kind === 'credential' ? 'vc' : 'vp')) {
    return fail(type.format, [{ id: 'format', ok: false, reason: `unsupported content type: cty ${JSON.stringify(header.cty)} with typ ${String(header.typ)}` }]);
  }
  const checks: Check[] = [{ id: 'format', ok: true, reason: `${String(header.typ)} (VC-JOSE-COSE)` }];
  const sig = await checkSignature(jws!, header, raw, type.kind === 'credential' ? 'assertionMethod' : 'authentication', ctx);
  let doc = raw;
  let kbPart: Part | undefined;
  if (type.sd) {
    const kb = rest.at(-1) ?? '';
    const disclosed = disclose(raw, rest.slice(0, -1).filter(Boolean));
    if (typeof disclosed === 'string') sig.proof = { ok: false, reason: `SD-JWT: ${disclosed}` };
    else doc = disclosed;
    if (kb) kbPart = { ok: null, reason: 'key binding JWT present but not checked' };
  }
  const iss = idOf(doc.issuer) ?? idOf(doc.holder);
  checks.push(contextsCheck(doc), dataModelCheck(doc, type.kind));
  const schema = type.kind === 'credential' ? schemaCheck(doc) : undefined;
  if (schema) checks.push(schema);
  if (typeof raw.iss === 'string' && iss && raw.iss !== iss) sig.issuer = { ok: false, reason: `iss ${raw.iss} is not the ${type.kind === 'credential' ? 'issuer' : 'holder'} ${iss}` };
  checks.push({ id: 'proof', ...sig.proof }, { id: 'issuer', ...sig.issuer }, { id: 'key', ...sig.key });
  if (kbPart) checks.push({ id: 'presentation', ...kbPart });
  checks.push(validityCheck(doc, ctx.now, { nbf: raw.nbf, exp: raw.exp }));
  if (type.kind === 'credential') {
    checks.push(await checkStatus(doc, { resolver: ctx.resolver, verifyList: ctx.verifyStatusList }));
    if (ctx.transparencyLog) checks.push(await transparencyLogCheck(doc, token, ctx.transparencyLog, ctx.now));
    return { verified: verdict(checks), format: type.format, checks, credential: doc, issuer: iss };
  }
  const { checks: more, credentials } = await presentationChecks(doc, ctx, { challenge: raw.nonce, domain: raw.aud });
  checks.push(...more);
  return { verified: verdict(checks), format: type.format, checks, credential: doc, issuer: iss, credentials };
}
