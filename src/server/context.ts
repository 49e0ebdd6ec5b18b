import type { Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { MasterKey } from '../credentials/index.js';
import type { Database } from '../db/index.js';
import type { Actor } from '../identity/index.js';

/** What every route handler gets: the parsed config, the database and the clock. */
export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  /** Seals issuer private keys at rest. */
  masterKey: MasterKey;
  /** Where logs go (stdout when absent); tests capture them here. */
  logStream?: NodeJS.WritableStream;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** How the actor was established; CSRF checks apply only to cookies. */
    authVia: 'cookie' | 'api_key' | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Unsafe routes that need no CSRF token because they do not act on a session (sign-in, sign-up). */
    csrfExempt?: boolean;
  }
}
