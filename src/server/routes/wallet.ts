import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { verify } from '../../credentials/index.js';
import { listLearnerCredentials, stateOf } from '../../issuance/index.js';
import {
  createShare,
  displayName,
  learnerCredential,
  linkedInUrl,
  listShares,
  NAME_DISPLAYS,
  openShare,
  revokeShare,
  shareable,
  shareState,
  WALLET_FILES,
  walletEntry,
  walletFile,
  type ShareRow,
  type WalletEntry,
} from '../../wallet/index.js';
import type { AppContext } from '../context.js';
import { iso, presentSkills, VerifyResultSchema } from '../presenters.js';
import { problemResponses } from '../problem.js';
import { requireLearner } from './auth.js';
import { localTransparencyLog } from './ledger.js';

const ShareSchema = z
  .object({
    id: z.uuid(),
    credentialId: z.uuid(),
    url: z.string().describe('The link to hand out; anyone with it sees the credential as chosen here.'),
    nameDisplay: z.enum(NAME_DISPLAYS).describe('How the link shows your name: in full, as initials, or not at all.'),
    state: z.enum(['active', 'revoked', 'expired']),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    viewCount: z.number().int(),
    lastViewedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ShareLink' });

const SkillSchema = z.object({ targetName: z.string(), targetUrl: z.string() });
const IssuerSchema = z.object({ name: z.string(), slug: z.string(), country: z.string().nullable() });

const WalletItemSchema = z
  .object({
    id: z.uuid(),
    url: z.string().describe('The public verification page.'),
    recipientName: z.string(),
    achievement: z.object({ id: z.uuid(), name: z.string(), description: z.string(), achievementType: z.string(), skills: z.array(SkillSchema) }),
    issuer: IssuerSchema,
    issuedAt: z.iso.datetime(),
    validUntil: z.iso.datetime().nullable(),
    state: z.enum(['active', 'suspended', 'revoked']),
    verified: z.boolean(),
    shareable: z.boolean().describe('Only a credential that verifies now can be shared.'),
    linkedInUrl: z.string().nullable().describe('LinkedIn "Add to profile" link, prefilled; null when the credential cannot be shared.'),
    files: z.record(z.enum(WALLET_FILES), z.string()).describe('Downloads: signed JSON, PDF certificate, badge PNG and SVG with the credential baked in.'),
    shares: z.array(ShareSchema),
  })
  .meta({ id: 'WalletItem' });

const SharedCredentialSchema = z
  .object({
    recipientName: z.string().nullable().describe('As the learner chose to show it; null when hidden.'),
    nameDisplay: z.enum(NAME_DISPLAYS),
    state: z.enum(['active', 'suspended', 'revoked']),
    issuer: IssuerSchema,
    achievement: z.object({ name: z.string(), description: z.string(), version: z.number().int(), skills: z.array(SkillSchema) }),
    issuedAt: z.iso.datetime(),
    validUntil: z.iso.datetime().nullable(),
    sharedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    verification: VerifyResultSchema,
    credential: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('The signed credential, only when the name is shown in full (the signed document carries the name).'),
  })
  .meta({ id: 'SharedCredential' });

/** The learner's wallet: downloads, LinkedIn, revocable share links; and the public side of a share link. */
export function walletRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const { publicUrl } = ctx.config;
  const { resolver } = app.services;
  // The same checks as the public credential page, the transparency log included.
  const transparencyLog = localTransparencyLog(ctx);
  const deps = { db, publicUrl, verify: (doc: unknown) => verify(doc as never, { resolver, now: ctx.clock.now(), transparencyLog: transparencyLog() }) };
  const tags = ['wallet'];

  const learnerOf = (request: FastifyRequest) => requireLearner(request, db);
  const fileUrl = (credentialId: string, kind: string) => `/api/learner/credentials/${credentialId}/files/${kind}`;

  const presentShare = (s: ShareRow) => ({
    id: s.id,
    credentialId: s.credentialId,
    url: `${publicUrl}/s/${s.token}`,
    nameDisplay: s.nameDisplay,
    state: shareState(s, ctx.clock.now()),
    expiresAt: iso(s.expiresAt),
    revokedAt: iso(s.revokedAt),
    viewCount: s.viewCount,
    lastViewedAt: iso(s.lastViewedAt),
    createdAt: s.createdAt.toISOString(),
  });

  const presentItem = (e: WalletEntry, shares: ShareRow[]) => ({
    id: e.credential.id,
    url: e.url,
    recipientName: e.credential.recipientName,
    achievement: {
      id: e.achievement.id,
      name: e.achievement.definition.name,
      description: e.achievement.definition.description,
      achievementType: String(e.achievement.definition.achievementType),
      skills: presentSkills(e.achievement.definition.alignments),
    },
    issuer: { name: e.issuer.name, slug: e.issuer.slug, country: e.issuer.country },
    issuedAt: e.credential.issuedAt.toISOString(),
    validUntil: iso(e.credential.validUntil),
    state: stateOf(e.credential),
    verified: e.verification.verified,
    shareable: shareable(e),
    linkedInUrl: linkedInUrl(e),
    files: Object.fromEntries(WALLET_FILES.map((k) => [k, fileUrl(e.credential.id, k)])) as Record<(typeof WALLET_FILES)[number], string>,
    shares: shares.filter((s) => s.credentialId === e.credential.id).map(presentShare),
  });

  r.get(
    '/api/learner/wallet',
    { schema: { tags, summary: "The signed-in learner's credentials, each verified now, with downloads, LinkedIn link and share links", response: { 200: z.object({ items: z.array(WalletItemSchema) }), ...problemResponses(401, 403) } } },
    async (request) => {
      const learner = await learnerOf(request);
      const rows = await listLearnerCredentials(db, learner);
      const shares = await listShares(db, learner);
      const items = [];
      for (const c of rows) items.push(presentItem(await walletEntry(deps, c), shares));
      return { items };
    },
  );

  r.get(
    '/api/learner/credentials/:credentialId/files/:kind',
    {
      schema: {
        tags,
        summary: 'Download one credential: signed JSON, a PDF certificate with a QR code to its page, or its badge (PNG or SVG) with the credential baked in',
        params: z.object({ credentialId: z.uuid(), kind: z.enum(WALLET_FILES) }),
        response: { 200: z.any(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const learner = await learnerOf(request);
      const c = await learnerCredential(db, learner, request.params.credentialId);
      const file = await walletFile(await walletEntry(deps, c), request.params.kind);
      // RFC 6266: an ASCII fallback and the UTF-8 name.
      const ascii = file.name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || `credential.${request.params.kind}`;
      return reply
        .header('content-type', file.type)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );

  r.post(
    '/api/learner/credentials/:credentialId/shares',
    {
      schema: {
        tags,
        summary: 'Create a share link for one credential (it must verify now); choose how your name shows and, optionally, when the link expires',
        params: z.object({ credentialId: z.uuid() }),
        body: z.object({ nameDisplay: z.enum(NAME_DISPLAYS).default('full'), expiresAt: z.iso.datetime({ offset: true }).nullable().optional() }),
        response: { 201: ShareSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const learner = await learnerOf(request);
      const c = await learnerCredential(db, learner, request.params.credentialId);
      const entry = await walletEntry(deps, c);
      if (!shareable(entry)) {
        const failed = entry.verification.checks.filter((k) => k.ok !== true).map((k) => k.reason);
        throw new AppError('credential_not_shareable', `This credential does not verify now (${stateOf(c)}${failed.length ? `: ${failed.join('; ')}` : ''}), so it cannot be shared.`);
      }
      const share = await createShare(db, ctx.clock, learner, {
        credentialId: c.id,
        nameDisplay: request.body.nameDisplay,
        expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
      });
      reply.status(201);
      return presentShare(share);
    },
  );

  r.get(
    '/api/learner/shares',
    {
      schema: {
        tags,
        summary: "The learner's share links, newest first, with how often each was opened",
        querystring: z.object({ credentialId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ShareSchema) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const learner = await learnerOf(request);
      return { items: (await listShares(db, learner, request.query.credentialId)).map(presentShare) };
    },
  );

  r.post(
    '/api/learner/shares/:shareId/revoke',
    {
      schema: {
        tags,
        summary: 'Withdraw a share link for good: it answers 410 from now on',
        params: z.object({ shareId: z.uuid() }),
        response: { 200: ShareSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const learner = await learnerOf(request);
      return presentShare(await revokeShare(db, ctx.clock, learner, request.params.shareId));
    },
  );

  r.get(
    '/api/public/shares/:token',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'What a share link shows: the credential, verified now, with the name as the learner chose; 410 once withdrawn or expired',
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'Not a share link token.') }),
        response: { 200: SharedCredentialSchema, ...problemResponses(400, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const { share, credential } = await openShare(db, ctx.clock, request.params.token);
      const e = await walletEntry(deps, credential);
      reply.header('cache-control', 'no-store');
      // The verdict without the verified document: that carries the full name.
      const { credential: _doc, credentials: _docs, ...verification } = e.verification as z.infer<typeof VerifyResultSchema>;
      return {
        recipientName: displayName(credential.recipientName, share.nameDisplay),
        nameDisplay: share.nameDisplay,
        state: stateOf(credential),
        issuer: { name: e.issuer.name, slug: e.issuer.slug, country: e.issuer.country },
        achievement: {
          name: e.achievement.definition.name,
          description: e.achievement.definition.description,
          version: e.achievement.version,
          skills: presentSkills(e.achievement.definition.alignments),
        },
        issuedAt: credential.issuedAt.toISOString(),
        validUntil: iso(credential.validUntil),
        sharedAt: share.createdAt.toISOString(),
        expiresAt: iso(share.expiresAt),
        verification,
        credential: share.nameDisplay === 'full' ? (credential.document as Record<string, unknown>) : null,
      };
    },
  );
}
