import type { JsonObject } from '../did.js';
import type { TransparencyLogPolicy } from './log.js';
import type { Resolver } from './resolver.js';

/**
 * One verification check. `ok: null` means it could not be checked (a timeout,
 * an unsupported status type, a context we do not bundle); it never counts as
 * passed.
 */
export interface Check {
  id: CheckId;
  ok: boolean | null;
  reason: string;
  /** The check does not apply to this credential (e.g. the log check for a credential from elsewhere); `ok` is then true and the reason says why. */
  skipped?: boolean;
  /** Findings that do not decide the verdict (e.g. an advisory schema check). */
  warnings?: string[];
}

export type CheckId =
  | 'baked'
  | 'json'
  | 'format'
  | 'contexts'
  | 'data-model'
  | 'schema'
  | 'proof'
  | 'issuer'
  | 'key'
  | 'validity'
  | 'status'
  | 'log'
  | 'presentation'
  | 'credentials';

export type Format =
  | 'di-credential'
  | 'di-presentation'
  | 'vc+jwt'
  | 'vp+jwt'
  | 'sd-jwt-vc'
  | 'unsupported'
  | 'unknown';

export interface VerifyResult {
  verified: boolean;
  format: Format;
  checks: Check[];
  /** The credential or presentation as verified (for JWTs, the payload; for SD-JWT, with disclosures applied). */
  credential?: JsonObject;
  /** The issuer (or presentation holder) id. */
  issuer?: string;
  /** Results for the credentials inside a presentation. */
  credentials?: VerifyResult[];
}

/** A verification method the caller trusts directly (the `--key` files of test suites). */
export interface TrustedKey {
  id: string;
  controller?: string;
  type?: string;
  publicKeyJwk?: JsonObject;
  publicKeyMultibase?: string;
}

export interface VerifyOptions {
  /** The clock; defaults to the current time. */
  now?: Date;
  /** Resolves DIDs, controller documents and status lists; built from `documents`/`fetch` when absent. */
  resolver?: Resolver;
  /** Local documents by URL or DID; when given, nothing else is fetched. */
  documents?: ReadonlyMap<string, unknown>;
  /** Network access for did:web, controller documents and status lists; without it (and without `documents`) those are indeterminate. */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout for `fetch`. */
  timeoutMs?: number;
  trustedKeys?: TrustedKey[];
  /** Expected presentation challenge (`nonce` for JWTs). */
  challenge?: string;
  /** Expected presentation domain (`aud` for JWTs). */
  domain?: string;
  /** Check that credentials are recorded in this transparency log (the `log` check); without it the check is not made. */
  transparencyLog?: TransparencyLogPolicy;
}

/** verified only when there is at least one check and every check passed. */
export function verdict(checks: Check[]): boolean {
  return checks.length > 0 && checks.every((c) => c.ok === true);
}

/** Combines several outcomes of one check: any failure fails, else any unknown is unknown. */
export function combine(id: CheckId, parts: Array<{ ok: boolean | null; reason: string }>): Check {
  const ok = parts.some((p) => p.ok === false) ? false : parts.some((p) => p.ok === null) ? null : true;
  return { id, ok, reason: parts.map((p) => p.reason).join('; ') };
}
