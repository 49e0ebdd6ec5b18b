import { JobRunner } from '../jobs/index.js';
import { BULK_ISSUE_JOB, bulkIssueHandler, DbKeyStore, type IssuanceContext, Publisher } from '../issuance/index.js';
import type { Resolver } from '../credentials/index.js';
import { programmeAwarder, programmeBatchAwarder } from '../programmes/index.js';
import type { AppContext } from './context.js';

/** The long-lived collaborators behind the routes, built once per app. */
export interface Services {
  issuance: IssuanceContext;
  publisher: Publisher;
  /** Resolves DIDs and status lists: hosted ones from the database, others over HTTPS. */
  resolver: Resolver;
  /** Background jobs (bulk issuance); `serve` starts it, tests `drain()` it. */
  jobs: JobRunner;
}

export function createServices(ctx: AppContext): Services {
  const { db } = ctx.database;
  const publicUrl = ctx.config.publicUrl;
  const keys = new DbKeyStore(db, ctx.masterKey, ctx.clock);
  const publisher = new Publisher({ db, publicUrl, keys, clock: ctx.clock, statusListTtlMs: ctx.config.statusListTtlMs });
  const issuance: IssuanceContext = { db, publicUrl, keys, clock: ctx.clock };
  // Each new credential may complete a programme: award it through the same path.
  issuance.afterIssue = programmeAwarder(issuance);
  issuance.afterIssueBatch = programmeBatchAwarder(issuance);
  const jobs = new JobRunner({ db, clock: ctx.clock, handlers: { [BULK_ISSUE_JOB]: bulkIssueHandler(issuance) } });
  return { issuance, publisher, resolver: publisher.resolver(), jobs };
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}
