import type { JsonObject } from '../did.js';
import type { TransparencyLogPolicy } from './log.js';
import type { Resolver } from './resolver.js';
import type { TrustedKey, VerifyResult } from './types.js';

/** What every verification step shares for one `verify` call. */
export interface Ctx {
  now: Date;
  resolver: Resolver;
  trustedKeys?: TrustedKey[];
  challenge?: string;
  domain?: string;
  transparencyLog?: TransparencyLogPolicy;
  /** Verifies a credential found inside a presentation (object or enveloped string). */
  verifyEmbedded(value: unknown): Promise<VerifyResult>;
  /** Verifies a status list credential (no status of its own, no OB schema). */
  verifyStatusList(list: JsonObject): Promise<VerifyResult>;
}
