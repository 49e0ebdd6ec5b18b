import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARS, loadConfig } from './config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('when no variable is set', () => {
  const c = loadConfig({});

  it('listens on port 3000 on every interface, with a localhost public URL', () => {
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.publicUrl).toBe('http://localhost:3000');
  });

  it('keeps data in ./.microcred, resolved to an absolute path', () => {
    expect(path.isAbsolute(c.dataDir)).toBe(true);
    expect(c.dataDir).toBe(path.resolve(process.cwd(), '.microcred'));
  });

  it('uses PGlite, seeds the demo world and logs at info', () => {
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.logLevel).toBe('info');
  });

  it('agrees with the defaults ENV_VARS documents', () => {
    expect(String(c.port)).toBe(ENV_VARS.PORT.default);
    expect(c.host).toBe(ENV_VARS.HOST.default);
    expect(c.dataDir).toBe(path.resolve(ENV_VARS.MICROCRED_DATA.default));
    expect(c.demo ? '1' : '0').toBe(ENV_VARS.MICROCRED_DEMO.default);
    expect(c.logLevel).toBe(ENV_VARS.LOG_LEVEL.default);
    expect(String(c.sessionTtlMs / 3_600_000)).toBe(ENV_VARS.SESSION_TTL_HOURS.default);
    expect(String(c.authRateLimit)).toBe(ENV_VARS.AUTH_RATE_LIMIT.default);
    expect(String(c.bodyLimit)).toBe(ENV_VARS.BODY_LIMIT_BYTES.default);
  });
});

describe('when variables are set', () => {
  it('turns the demo off with MICROCRED_DEMO=0, false or no, and on with 1, true or yes', () => {
    for (const v of ['0', 'false', 'no']) expect(loadConfig({ MICROCRED_DEMO: v }).demo, v).toBe(false);
    for (const v of ['1', 'true', 'yes']) expect(loadConfig({ MICROCRED_DEMO: v }).demo, v).toBe(true);
  });

  it('reads the port into the public URL, and strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PORT: '8080' })).toMatchObject({ port: 8080, publicUrl: 'http://localhost:8080' });
    expect(loadConfig({ PUBLIC_URL: 'https://badges.example.org/' }).publicUrl).toBe('https://badges.example.org');
  });

  it('resolves a relative MICROCRED_DATA against the working directory', () => {
    expect(loadConfig({ MICROCRED_DATA: 'var/data' }).dataDir).toBe(path.resolve(process.cwd(), 'var/data'));
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe('postgres://u@h/db');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).databaseUrl).toBe('postgresql://u@h/db');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', MICROCRED_DEMO: '' })).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true });
  });

  it('converts hours and keeps limits', () => {
    expect(loadConfig({ SESSION_TTL_HOURS: '2', AUTH_RATE_LIMIT: '5', BODY_LIMIT_BYTES: '1024' })).toMatchObject({
      sessionTtlMs: 7_200_000,
      authRateLimit: 5,
      bodyLimit: 1024,
    });
  });
});

describe('when a variable is invalid', () => {
  it('throws a ConfigError naming PORT for PORT=abc', () => {
    const e = configError({ PORT: 'abc' });
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatch(/^PORT: /);
    expect(e.message).toContain('PORT');
  });

  it('throws a ConfigError naming DATABASE_URL for a mysql:// URL', () => {
    const e = configError({ DATABASE_URL: 'mysql://user@db/app' });
    expect(e.issues).toEqual(['DATABASE_URL: must be a postgres:// or postgresql:// URL']);
  });

  it('names every bad variable at once', () => {
    const e = configError({ PORT: '70000', MICROCRED_DEMO: 'maybe', LOG_LEVEL: 'loud', PUBLIC_URL: 'not a url' });
    expect(e.issues.map((i) => i.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'MICROCRED_DEMO', 'PORT', 'PUBLIC_URL']);
  });
});

