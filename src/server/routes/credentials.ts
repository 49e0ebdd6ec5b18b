import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getAchievement } from '../../achievements/index.js';
import { verify } from '../../credentials/index.js';
import { getOrganisation, authorize } from '../../identity/index.js';
import {
  changeCredentialStatus,
  type CredentialRow,
  bulkJobReport,
  createBulkIssueJob,
  CSV_COLUMNS,
  getCredential,
  issueCredential,
  listIssuedCredentials,
  listLearnerCredentials,
  stateOf,
  STATUS_ACTIONS,
} from '../../issuance/index.js';
import type { AppContext } from '../context.js';
import { iso, presentSkills, VerifyResultSchema } from '../presenters.js';
import { problemResponses } from '../problem.js';
import { requireLearner } from './auth.js';
import { localTransparencyLog } from './ledger.js';

const IssuedSchema = z
  .object({
    id: z.uuid(),
    url: z.string().describe('The public verification page and the credential id.'),
    achievementId: z.uuid(),
    achievementVersion: z.number().int(),
    recipientName: z.string(),
    recipientEmail: z.string().nullable(),
    recipientDid: z.string().nullable(),
    state: z.enum(['active', 'suspended', 'revoked']),
    statusReason: z.string().nullable(),
    issuedAt: z.iso.datetime(),
    validUntil: z.iso.datetime().nullable(),
    format: z.enum(['di', 'jwt']),
    credential: z.record(z.string(), z.unknown()).describe('The signed OpenBadgeCredential (Data Integrity, eddsa-rdfc-2022).'),
    jwt: z.string().nullable().describe('The same credential as VC-JOSE vc+jwt, when requested.'),
  })
  .meta({ id: 'IssuedCredential' });

