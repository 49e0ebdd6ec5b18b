import { isKnownContext, VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts.js';
import type { JsonObject } from '../did.js';
import { isObSchemaUrl, isOpenBadge, obSchemaErrors } from '../schema.js';
import { dataModelViolations, isDateTimeStamp } from '../validate.js';
import type { Check } from './types.js';

/** Every context URL must be one we bundle: we never fetch contexts, so an unknown one cannot be checked. */
export function contextsCheck(doc: JsonObject): Check {
  const list = [doc['@context']].flat();
  if (list[0] !== VC_V2_CONTEXT && list[0] !== VC_V1_CONTEXT) {
    return { id: 'contexts', ok: false, reason: `the first @context must be ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT} for VC 1.1), not ${JSON.stringify(list[0])}` };
  }
  const unknown = list.filter((c) => typeof c === 'string' && !isKnownContext(c));
  if (unknown.length) return { id: 'contexts', ok: null, reason: `not a bundled context, so the signed terms cannot be checked: ${unknown.join(', ')}` };
  const inline = list.filter((c) => typeof c === 'object').length;
  return { id: 'contexts', ok: true, reason: `${list.length - inline} known context${list.length - inline === 1 ? '' : 's'}${inline ? ` and ${inline} inline` : ''}` };
}

export function dataModelCheck(doc: JsonObject, kind: 'credential' | 'presentation'): Check {
  const v = dataModelViolations(doc, kind);
  const version = [doc['@context']].flat()[0] === VC_V1_CONTEXT ? 'VC 1.1' : 'VC 2.0';
  return v.length
    ? { id: 'data-model', ok: false, reason: v.map((x) => `${x.rule} (${x.path}): ${x.message}`).join('; ') }
    : { id: 'data-model', ok: true, reason: `${version} ${kind} data model rules hold` };
}

/**
 * The OB 3.0 JSON schema, for Open Badges on VC 2.0 and for any credential
 * citing it in `credentialSchema`. Other cited schemas are not fetched; they
 * are named in the reason. Returns undefined when no schema applies.
 *
 * OB 3.0's verification steps make schema conformance decisive only when the
 * credential declares the schema in `credentialSchema`; otherwise violations
 * are reported as warnings and do not fail the credential.
 */
export function schemaCheck(doc: JsonObject): Check | undefined {
  const cited = [doc.credentialSchema ?? []].flat() as JsonObject[];
  const citesOb = cited.some((s) => isObSchemaUrl(s?.id));
  const isVc2 = [doc['@context']].flat()[0] === VC_V2_CONTEXT;
  if (!citesOb && !(isOpenBadge(doc) && isVc2)) return undefined;
  const others = cited.filter((s) => !isObSchemaUrl(s?.id)).map((s) => String(s?.id));
  const note = others.length ? `; other credentialSchema not checked (never fetched): ${others.join(', ')}` : '';
  const errors = obSchemaErrors(doc);
  if (errors.length && !citesOb) {
    return { id: 'schema', ok: true, reason: `no credentialSchema declares the OB 3.0 JSON schema, so it is advisory here${note}`, warnings: errors };
  }
  return errors.length
    ? { id: 'schema', ok: false, reason: `OB 3.0 JSON schema: ${errors.slice(0, 5).join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}${note}` }
    : { id: 'schema', ok: true, reason: `valid against the OB 3.0 JSON schema${note}` };
}

/** validFrom/validUntil (VC 2.0), issuanceDate/expirationDate (VC 1.1), and JWT nbf/exp. */
export function validityCheck(doc: JsonObject, now: Date, jwt?: { nbf?: unknown; exp?: unknown }): Check {
  const t = now.getTime();
  const from = doc.validFrom ?? doc.issuanceDate;
  const until = doc.validUntil ?? doc.expirationDate;
  for (const [name, v] of [['validFrom', from], ['validUntil', until]] as const) {
    if (v !== undefined && !isDateTimeStamp(v)) return { id: 'validity', ok: false, reason: `${name} ${JSON.stringify(v)} is not a date-time` };
  }
  if (typeof jwt?.nbf === 'number' && jwt.nbf * 1000 > t) return { id: 'validity', ok: false, reason: `not yet valid: the JWT nbf is ${new Date(jwt.nbf * 1000).toISOString()}` };
  if (typeof jwt?.exp === 'number' && jwt.exp * 1000 <= t) return { id: 'validity', ok: false, reason: `expired: the JWT exp was ${new Date(jwt.exp * 1000).toISOString()}` };
  if (typeof from === 'string' && Date.parse(from) > t) return { id: 'validity', ok: false, reason: `not yet valid: valid from ${from}` };
  if (typeof until === 'string' && Date.parse(until) < t) return { id: 'validity', ok: false, reason: `expired: valid until ${until}` };
  const span = [from && `from ${String(from)}`, until && `until ${String(until)}`].filter(Boolean).join(' ');
  return { id: 'validity', ok: true, reason: `valid at ${now.toISOString()}${span ? ` (${span})` : ' (no validity period)'}` };
}

export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as JsonObject).id === 'string') return (value as JsonObject).id as string;
  return undefined;
}
