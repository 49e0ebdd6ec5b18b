import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Achievement,
  AchievementDefinitionSchema,
  createAchievement,
  getAchievement,
  listAchievements,
  listCatalogue,
  listVersions,
  reviseAchievement,
  setAchievementStatus,
} from '../../achievements/index.js';
import { ACHIEVEMENT_STATUSES } from '../../db/index.js';
import { authorize } from '../../identity/index.js';
import type { AppContext } from '../context.js';
import { problemResponses } from '../problem.js';

const AchievementSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    status: z.enum(ACHIEVEMENT_STATUSES),
    version: z.number().int(),
    definition: AchievementDefinitionSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Achievement' });

const CatalogueEntrySchema = AchievementSchema.extend({
  provider: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), country: z.string().nullable() }),
}).meta({ id: 'CatalogueEntry' });

const present = (a: Achievement) => ({ ...a, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() });

const OrgParams = z.object({ orgId: z.uuid() });
const AchParams = OrgParams.extend({ achievementId: z.uuid() });
const DefinitionBody = AchievementDefinitionSchema;

export function achievementRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['achievements'];
  const userId = (a: { type: string; userId?: string }) => (a.type === 'user' ? a.userId : undefined);

  r.get(
    '/api/catalogue/achievements',
    { schema: { tags, summary: 'Published achievements of every provider (public)', response: { 200: z.object({ items: z.array(CatalogueEntrySchema) }) } } },
    async () => ({ items: (await listCatalogue(db)).map((a) => ({ ...present(a), provider: a.provider })) }),
  );

  r.get(
    '/api/orgs/:orgId/achievements',
    { schema: { tags, summary: "The provider's achievements, drafts included", params: OrgParams, response: { 200: z.object({ items: z.array(AchievementSchema) }), ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'achievements.read', orgId: request.params.orgId });
      return { items: (await listAchievements(db, request.params.orgId)).map(present) };
    },
  );

  r.post(
    '/api/orgs/:orgId/achievements',
    {
      schema: {
        tags,
        summary: 'Define a micro-credential (OB 3.0 Achievement + EU Recommendation elements)',
        params: OrgParams,
        querystring: z.object({ publish: z.enum(['true', 'false']).optional() }),
        body: DefinitionBody,
        response: { 201: AchievementSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      authorize(request.actor, { do: 'achievements.write', orgId: request.params.orgId });
      const a = await createAchievement(db, {
        orgId: request.params.orgId,
        definition: request.body,
        createdBy: userId(request.actor),
        publish: request.query.publish === 'true',
      });
      reply.status(201);
      return present(a);
    },
  );

  r.get(
    '/api/orgs/:orgId/achievements/:achievementId',
    {
      schema: {
        tags,
        summary: 'One achievement, at its current or a given version',
        params: AchParams,
        querystring: z.object({ version: z.coerce.number().int().positive().optional() }),
        response: { 200: AchievementSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'achievements.read', orgId: request.params.orgId });
      return present(await getAchievement(db, request.params.orgId, request.params.achievementId, request.query.version));
    },
  );

  r.put(
    '/api/orgs/:orgId/achievements/:achievementId',
    {
      schema: {
        tags,
        summary: 'Revise an achievement: saves a new version, keeping the old ones',
        params: AchParams,
        body: DefinitionBody,
        response: { 200: AchievementSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'achievements.write', orgId: request.params.orgId });
      return present(
        await db.transaction((tx) =>
          reviseAchievement(tx, { orgId: request.params.orgId, achievementId: request.params.achievementId, definition: request.body, createdBy: userId(request.actor) }),
        ),
      );
    },
  );

  r.post(
    '/api/orgs/:orgId/achievements/:achievementId/status',
    {
      schema: {
        tags,
        summary: 'Publish, unpublish (draft) or archive an achievement',
        params: AchParams,
        body: z.object({ status: z.enum(ACHIEVEMENT_STATUSES) }),
        response: { 200: AchievementSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'achievements.write', orgId: request.params.orgId });
      return present(await setAchievementStatus(db, request.params.orgId, request.params.achievementId, request.body.status));
    },
  );

  r.get(
    '/api/orgs/:orgId/achievements/:achievementId/versions',
    {
      schema: {
        tags,
        summary: 'The version history of an achievement',
        params: AchParams,
        response: { 200: z.object({ items: z.array(z.object({ version: z.number().int(), name: z.string(), createdAt: z.iso.datetime() })) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'achievements.read', orgId: request.params.orgId });
      const items = await listVersions(db, request.params.orgId, request.params.achievementId);
      return { items: items.map((v) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() })) };
    },
  );
}