export function credentialRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const publicUrl = ctx.config.publicUrl;
  const { publisher, resolver, issuance, jobs } = app.services;
  // Credentials issued here are checked against this platform's transparency log.
  const transparencyLog = localTransparencyLog(ctx);

  const present = (c: CredentialRow) => ({
    id: c.id,
    url: `${publicUrl}/c/${c.id}`,
    achievementId: c.achievementId,
    achievementVersion: c.achievementVersion,
    recipientName: c.recipientName,
    recipientEmail: c.recipientEmail,
    recipientDid: c.recipientDid,
    state: stateOf(c),
    statusReason: c.statusReason,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: iso(c.validUntil),
    format: c.format,
    credential: c.document as Record<string, unknown>,
    jwt: c.jwt,
  });

  // --- public artefacts -------------------------------------------------------
  app.get('/issuers/:slug/did.json', { schema: { hide: true } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const doc = await publisher.didDocument(slug);
    return reply.header('content-type', 'application/did+json').header('cache-control', 'public, max-age=300').send(JSON.stringify(doc));
  });

  r.get(
    '/status/:listId/:purpose',
    { schema: { hide: true, params: z.object({ listId: z.uuid(), purpose: z.enum(['revocation', 'message']) }) } },
    async (request, reply) => {
      const doc = await publisher.statusList(request.params.listId, request.params.purpose);
      const maxAge = Math.floor(ctx.config.statusListTtlMs / 2000);
      return reply.header('content-type', 'application/vc+ld+json').header('cache-control', `public, max-age=${maxAge}`).send(JSON.stringify(doc));
    },
  );

  r.post(
    '/api/verify',
    {
      config: { csrfExempt: true },
      schema: {
        tags: ['verification'],
        summary: 'Verify a credential or presentation (JSON body, or a JWT / SD-JWT as text/plain); public',
        querystring: z.object({ challenge: z.string().optional(), domain: z.string().optional() }),
        body: z.union([z.record(z.string(), z.unknown()), z.string()]),
        response: { 200: VerifyResultSchema, ...problemResponses(400, 413) },
      },
    },
    async (request) => {
      const result = await verify(request.body as never, { resolver, now: ctx.clock.now(), transparencyLog: transparencyLog(), ...request.query });
      return result as z.infer<typeof VerifyResultSchema>;
    },
  );

  r.get(
    '/api/public/credentials/:credentialId',
    {
      schema: {
        tags: ['verification'],
        summary: 'A credential as shown on its public page, with a fresh verification',
        params: z.object({ credentialId: z.uuid() }),
        response: {
          200: z.object({
            credential: z.record(z.string(), z.unknown()),
            state: z.enum(['active', 'suspended', 'revoked']),
            recipientName: z.string(),
            issuer: z.object({ name: z.string(), slug: z.string(), country: z.string().nullable() }),
            achievement: z.object({ name: z.string(), description: z.string(), version: z.number().int(), skills: z.array(z.object({ targetName: z.string(), targetUrl: z.string() })) }),
            verification: VerifyResultSchema,
          }),
          ...problemResponses(404),
        },
      },
    },
    async (request) => {
      const c = await getCredential(db, request.params.credentialId);
      const org = await getOrganisation(db, c.orgId);
      const a = await getAchievement(db, null, c.achievementId, c.achievementVersion);
      const verification = await verify(c.document as never, { resolver, now: ctx.clock.now(), transparencyLog: transparencyLog() });
      return {
        credential: c.document as Record<string, unknown>,
        state: stateOf(c),
        recipientName: c.recipientName,
        issuer: { name: org.name, slug: org.slug, country: org.country },
        achievement: {
          name: a.definition.name,
          description: a.definition.description,
          version: a.version,
          skills: presentSkills(a.definition.alignments),
        },
        verification: verification as z.infer<typeof VerifyResultSchema>,
      };
    },
  );

  // --- provider issuance ---------------------------------------------------------
  const tags = ['credentials'];
  const OrgParams = z.object({ orgId: z.uuid() });
  const CredParams = OrgParams.extend({ credentialId: z.uuid() });

  r.post(
    '/api/orgs/:orgId/credentials',
    {
      schema: {
        tags,
        summary: 'Issue one credential. Send an Idempotency-Key header to make retries safe.',
        params: OrgParams,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose(),
        body: z.object({
          achievementId: z.uuid(),
          recipient: z.object({ name: z.string().trim().min(1).max(200), email: z.email({ pattern: z.regexes.unicodeEmail }).optional(), did: z.string().max(500).optional() }),
          validFrom: z.iso.datetime({ offset: true }).optional(),
          validUntil: z.iso.datetime({ offset: true }).optional(),
          result: z.string().max(100).optional(),
          format: z.enum(['di', 'jwt']).default('di'),
        }),
        response: { 200: IssuedSchema, 201: IssuedSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      authorize(request.actor, { do: 'credentials.issue', orgId });
      const b = request.body;
      const { credential, created } = await issueCredential(issuance, {
        orgId,
        achievementId: b.achievementId,
        recipient: b.recipient,
        validFrom: b.validFrom ? new Date(b.validFrom) : undefined,
        validUntil: b.validUntil ? new Date(b.validUntil) : undefined,
        result: b.result,
        format: b.format,
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      });
      reply.status(created ? 201 : 200);
      return present(credential);
    },
  );

  r.get(
    '/api/orgs/:orgId/credentials',
    {
      schema: {
        tags,
        summary: 'Credentials the organisation issued, newest first',
        params: OrgParams,
        querystring: z.object({ achievementId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ items: z.array(IssuedSchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'credentials.read', orgId: request.params.orgId });
      return { items: (await listIssuedCredentials(db, request.params.orgId, request.query)).map(present) };
    },
  );

  r.get(
    '/api/orgs/:orgId/credentials/:credentialId',
    { schema: { tags, summary: 'One issued credential', params: CredParams, response: { 200: IssuedSchema, ...problemResponses(401, 403, 404) } } },
    async (request) => {
      authorize(request.actor, { do: 'credentials.read', orgId: request.params.orgId });
      return present(await getCredential(db, request.params.credentialId, request.params.orgId));
    },
  );

  r.post(
    '/api/orgs/:orgId/credentials/:credentialId/status',
    {
      schema: {
        tags,
        summary: 'Revoke (final), suspend or reinstate a credential; shows in its signed status list within one cache period and is recorded in the transparency log',
        params: CredParams,
        body: z.object({ action: z.enum(STATUS_ACTIONS), reason: z.string().trim().max(500).optional() }),
        response: { 200: IssuedSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'credentials.revoke', orgId: request.params.orgId });
      return present(await changeCredentialStatus(db, ctx.clock, { orgId: request.params.orgId, credentialId: request.params.credentialId, ...request.body }));
    },
  );

  const JobReportSchema = z
    .object({
      id: z.uuid(),
      status: z.enum(['queued', 'running', 'succeeded', 'failed']),
      total: z.number().int(),
      issued: z.number().int(),
      failed: z.number().int(),
      pending: z.number().int(),
      errors: z.array(z.object({ row: z.number().int(), reason: z.string() })).describe('Rows that were not issued, by CSV row number (the header is row 1).'),
      createdAt: z.iso.datetime(),
      finishedAt: z.iso.datetime().nullable(),
    })
    .meta({ id: 'IssuanceJob' });
  const presentJob = (j: Awaited<ReturnType<typeof bulkJobReport>>) => ({ ...j, createdAt: j.createdAt.toISOString(), finishedAt: iso(j.finishedAt) });

  r.post(
    '/api/orgs/:orgId/issuance-jobs',
    {
      schema: {
        tags,
        summary: `Bulk issuance from a CSV (columns: ${Object.keys(CSV_COLUMNS).join(', ')}); runs in the background. Send an Idempotency-Key to make re-uploads safe.`,
        params: OrgParams,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose(),
        body: z.object({ csv: z.string().min(1).describe('The CSV text, header row first.'), achievementId: z.uuid().optional().describe('The achievement for rows without an achievement column.') }),
        response: { 202: JobReportSchema, ...problemResponses(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      authorize(request.actor, { do: 'credentials.issue', orgId });
      const job = await createBulkIssueJob(ctx.database.db, {
        orgId,
        csv: request.body.csv,
        achievementId: request.body.achievementId,
        createdBy: request.actor.type === 'user' ? request.actor.userId : undefined,
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      });
      jobs.nudge();
      reply.status(202);
      return presentJob(await bulkJobReport(ctx.database.db, orgId, job.id));
    },
  );

  r.get(
    '/api/orgs/:orgId/issuance-jobs/:jobId',
    {
      schema: { tags, summary: 'Progress of a bulk issuance, with the rows that failed and why', params: OrgParams.extend({ jobId: z.uuid() }), response: { 200: JobReportSchema, ...problemResponses(401, 403, 404) } },
    },
    async (request) => {
      authorize(request.actor, { do: 'credentials.issue', orgId: request.params.orgId });
      return presentJob(await bulkJobReport(ctx.database.db, request.params.orgId, request.params.jobId));
    },
  );

  r.post(
    '/api/orgs/:orgId/issuer-keys/rotate',
    {
      schema: {
        tags,
        summary: 'Rotate the signing key (provider admins): new credentials use a new key; the old one stays in the DID document so earlier credentials keep verifying',
        params: OrgParams,
        response: { 200: z.object({ did: z.string(), verificationMethods: z.array(z.object({ id: z.string(), createdAt: z.iso.datetime(), current: z.boolean() })) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'issuer_keys.rotate', orgId: request.params.orgId });
      const did = await publisher.issuerOf(request.params.orgId);
      await issuance.keys.addKey(did);
      const keys = await issuance.keys.listPublicKeys(did);
      return { did, verificationMethods: keys.map((k, i) => ({ id: k.verificationMethod, createdAt: k.createdAt.toISOString(), current: i === keys.length - 1 })) };
    },
  );

  // --- learner wallet ------------------------------------------------------------
  r.get(
    '/api/learner/credentials',
    { schema: { tags: ['learners'], summary: "The signed-in learner's credentials", response: { 200: z.object({ items: z.array(IssuedSchema) }), ...problemResponses(401, 403) } } },
    async (request) => {
      return { items: (await listLearnerCredentials(db, await requireLearner(request, db))).map(present) };
    },
  );
}
