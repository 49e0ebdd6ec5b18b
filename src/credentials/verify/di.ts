import type { JsonObject } from '../did.js';
import { contextsCheck, dataModelCheck, idOf, schemaCheck, validityCheck } from './checks.js';
import type { Ctx } from './context.js';
import { verifyProofs } from './proof.js';
import { transparencyLogCheck } from './log.js';
import { checkStatus } from './status.js';
import { combine, verdict, type Check, type VerifyResult } from './types.js';

const FORMAT_OK: Check = { id: 'format', ok: true, reason: '' };

/** A Data Integrity secured credential: every check, in the order a person reads them. */
export async function verifyDiCredential(vc: JsonObject, ctx: Ctx, opts: { statusList?: boolean } = {}): Promise<VerifyResult> {
  const version = [vc['@context']].flat()[0] === 'https://www.w3.org/2018/credentials/v1' ? 'VC 1.1' : 'VC 2.0';
  const issuer = idOf(vc.issuer);
  const checks: Check[] = [{ ...FORMAT_OK, reason: `Data Integrity secured credential (${version})` }, contextsCheck(vc), dataModelCheck(vc, 'credential')];
  const schema = opts.statusList ? undefined : schemaCheck(vc);
  if (schema) checks.push(schema);
  const [proof, issuerCheck, key] = await verifyProofs(vc, { resolver: ctx.resolver, trustedKeys: ctx.trustedKeys, purpose: 'assertionMethod', controller: issuer, now: ctx.now });
  checks.push(proof!, issuer ? issuerCheck! : { id: 'issuer', ok: false, reason: 'the credential names no issuer' }, key!);
  checks.push(validityCheck(vc, ctx.now));
  if (!opts.statusList) checks.push(await checkStatus(vc, { resolver: ctx.resolver, verifyList: ctx.verifyStatusList }));
  if (!opts.statusList && ctx.transparencyLog) checks.push(await transparencyLogCheck(vc, vc, ctx.transparencyLog, ctx.now));
  return { verified: verdict(checks), format: 'di-credential', checks, credential: vc, issuer };
}

/** Presentation-level checks shared by DI and JWT presentations: challenge, domain, embedded credentials. */
export async function presentationChecks(vp: JsonObject, ctx: Ctx, bound: { challenge?: unknown; domain?: unknown }): Promise<{ checks: Check[]; credentials: VerifyResult[] }> {
  const parts = [];
  if (ctx.challenge !== undefined) {
    parts.push(bound.challenge === ctx.challenge ? { ok: true, reason: `challenge ${JSON.stringify(ctx.challenge)} matches` } : { ok: false, reason: `challenge ${JSON.stringify(bound.challenge)} is not the expected ${JSON.stringify(ctx.challenge)}` });
  }
  if (ctx.domain !== undefined) {
    parts.push([bound.domain].flat().includes(ctx.domain) ? { ok: true, reason: `domain ${JSON.stringify(ctx.domain)} matches` } : { ok: false, reason: `domain ${JSON.stringify(bound.domain)} does not include ${JSON.stringify(ctx.domain)}` });
  }
  if (parts.length === 0) parts.push({ ok: true, reason: 'no challenge or domain expected (replay protection not requested)' });
  const embedded = [vp.verifiableCredential ?? []].flat();
  const credentials = await Promise.all(embedded.map((v) => ctx.verifyEmbedded(v)));
  const credParts = credentials.map((r, i) => {
    const bad = r.checks.filter((c) => c.ok !== true);
    const ok = r.verified ? true : bad.some((c) => c.ok === false) ? false : null;
    return { ok, reason: `credential ${i + 1}: ${r.verified ? 'verified' : bad.map((c) => `${c.id}: ${c.reason}`).join('; ')}` };
  });
  const checks = [combine('presentation', parts)];
  checks.push(credParts.length ? combine('credentials', credParts) : { id: 'credentials', ok: true, reason: 'the presentation carries no credentials' });
  return { checks, credentials };
}

export async function verifyDiPresentation(vp: JsonObject, ctx: Ctx): Promise<VerifyResult> {
  const holder = idOf(vp.holder);
  const checks: Check[] = [{ ...FORMAT_OK, reason: 'Data Integrity secured presentation' }, contextsCheck(vp), dataModelCheck(vp, 'presentation')];
  const [proof, issuerCheck, key] = await verifyProofs(vp, { resolver: ctx.resolver, trustedKeys: ctx.trustedKeys, purpose: 'authentication', controller: holder, now: ctx.now });
  checks.push(proof!, { ...issuerCheck!, reason: `holder: ${issuerCheck!.reason}` }, key!);
  const proofs = [vp.proof].flat() as Array<JsonObject | undefined>;
  const { checks: more, credentials } = await presentationChecks(vp, ctx, { challenge: proofs[0]?.challenge, domain: proofs[0]?.domain });
  checks.push(...more);
  return { verified: verdict(checks), format: 'di-presentation', checks, credential: vp, issuer: holder, credentials };
}
