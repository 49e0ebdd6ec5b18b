import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { ORG_KINDS, ROLES } from '../../db/index.js';
import {
  API_KEY_SCOPES,
  authorize,
  can,
  createApiKey,
  createOrganisation,
  findUserByEmail,
  getOrganisation,
  listApiKeys,
  listMembers,
  listOrganisations,
  removeMember,
  revokeApiKey,
  SCOPES,
  setMember,
  updateOrganisation,
} from '../../identity/index.js';
import type { AppContext } from '../context.js';
import { iso, OrganisationSchema, presentOrganisation } from '../presenters.js';
import { problemResponses } from '../problem.js';

const OrgParams = z.object({ orgId: z.uuid() });
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as FR.')
  .nullable();

const MemberSchema = z
  .object({ userId: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: z.iso.datetime() })
  .meta({ id: 'Member' });

const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

type KeyView = Awaited<ReturnType<typeof listApiKeys>>[number];
const presentKey = (k: KeyView) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});
const presentMember = (m: Awaited<ReturnType<typeof listMembers>>[number]) => ({ ...m, createdAt: m.createdAt.toISOString() });

export function orgRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['organisations'];

  r.get(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: "The caller's organisations (all of them for platform admins)",
        response: { 200: z.object({ items: z.array(OrganisationSchema) }), ...problemResponses(401) },
      },
    },
    async (request) => {
      const a = request.actor;
      if (a.type === 'anonymous') throw new AppError('unauthenticated');
      const ids = can(a, { do: 'org.list_all' }) ? undefined : a.type === 'user' ? a.memberships.map((m) => m.orgId) : [a.orgId];
      return { items: (await listOrganisations(db, ids)).map(presentOrganisation) };
    },
  );

  r.post(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: 'Create an organisation of any kind (platform admins)',
        body: z.object({
          name: z.string().trim().min(1).max(200),
          kind: z.enum(ORG_KINDS),
          slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(48).optional(),
          country: Country.optional(),
          adminEmail: z.email({ pattern: z.regexes.unicodeEmail }).optional().describe('An existing user to make its first admin.'),
        }),
        response: { 201: OrganisationSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      authorize(request.actor, { do: 'org.create' });
      const { adminEmail, ...input } = request.body;
      const org = await db.transaction(async (tx) => {
        const created = await createOrganisation(tx, input);
        if (adminEmail) {
          const user = await findUserByEmail(tx, adminEmail);
          if (!user) throw new AppError('not_found', `No user with email ${adminEmail}.`, { errors: [{ path: 'body.adminEmail', message: 'Unknown user.' }] });
          await setMember(tx, created.id, user.id, 'admin');
        }
        return created;
      });
      reply.status(201);
      return presentOrganisation(org);
    },
  );

  r.get(
    '/api/orgs/:orgId',
    { schema: { tags, summary: 'One organisation', params: OrgParams, response: { 200: OrganisationSchema, ...problemResponses(401, 403, 404) } } },
    async (request) => {
      authorize(request.actor, { do: 'org.read', orgId: request.params.orgId });
      return presentOrganisation(await getOrganisation(db, request.params.orgId));
    },
  );

  r.patch(
    '/api/orgs/:orgId',
    {
      schema: {
        tags,
        summary: 'Change the organisation profile (admins)',
        params: OrgParams,
        body: z.object({ name: z.string().trim().min(1).max(200).optional(), country: Country.optional() }),
        response: { 200: OrganisationSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'org.update', orgId: request.params.orgId });
      return presentOrganisation(await updateOrganisation(db, request.params.orgId, request.body));
    },
  );

  r.get(
    '/api/orgs/:orgId/members',
    {
      schema: { tags, summary: 'Members and their roles', params: OrgParams, response: { 200: z.object({ items: z.array(MemberSchema) }), ...problemResponses(401, 403) } },
    },
    async (request) => {
      authorize(request.actor, { do: 'members.read', orgId: request.params.orgId });
      return { items: (await listMembers(db, request.params.orgId)).map(presentMember) };
    },
  );

  r.post(
    '/api/orgs/:orgId/members',
    {
      schema: {
        tags,
        summary: 'Add an existing user as a member, or change their role (admins)',
        params: OrgParams,
        body: z.object({ email: z.email({ pattern: z.regexes.unicodeEmail }), role: z.enum(ROLES) }),
        response: { 201: MemberSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      authorize(request.actor, { do: 'members.manage', orgId });
      const user = await findUserByEmail(db, request.body.email);
      if (!user) throw new AppError('not_found', 'No account uses this email; ask them to sign up first.', { errors: [{ path: 'body.email', message: 'Unknown user.' }] });
      reply.status(201);
      return presentMember(await setMember(db, orgId, user.id, request.body.role));
    },
  );

  r.delete(
    '/api/orgs/:orgId/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member (admins); the last admin cannot be removed',
        params: OrgParams.extend({ userId: z.uuid() }),
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      authorize(request.actor, { do: 'members.manage', orgId: request.params.orgId });
      await removeMember(db, request.params.orgId, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/api-key-scopes',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Scopes an API key can be given',
        response: { 200: z.object({ items: z.array(z.object({ scope: z.enum(SCOPES), description: z.string() })) }) },
      },
    },
    async () => ({ items: SCOPES.map((scope) => ({ scope, description: API_KEY_SCOPES[scope] })) }),
  );

  r.get(
    '/api/orgs/:orgId/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: "The organisation's API keys (admins; secrets are never shown again)",
        params: OrgParams,
        response: { 200: z.object({ items: z.array(ApiKeySchema) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'api_keys.manage', orgId: request.params.orgId });
      return { items: (await listApiKeys(db, request.params.orgId)).map(presentKey) };
    },
  );

  r.post(
    '/api/orgs/:orgId/api-keys',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key; its secret is in this response only',
        params: OrgParams,
        body: z.object({ name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(SCOPES)).min(1) }),
        response: { 201: ApiKeySchema.extend({ secret: z.string() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      authorize(request.actor, { do: 'api_keys.manage', orgId });
      const createdBy = request.actor.type === 'user' ? request.actor.userId : undefined;
      const key = await createApiKey(db, { orgId, ...request.body, createdBy });
      reply.status(201);
      return { ...presentKey(key), secret: key.secret };
    },
  );

  r.delete(
    '/api/orgs/:orgId/api-keys/:keyId',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Revoke an API key',
        params: OrgParams.extend({ keyId: z.uuid() }),
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      authorize(request.actor, { do: 'api_keys.manage', orgId: request.params.orgId });
      await revokeApiKey(db, request.params.orgId, request.params.keyId, ctx.clock);
      return reply.status(204).send(null);
    },
  );
}
