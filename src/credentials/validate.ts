import jsonld from 'jsonld';
import { isKnownContext, VC_V1_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import type { JsonObject } from './did.js';
import { contextLoader } from './loader.js';
import { isOpenBadge, obSchemaErrors } from './schema.js';

/** One broken rule: `rule` is a stable name (e.g. `credential.issuer`), `path` where in the document. */
export interface Violation {
  rule: string;
  path: string;
  message: string;
}

export interface ValidationResult {
  conforms: boolean;
  kind: 'credential' | 'presentation' | 'unknown';
  violations: Violation[];
}

const isObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** An absolute URL (any scheme: https, did, urn, data…). */
export function isUrl(v: unknown): v is string {
  if (typeof v !== 'string' || !/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/** XSD dateTimeStamp as VC DM 2.0 requires (time zone mandatory). */
export function isDateTimeStamp(v: unknown): v is string {
  return typeof v === 'string' && /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v));
}

class Rules {
  readonly violations: Violation[] = [];
  add(rule: string, path: string, message: string): void {
    this.violations.push({ rule, path, message });
  }
}

function checkLanguageValue(r: Rules, value: unknown, rule: string, path: string): void {
  for (const [i, v] of [value].flat().entries()) {
    const p = Array.isArray(value) ? `${path}[${i}]` : path;
    if (typeof v === 'string') continue;
    if (!isObject(v) || typeof v['@value'] !== 'string') {
      r.add(rule, p, 'must be a string or a language value object with a string @value');
      continue;
    }
    const extra = Object.keys(v).filter((k) => !['@value', '@language', '@direction'].includes(k));
    if (extra.length) r.add(rule, p, `a language value object may only hold @value, @language and @direction (found ${extra.join(', ')})`);
  }
}

function checkTyped(r: Rules, value: unknown, rule: string, path: string, idRule?: 'required' | 'optional'): void {
  for (const [i, v] of [value].flat().entries()) {
    const p = Array.isArray(value) ? `${path}[${i}]` : path;
    if (!isObject(v)) {
      r.add(rule, p, 'must be an object');
      continue;
    }
    if (v.type === undefined) r.add(`${rule}.type`, `${p}.type`, 'is required');
    if (idRule === 'required' && v.id === undefined) r.add(`${rule}.id`, `${p}.id`, 'is required');
    if (idRule && v.id !== undefined && !isUrl(v.id)) r.add(`${rule}.id`, `${p}.id`, 'must be a URL');
  }
}

function checkContext(r: Rules, doc: JsonObject, path: string): 1 | 2 | undefined {
  const ctx = doc['@context'];
  if (ctx === undefined) {
    r.add('context.required', `${path}@context`, 'is required (the base context is not injected)');
    return undefined;
  }
  const list = [ctx].flat();
  const version = list[0] === VC_V2_CONTEXT ? 2 : list[0] === VC_V1_CONTEXT ? 1 : undefined;
  if (!version) r.add('context.first', `${path}@context[0]`, `must be ${VC_V2_CONTEXT}`);
  for (const [i, c] of list.entries()) {
    if (isObject(c)) continue;
    if (!isUrl(c)) r.add('context.url', `${path}@context[${i}]`, 'must be a URL or an object');
  }
  return version;
}

function checkCredential(r: Rules, vc: JsonObject, path: string): void {
  const version = checkContext(r, vc, path);
  const types = [vc.type].flat();
  if (vc.type === undefined) r.add('credential.type', `${path}type`, 'is required');
  else if (!types.includes('VerifiableCredential')) r.add('credential.type', `${path}type`, 'must include VerifiableCredential');
  if (vc.id !== undefined && !isUrl(vc.id)) r.add('credential.id', `${path}id`, 'must be a single URL');
  if (vc.issuer !== undefined) {
    const issuerId = isObject(vc.issuer) ? vc.issuer.id : vc.issuer;
    if (isObject(vc.issuer) ? 'id' in vc.issuer && !isUrl(issuerId) : !isUrl(issuerId)) r.add('credential.issuer', `${path}issuer`, 'must be a URL or an object whose id is a URL');
    if (isObject(vc.issuer)) {
      if (vc.issuer.name !== undefined) checkLanguageValue(r, vc.issuer.name, 'issuer.name', `${path}issuer.name`);
      if (vc.issuer.description !== undefined) checkLanguageValue(r, vc.issuer.description, 'issuer.description', `${path}issuer.description`);
    }
  } else if (version === 1) {
    r.add('credential.issuer', `${path}issuer`, 'is required');
  }
  if (vc.credentialSubject === undefined) r.add('credential.subject', `${path}credentialSubject`, 'is required');
  for (const [i, s] of [vc.credentialSubject ?? []].flat().entries()) {
    const p = `${path}credentialSubject${Array.isArray(vc.credentialSubject) ? `[${i}]` : ''}`;
    if (!isObject(s) || Object.keys(s).length === 0) r.add('credential.subject', p, 'must be a non-empty object');
    else if (s.id !== undefined && !isUrl(s.id)) r.add('credential.subject.id', `${p}.id`, 'must be a single URL');
  }
  if (vc.name !== undefined) checkLanguageValue(r, vc.name, 'credential.name', `${path}name`);
  if (vc.description !== undefined) checkLanguageValue(r, vc.description, 'credential.description', `${path}description`);
  for (const key of ['validFrom', 'validUntil'] as const) {
    if (vc[key] !== undefined && !isDateTimeStamp(vc[key])) r.add(`credential.${key}`, `${path}${key}`, 'must be an XSD dateTimeStamp');
  }
  if (isDateTimeStamp(vc.validFrom) && isDateTimeStamp(vc.validUntil) && Date.parse(vc.validUntil) < Date.parse(vc.validFrom)) {
    r.add('credential.validUntil', `${path}validUntil`, 'is before validFrom');
  }
  if (version === 1 && !isDateTimeStamp(vc.issuanceDate)) r.add('credential.issuanceDate', `${path}issuanceDate`, 'is required in a VC 1.1 credential and must be a dateTime');
  if (vc.credentialStatus !== undefined) checkTyped(r, vc.credentialStatus, 'credential.credentialStatus', `${path}credentialStatus`, 'optional');
  if (vc.credentialSchema !== undefined) checkTyped(r, vc.credentialSchema, 'credential.credentialSchema', `${path}credentialSchema`, 'required');
  for (const key of ['termsOfUse', 'evidence', 'refreshService'] as const) {
    if (vc[key] !== undefined) checkTyped(r, vc[key], `credential.${key}`, `${path}${key}`);
  }
  if (vc.proof !== undefined) checkTyped(r, vc.proof, 'proof', `${path}proof`);
}

function checkPresentation(r: Rules, vp: JsonObject): void {
  checkContext(r, vp, '');
  if (vp.type === undefined) r.add('presentation.type', 'type', 'is required');
  else if (![vp.type].flat().includes('VerifiablePresentation')) r.add('presentation.type', 'type', 'must include VerifiablePresentation');
  if (vp.id !== undefined && !isUrl(vp.id)) r.add('presentation.id', 'id', 'must be a single URL');
  if (vp.holder !== undefined && !isUrl(isObject(vp.holder) ? vp.holder.id : vp.holder)) r.add('presentation.holder', 'holder', 'must be a URL or an object whose id is a URL');
  for (const [i, vc] of [vp.verifiableCredential ?? []].flat().entries()) {
    const p = `verifiableCredential[${i}].`;
    if (!isObject(vc)) {
      r.add('presentation.verifiableCredential', p.slice(0, -1), 'must be an object (a credential, or an EnvelopedVerifiableCredential for a secured string)');
    } else if (typeof vc.id === 'string' && vc.id.startsWith('data:') && vc.type !== 'EnvelopedVerifiableCredential' && ![vc.type].flat().includes('EnvelopedVerifiableCredential')) {
      r.add('presentation.envelopedCredential', `${p}type`, 'an enveloped credential (data: URL id) must have type EnvelopedVerifiableCredential');
    } else if ([vc.type].flat().includes('EnvelopedVerifiableCredential')) {
      if (typeof vc.id !== 'string' || !vc.id.startsWith('data:')) r.add('presentation.envelopedCredential', `${p}id`, 'must be a data: URL');
    } else {
      checkCredential(r, vc, p);
    }
  }
  if (vp.proof !== undefined) checkTyped(r, vp.proof, 'proof', 'proof');
}

/** JSON-LD expansion in safe mode: catches undefined types, redefined protected terms and unknown contexts. */
async function checkJsonLd(r: Rules, doc: JsonObject): Promise<void> {
  const unknown = [doc['@context']].flat().filter((c): c is string => typeof c === 'string' && isUrl(c) && !isKnownContext(c));
  if (unknown.length) {
    r.add('context.known', '@context', `not a bundled context, so its terms cannot be checked: ${unknown.join(', ')}`);
    return;
  }
  try {
    await jsonld.expand(doc, { documentLoader: contextLoader, safe: true });
  } catch (e) {
    const err = e as { message?: string; details?: { event?: { message?: string } } };
    r.add('jsonld.safe-mode', '', `${err.message ?? String(e)}${err.details?.event?.message ? ` (${err.details.event.message})` : ''}`);
  }
}

/** The VC DM rules alone (no JSON-LD, no schema): what verification reports as its data-model check. */
export function dataModelViolations(doc: JsonObject, kind: 'credential' | 'presentation'): Violation[] {
  const r = new Rules();
  if (kind === 'presentation') checkPresentation(r, doc);
  else checkCredential(r, doc, '');
  return r.violations;
}

/**
 * Data-model conformance of an unsigned (or signed) document: VC DM 2.0 rules,
 * JSON-LD safe-mode expansion, and the OB 3.0 JSON schema for Open Badges.
 */
export async function validate(doc: unknown): Promise<ValidationResult> {
  const r = new Rules();
  if (!isObject(doc)) {
    r.add('document.object', '', 'must be a JSON object');
    return { conforms: false, kind: 'unknown', violations: r.violations };
  }
  const presentation = [doc.type].flat().includes('VerifiablePresentation') || (doc.type === undefined && ('verifiableCredential' in doc || 'holder' in doc));
  const kind = presentation ? 'presentation' : 'credential';
  if (kind === 'presentation') checkPresentation(r, doc);
  else checkCredential(r, doc, '');
  if (r.violations.length === 0) await checkJsonLd(r, doc);
  if (kind === 'credential' && isOpenBadge(doc) && [doc['@context']].flat()[0] === VC_V2_CONTEXT) {
    for (const message of obSchemaErrors(doc)) r.add('ob3.schema', '', message);
  }
  return { conforms: r.violations.length === 0, kind, violations: r.violations };
}
