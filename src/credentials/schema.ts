import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import type { JsonObject } from './did.js';
import obSchema from './schemas/ob_v3p0_achievementcredential_schema.json' with { type: 'json' };

/** The URL credentials cite in `credentialSchema`, and the `$id` the published file carries. */
export const OB_SCHEMA_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const OB_SCHEMA_URLS = new Set([OB_SCHEMA_URL, obSchema.$id]);

export function isObSchemaUrl(url: unknown): boolean {
  return typeof url === 'string' && OB_SCHEMA_URLS.has(url);
}

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2019) => Ajv2019;

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(obSchema);
  }
  return compiled;
}

/**
 * VC DM 2.0 lets `proof` and `credentialSchema` be one object or an array; the
 * 1EdTech schema only accepts arrays, so single values are wrapped first.
 */
function normalise(credential: JsonObject): JsonObject {
  const out = { ...credential };
  for (const key of ['proof', 'credentialSchema']) {
    if (out[key] !== undefined && !Array.isArray(out[key])) out[key] = [out[key]];
  }
  return out;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : e.keyword === 'enum' ? ` (${JSON.stringify(e.params.allowedValues)})` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

/** Validates an Open Badges 3.0 credential against the OB 3.0 JSON schema; returns the problems (empty when valid). */
export function obSchemaErrors(credential: JsonObject): string[] {
  const validate = validator();
  if (validate(normalise(credential))) return [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) seen.add(describe(e));
  return [...seen];
}

export function isOpenBadge(document: JsonObject): boolean {
  const types = [document.type].flat();
  return types.includes('OpenBadgeCredential') || types.includes('AchievementCredential');
}
