import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../identity/index.js';
import { createRole, deleteRole, getPublishedRole, listPublishedRoles, listRoles, RoleInputSchema, RoleSkillSchema, type PublishedRole, type RoleRow, updateRole } from '../../roles/index.js';
import type { AppContext } from '../context.js';
import { problemResponses } from '../problem.js';

const RoleSchema = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    title: z.string(),
    description: z.string(),
    postings: z.number().int(),
    skills: z.array(RoleSkillSchema),
    status: z.enum(['draft', 'published']),
    target: z.string().describe('What learners pass as a pathway target for this role.'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'EmployerRole' });
const PublishedRoleSchema = RoleSchema.extend({ employer: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }) }).meta({ id: 'PublishedRole' });

/** A role's pathway target id. */
export const roleTarget = (id: string) => `role:${id}`;

const present = (r: RoleRow) => ({
  id: r.id,
  orgId: r.orgId,
  title: r.title,
  description: r.description,
  postings: r.postings,
  skills: r.skills,
  status: r.status,
  target: roleTarget(r.id),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
const presentPublished = (r: PublishedRole) => ({ ...present(r), employer: r.employer });

/** Employers describe roles by skills (usually from job postings); published roles are targets for learners. */
export function roleRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['roles'];
  const OrgParams = z.object({ orgId: z.uuid() });
  const RoleParams = OrgParams.extend({ roleId: z.uuid() });

  r.get(
    '/api/orgs/:orgId/roles',
    { schema: { tags, summary: "The employer's roles, drafts included", params: OrgParams, response: { 200: z.object({ items: z.array(RoleSchema) }), ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'roles.read', orgId: request.params.orgId });
      return { items: (await listRoles(db, request.params.orgId)).map(present) };
    },
  );

  r.post(
    '/api/orgs/:orgId/roles',
    {
      schema: {
        tags,
        summary: 'Describe a role by skills (employers); build the skills from postings with POST /api/skills/demand first',
        params: OrgParams,
        body: RoleInputSchema,
        response: { 201: RoleSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      authorize(request.actor, { do: 'roles.write', orgId: request.params.orgId });
      const role = await createRole(db, request.params.orgId, request.body, request.actor.type === 'user' ? request.actor.userId : undefined);
      reply.status(201);
      return present(role);
    },
  );

  r.put(
    '/api/orgs/:orgId/roles/:roleId',
    { schema: { tags, summary: 'Change a role (title, skills, essential or optional, publish)', params: RoleParams, body: RoleInputSchema, response: { 200: RoleSchema, ...problemResponses(400, 401, 403, 404) } } },
    async (request) => {
      authorize(request.actor, { do: 'roles.write', orgId: request.params.orgId });
      return present(await updateRole(db, request.params.orgId, request.params.roleId, request.body, ctx.clock.now()));
    },
  );

  r.delete(
    '/api/orgs/:orgId/roles/:roleId',
    { schema: { tags, summary: 'Delete a role', params: RoleParams, response: { 204: z.null(), ...problemResponses(401, 403, 404) } } },
    async (request, reply) => {
      authorize(request.actor, { do: 'roles.write', orgId: request.params.orgId });
      await deleteRole(db, request.params.orgId, request.params.roleId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/roles',
    {
      schema: {
        tags,
        summary: 'Published employer roles (public): targets a learner can plan towards',
        querystring: z.object({ q: z.string().max(200).optional() }),
        response: { 200: z.object({ items: z.array(PublishedRoleSchema) }) },
      },
    },
    async (request) => ({ items: (await listPublishedRoles(db, request.query.q)).map(presentPublished) }),
  );

  r.get(
    '/api/roles/:roleId',
    { schema: { tags, summary: 'One published role (public)', params: z.object({ roleId: z.uuid() }), response: { 200: PublishedRoleSchema, ...problemResponses(404) } } },
    async (request) => presentPublished(await getPublishedRole(db, request.params.roleId)),
  );
}
