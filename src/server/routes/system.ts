import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../../core/errors.js';
import type { AppContext } from '../context.js';
import { problemResponses } from '../problem.js';
import { VERSION } from '../../core/version.js';

export function systemRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['pglite', 'postgres']) }), ...problemResponses(503) },
      },
    },
    async () => {
      await ctx.database.db.execute(sql`select 1`);
      return { status: 'ok' as const, version: VERSION, database: ctx.database.kind };
    },
  );

  const codes = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];
  r.get(
    '/api/problems/:code',
    {
      schema: {
        tags: ['system'],
        summary: 'Documentation of one problem type (the `type` URI of every error)',
        params: z.object({ code: z.enum(codes) }),
        response: { 200: z.object({ code: z.enum(codes), status: z.number(), title: z.string() }), ...problemResponses(400) },
      },
    },
    async (request) => ({ code: request.params.code, ...ERRORS[request.params.code] }),
  );
}