describe('when the AI provider variables are read', () => {
  const base = { MICROCRED_AI_BASE_URL: 'http://localhost:11434/v1/', MICROCRED_AI_EMBEDDING_MODEL: 'nomic-embed-text' };

  it('keeps the mapper offline when MICROCRED_AI_BASE_URL is unset', () => {
    expect(loadConfig({}).ai).toBeUndefined();
    expect(loadConfig({ MICROCRED_AI_BASE_URL: '' }).ai).toBeUndefined();
  });

  it('parses a provider with the documented defaults and no trailing slash', () => {
    expect(loadConfig(base).ai).toEqual({ baseUrl: 'http://localhost:11434/v1', embeddingModel: 'nomic-embed-text', chatModel: undefined, timeoutMs: 10_000, weight: 0.5 });
    expect(String(loadConfig(base).ai!.timeoutMs)).toBe(ENV_VARS.MICROCRED_AI_TIMEOUT_MS.default);
    expect(String(loadConfig(base).ai!.weight)).toBe(ENV_VARS.MICROCRED_AI_WEIGHT.default);
    expect(loadConfig({ ...base, MICROCRED_AI_TIMEOUT_MS: '2500', MICROCRED_AI_WEIGHT: '1' }).ai).toMatchObject({ timeoutMs: 2500, weight: 1 });
  });

  it('keeps the API key readable but out of JSON, spreads and inspection', () => {
    const c = loadConfig({ ...base, MICROCRED_AI_API_KEY: 'sk-secret-123' });
    expect(c.ai!.apiKey).toBe('sk-secret-123');
    expect(JSON.stringify(c)).not.toContain('sk-secret-123');
    expect(JSON.stringify({ ...c.ai })).not.toContain('sk-secret-123');
    expect(inspect(c, { depth: 5 })).not.toContain('sk-secret-123');
  });

  it('names each bad provider variable, without echoing the key', () => {
    const e = configError({ MICROCRED_AI_BASE_URL: 'ftp://models', MICROCRED_AI_CHAT_MODEL: 'm', MICROCRED_AI_TIMEOUT_MS: '-5', MICROCRED_AI_WEIGHT: '1.5', MICROCRED_AI_API_KEY: 'sk-secret-123' });
    expect(e.issues.map((i) => i.split(':')[0]).sort()).toEqual(['MICROCRED_AI_BASE_URL', 'MICROCRED_AI_TIMEOUT_MS', 'MICROCRED_AI_WEIGHT']);
    expect(e.issues.find((i) => i.startsWith('MICROCRED_AI_WEIGHT'))).toContain('0–1');
    expect(e.message).not.toContain('sk-secret-123');
  });

  it('rejects a base URL with no model to call', () => {
    const e = configError({ MICROCRED_AI_BASE_URL: 'https://api.example.org/v1' });
    expect(e.issues).toEqual(['MICROCRED_AI_BASE_URL: is set, but neither MICROCRED_AI_EMBEDDING_MODEL nor MICROCRED_AI_CHAT_MODEL is: name the model to call']);
  });
});

describe("when README.md's configuration table is read", () => {
  /** Rows of the table under `## Configuration`: `| \`NAME\` | \`default\` | meaning |`. */
  function documented(): Map<string, string> {
    const md = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = md.indexOf('\n## Configuration');
    expect(start, 'README.md has a "## Configuration" section').toBeGreaterThanOrEqual(0);
    const end = md.indexOf('\n## ', start + 1);
    const section = md.slice(start, end < 0 ? undefined : end);
    return new Map([...section.matchAll(/^\| `([A-Z_]+)` \| ([^|]*?) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  }

  it('lists exactly the variables of ENV_VARS', () => {
    expect([...documented().keys()].sort()).toEqual(Object.keys(ENV_VARS).sort());
  });

  it('gives each variable the default ENV_VARS gives it', () => {
    const docs = documented();
    for (const [name, { default: def }] of Object.entries(ENV_VARS)) expect(docs.get(name), name).toBe(`\`${def}\``);
  });
});
