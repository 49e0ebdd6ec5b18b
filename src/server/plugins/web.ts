import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { sendProblem } from './errors.js';

/** The built single-page app: dist/web, found from src/server/plugins or dist/src/server/plugins. */
export function findWebRoot(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../../dist/web'), path.resolve(here, '../../../web')];
  return candidates.find((d) => existsSync(path.join(d, 'index.html')));
}

/** Paths the server answers itself; anything else that accepts HTML gets the app's index.html. */
const SERVER_PREFIXES = ['/api/', '/issuers/', '/status/', '/log/', '/.well-known/'];

export async function registerWeb(app: FastifyInstance, ctx: AppContext) {
  const root = findWebRoot();
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // Hashed asset names are immutable; index.html must always be revalidated.
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isServerPath = SERVER_PREFIXES.some((p) => request.url.startsWith(p)) || request.url === '/api';
    const wantsHtml = (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
    if (!isServerPath && wantsHtml && root) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
    }
    return sendProblem(request, reply, 'not_found', { detail: `No route for ${request.method} ${request.url.split('?')[0]}.` }, ctx.config.publicUrl);
  });
}
