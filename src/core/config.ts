import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable microcred reads, documented once. The README's
 * configuration table is kept in step with this list by a test.
 */
export const ENV_VARS = {
  PORT: { doc: 'HTTP port to listen on.', default: '3000' },
  HOST: { doc: 'Interface to listen on.', default: '0.0.0.0' },
  PUBLIC_URL: { doc: 'External base URL (used in links, DIDs and cookies).', default: 'http://localhost:$PORT' },
  MICROCRED_DATA: { doc: 'Data folder for the embedded database and key files.', default: './.microcred' },
  DATABASE_URL: { doc: 'PostgreSQL connection string; when set, used instead of the embedded PGlite database.', default: '(unset)' },
  MICROCRED_DEMO: { doc: 'Seed the demo world on first start (`0` disables).', default: '1' },
  LOG_LEVEL: { doc: 'pino log level: fatal, error, warn, info, debug, trace, silent.', default: 'info' },
  SESSION_TTL_HOURS: { doc: 'Lifetime of a browser session.', default: '168' },
  AUTH_RATE_LIMIT: { doc: 'Sign-in/sign-up attempts allowed per client IP per minute.', default: '20' },
  BODY_LIMIT_BYTES: { doc: 'Largest accepted request body.', default: '1048576' },
  MICROCRED_MASTER_KEY: { doc: 'Key (32 bytes, hex or base64) that seals issuer private keys at rest; when unset, a 0600 key file `master.key` in the data folder is created and used.', default: '(key file)' },
  LOG_WITNESSES: { doc: 'Transparency-log witnesses that co-sign each checkpoint before it is published: comma-separated `<witness verifier key> <URL>` pairs (C2SP tlog-witness).', default: '(none)' },
  LOG_WITNESS_QUORUM: { doc: 'How many of those witnesses must have co-signed a checkpoint for `POST /api/verify` to accept it.', default: '0' },
  STATUS_LIST_TTL_SECONDS: { doc: 'How long a served status list may be cached; revocations show within this period.', default: '60' },
  MICROCRED_AI_BASE_URL: { doc: 'http(s) base URL of an OpenAI-compatible API (e.g. http://localhost:11434/v1) that re-ranks skill candidates; needs MICROCRED_AI_EMBEDDING_MODEL or MICROCRED_AI_CHAT_MODEL; unset keeps the mapper offline.', default: '(unset)' },
  MICROCRED_AI_API_KEY: { doc: 'Bearer token for that API, if it needs one; a secret, never logged.', default: '(unset)' },
  MICROCRED_AI_EMBEDDING_MODEL: { doc: 'Embedding model used to re-rank skill candidates.', default: '(unset)' },
  MICROCRED_AI_CHAT_MODEL: { doc: 'Chat model that picks skills among the candidates (when no embedding model is set).', default: '(unset)' },
  MICROCRED_AI_TIMEOUT_MS: { doc: 'Timeout of one AI provider call, in ms (at most 600000).', default: '10000' },
  MICROCRED_AI_WEIGHT: { doc: 'Share of the final skill score given to the AI provider, 0–1.', default: '0.5' },
} as const;

export type EnvVar = keyof typeof ENV_VARS;

const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  MICROCRED_DATA: z.string().min(1).default('./.microcred'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  MICROCRED_DEMO: boolish.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(168),
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  MICROCRED_MASTER_KEY: z.string().optional(),
  LOG_WITNESSES: z.string().optional(),
  LOG_WITNESS_QUORUM: z.coerce.number().int().min(0).default(0),
  STATUS_LIST_TTL_SECONDS: z.coerce.number().int().positive().default(60),
  MICROCRED_AI_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  MICROCRED_AI_API_KEY: z.string().optional(),
  MICROCRED_AI_EMBEDDING_MODEL: z.string().optional(),
  MICROCRED_AI_CHAT_MODEL: z.string().optional(),
  MICROCRED_AI_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive().max(600_000).default(10_000),
  MICROCRED_AI_WEIGHT: z.coerce.number({ error: 'must be a number within 0–1' }).min(0, 'must be within 0–1').max(1, 'must be within 0–1').default(0.5),
}).superRefine((e, ctx) => {
  if (e.MICROCRED_AI_BASE_URL && !e.MICROCRED_AI_EMBEDDING_MODEL && !e.MICROCRED_AI_CHAT_MODEL) {
    ctx.addIssue({ code: 'custom', path: ['MICROCRED_AI_BASE_URL'], message: 'is set, but neither MICROCRED_AI_EMBEDDING_MODEL nor MICROCRED_AI_CHAT_MODEL is: name the model to call' });
  }
});

/**
 * The optional OpenAI-compatible provider that re-ranks skill candidates
 * (src/mapping/provider.ts). `apiKey` is a secret: it is a non-enumerable
 * property, so logging, spreading or serialising the config leaves it out.
 */
export interface AiConfig {
  baseUrl: string;
  readonly apiKey?: string;
  /** Embedding model: candidates are re-scored by cosine similarity with the text. */
  embeddingModel?: string;
  /** Chat model: asked to pick the skills the text expresses among the candidates. */
  chatModel?: string;
  timeoutMs: number;
  /** Share of the final score from the provider, 0–1. */
  weight: number;
}

/** Builds an AiConfig whose API key stays out of logs and JSON. */
export function aiConfig(c: Omit<AiConfig, 'apiKey'> & { apiKey?: string }): AiConfig {
  const { apiKey, ...rest } = c;
  const out: AiConfig = { ...rest, baseUrl: rest.baseUrl.replace(/\/+$/, '') };
  if (apiKey) Object.defineProperty(out, 'apiKey', { value: apiKey, enumerable: false });
  return out;
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  authRateLimit: number;
  bodyLimit: number;
  /** Secret: never log the config object whole. */
  masterKey?: string;
  statusListTtlMs: number;
  /** Witnesses of the transparency log, unparsed (`<verifier key> <URL>`, comma-separated; see src/ledger/witnessing.ts). */
  logWitnesses?: string;
  /** Witness cosignatures the verifier requires on a checkpoint. */
  logWitnessQuorum: number;
  /** The AI re-ranking provider; absent keeps the skill mapper offline. */
  ai?: AiConfig;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const picked = Object.fromEntries(
    Object.keys(ENV_VARS).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const port = overrides.port ?? e.PORT;
  return {
    port,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir: path.resolve(e.MICROCRED_DATA),
    databaseUrl: e.DATABASE_URL,
    demo: e.MICROCRED_DEMO,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    authRateLimit: e.AUTH_RATE_LIMIT,
    bodyLimit: e.BODY_LIMIT_BYTES,
    masterKey: e.MICROCRED_MASTER_KEY,
    statusListTtlMs: e.STATUS_LIST_TTL_SECONDS * 1000,
    logWitnesses: e.LOG_WITNESSES,
    logWitnessQuorum: e.LOG_WITNESS_QUORUM,
    ai: e.MICROCRED_AI_BASE_URL
      ? aiConfig({
          baseUrl: e.MICROCRED_AI_BASE_URL,
          apiKey: e.MICROCRED_AI_API_KEY,
          embeddingModel: e.MICROCRED_AI_EMBEDDING_MODEL,
          chatModel: e.MICROCRED_AI_CHAT_MODEL,
          timeoutMs: e.MICROCRED_AI_TIMEOUT_MS,
          weight: e.MICROCRED_AI_WEIGHT,
        })
      : undefined,
    ...overrides,
  };
}
