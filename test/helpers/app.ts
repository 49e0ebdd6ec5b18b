import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/core/config.js';
import type { Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/index.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/demo/index.js';
import { randomBytes } from 'node:crypto';
import { masterKeyFromBytes } from '../../src/credentials/index.js';
import { buildApp } from '../../src/server/app.js';
import { testDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export async function testApp(opts: { demo?: boolean; env?: Record<string, string>; clock?: Clock; logStream?: NodeJS.WritableStream } = {}): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: opts.logStream ? 'info' : 'silent', AUTH_RATE_LIMIT: '1000', ...opts.env });
  const database = await testDatabase();
  if (opts.demo) await seedDemo(database.db);
  const masterKey = masterKeyFromBytes(randomBytes(32));
  const app = await buildApp({ config, database, clock: opts.clock ?? { now: () => new Date() }, logStream: opts.logStream, masterKey });
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in browser: its cookie and CSRF token, and an `inject` that sends both. */
export interface Session {
  cookie: string;
  csrfToken: string;
  me: { user: { id: string; email: string }; memberships: { orgId: string; orgSlug: string; orgKind: string; role: string }[] };
  inject(o: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(app, res);
}

export function sessionFrom(app: FastifyInstance, res: LightMyRequestResponse): Session {
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith('mc_session='));
  if (!cookie) throw new Error('no session cookie was set');
  const me = res.json();
  return {
    cookie,
    csrfToken: me.csrfToken,
    me,
    inject: (o) => app.inject({ ...o, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(o.headers ?? {}) } }),
  };
}

/** The demo provider Lumière's staff session, its organisation id, and the id of its achievement with this human code. */
export async function demoProvider(app: FastifyInstance, humanCode = 'LUM-DATA-101'): Promise<{ provider: Session; orgId: string; achievementId: string }> {
  const provider = await signIn(app, 'teacher@lumiere.example');
  const orgId = provider.me.memberships[0]!.orgId;
  const list = (await provider.inject({ url: `/api/orgs/${orgId}/achievements` })).json().items as { id: string; definition: { humanCode?: string } }[];
  const achievement = list.find((a) => a.definition.humanCode === humanCode);
  if (!achievement) throw new Error(`no demo achievement ${humanCode}`);
  return { provider, orgId, achievementId: achievement.id };
}
