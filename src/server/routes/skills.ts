import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createProvider, demandProfile, extractSkills, MAX_TOP, matchOccupations, modelForDatabase } from '../../mapping/index.js';
import { cachedTaxonomy, listTaxonomyVersions, occupationProfile, SkillSearch } from '../../taxonomy/index.js';
import type { AppContext } from '../context.js';
import { problemResponses } from '../problem.js';

const SpanSchema = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() }).meta({ id: 'EvidenceSpan' });
const SkillMatchSchema = z
  .object({ uri: z.string(), label: z.string(), score: z.number(), evidence: z.array(SpanSchema).describe('Where in the text the skill was found; `text` equals text.slice(start, end).') })
  .meta({ id: 'SkillMatch' });
const SkillHitSchema = z.object({ uri: z.string(), label: z.string(), matched: z.string(), description: z.string(), score: z.number() }).meta({ id: 'SkillHit' });
const OccupationMatchSchema = z.object({ uri: z.string(), label: z.string(), score: z.number() }).meta({ id: 'OccupationMatch' });
const Version = z.string().optional().describe('Taxonomy release id, e.g. `esco-1.1.1`; the default release when absent.');
const Top = z.coerce.number().int().min(1).max(MAX_TOP);
const Text = z.string().min(1).max(100_000);

export function skillsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['skills'];
  // An in-memory database is a test or a throwaway: do not leave cache files behind for it.
  const cacheDir = ctx.database.location === 'memory' ? undefined : path.join(ctx.config.dataDir, 'cache');
  const provider = ctx.config.ai ? createProvider(ctx.config.ai) : undefined;
  const model = (versionId?: string) => modelForDatabase(db, { versionId, cacheDir });

  r.get(
    '/api/taxonomies',
    { schema: { tags, summary: 'Stored taxonomy releases, newest first', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), source: z.string(), version: z.string(), title: z.string(), importedAt: z.iso.datetime() })) }) } } },
    async () => ({ items: (await listTaxonomyVersions(db)).map((v) => ({ id: v.id, source: v.source, version: v.version, title: v.title, importedAt: v.importedAt.toISOString() })) }),
  );

  r.get(
    '/api/skills',
    {
      schema: {
        tags,
        summary: 'Typo-tolerant skill search over labels, alternative labels and descriptions',
        querystring: z.object({ q: z.string().min(1).max(200), limit: Top.default(20), version: Version }),
        response: { 200: z.object({ taxonomy: z.string(), items: z.array(SkillHitSchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { taxonomy } = await cachedTaxonomy(db, request.query.version);
      return { taxonomy: taxonomy.id, items: SkillSearch.of(taxonomy).search(request.query.q, { limit: request.query.limit }) };
    },
  );

  r.post(
    '/api/skills/extract',
    {
      schema: {
        tags,
        summary: 'Map a text (job posting, course description, learning outcomes, CV) to ranked skills with evidence spans',
        body: z.object({ text: Text, top: Top.default(10), version: Version }),
        response: { 200: z.object({ taxonomy: z.string(), skills: z.array(SkillMatchSchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const m = await model(request.body.version);
      const skills = await extractSkills(m, request.body.text, { top: request.body.top, provider, onProviderError: (e) => request.log.warn({ err: e }, 'AI provider failed; offline ranking used') });
      return { taxonomy: m.taxonomyId, skills };
    },
  );

  r.post(
    '/api/skills/demand',
    {
      schema: {
        tags,
        summary: 'Skill demand over one or many job postings: in how many postings each skill appears',
        body: z.object({ postings: z.array(Text).min(1).max(500), top: Top.default(50), version: Version }),
        response: { 200: z.object({ taxonomy: z.string(), postings: z.number().int(), skills: z.array(z.object({ uri: z.string(), label: z.string(), count: z.number().int(), share: z.number() })) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const m = await model(request.body.version);
      return { taxonomy: m.taxonomyId, ...demandProfile(m, request.body.postings, { top: request.body.top }) };
    },
  );

  r.get(
    '/api/occupations',
    {
      schema: {
        tags,
        summary: 'Occupations whose titles match a job title (typo-tolerant)',
        querystring: z.object({ q: z.string().min(1).max(200), limit: Top.default(10), version: Version }),
        response: { 200: z.object({ taxonomy: z.string(), items: z.array(OccupationMatchSchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const m = await model(request.query.version);
      return { taxonomy: m.taxonomyId, items: matchOccupations(m, request.query.q, { top: request.query.limit }) };
    },
  );

  r.get(
    '/api/occupations/:id/profile',
    {
      schema: {
        tags,
        summary: 'Required skills of an occupation, weighted (essential 1, optional 0.5)',
        params: z.object({ id: z.string().min(1).describe('Occupation URI (URL-encoded) or its last segment, e.g. an ESCO UUID') }),
        querystring: z.object({ version: Version }),
        response: {
          200: z.object({
            taxonomy: z.string(),
            occupation: z.object({ uri: z.string(), label: z.string(), altLabels: z.array(z.string()), description: z.string(), iscoGroup: z.string().nullable(), code: z.string().nullable() }),
            skills: z.array(z.object({ uri: z.string(), label: z.string(), relation: z.enum(['essential', 'optional']), weight: z.number() })),
          }),
          ...problemResponses(404),
        },
      },
    },
    async (request) => {
      const { taxonomy } = await cachedTaxonomy(db, request.query.version);
      return { taxonomy: taxonomy.id, ...occupationProfile(taxonomy, request.params.id) };
    },
  );
}
