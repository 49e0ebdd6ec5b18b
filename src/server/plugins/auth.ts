import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { ANONYMOUS, resolveApiKey, resolveSession } from '../../identity/index.js';
import type { AppContext } from '../context.js';

export const SESSION_COOKIE = 'mc_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https://'),
    path: '/',
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A browser's Origin header, when sent, must be this site: stops cross-site form posts and login CSRF. */
function checkOrigin(request: FastifyRequest, ctx: AppContext) {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('csrf_failed', 'The Origin header is not a URL.');
  }
  const allowed = new Set([request.headers.host, new URL(ctx.config.publicUrl).host]);
  if (!allowed.has(host)) throw new AppError('csrf_failed', 'Cross-site requests are not accepted.');
}

/**
 * Establishes `request.actor` for every /api request: a bearer API key, else
 * the session cookie, else anonymous. A bad bearer key is an error rather than
 * anonymous access, so integrations notice a revoked key at once.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authVia', null);
  app.decorateRequest('csrfToken', null);

  // onRequest, so unauthenticated calls are refused before their bodies are read.
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    if (!request.url.startsWith('/api/')) return;
    const { db } = ctx.database;
    const auth = request.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const actor = m ? await resolveApiKey(db, m[1]!, ctx.clock) : undefined;
      if (!actor) throw new AppError('unauthenticated', 'The API key is unknown or revoked.');
      request.actor = actor;
      request.authVia = 'api_key';
      return;
    }
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe) checkOrigin(request, ctx);
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(db, token, ctx.clock);
    if (!session) {
      clearSessionCookie(reply);
      return;
    }
    request.actor = session.actor;
    request.authVia = 'cookie';
    request.csrfToken = session.csrfToken;
    if (unsafe && !request.routeOptions.config.csrfExempt) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        throw new AppError('csrf_failed', 'Send the x-csrf-token header given by /api/me.');
      }
    }
  });
}
