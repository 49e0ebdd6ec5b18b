import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confidentMatches, extractSkills, modelForDatabase } from '../../mapping/index.js';
import {
  declareSkill,
  learnerGap,
  learnerPathway,
  learnerProfile,
  removeClaims,
  upsertClaims,
  type GapSkillResult,
  type Learner,
  type LearnerPlan,
  type ProfileSkill,
} from '../../pathways/index.js';
import { verify } from '../../credentials/index.js';
import { importCredential, listImported, removeImported, type ImportedCredential } from '../../pathways/imports.js';
import type { AppContext } from '../context.js';
import { problemResponses } from '../problem.js';
import { VerifyResultSchema } from '../presenters.js';
import { requireLearner } from './auth.js';

const EvidenceSchema = z.object({
  kind: z.enum(['credential', 'assessment', 'cv', 'self']),
  at: z.iso.datetime(),
  level: z.number().int().nullable(),
  credentialId: z.string().nullable(),
  achievementName: z.string().nullable(),
  issuerName: z.string().nullable(),
  snippet: z.string().nullable(),
});
const ProfileSkillSchema = z
  .object({
    uri: z.string(),
    label: z.string(),
    strength: z.number().describe('Worth of the strongest evidence, 0–1: credential 1, assessment 0.8, CV 0.5, self-declared 0.4.'),
    kind: z.enum(['credential', 'assessment', 'cv', 'self']),
    verified: z.boolean(),
    level: z.number().int().nullable(),
    lastEvidenceAt: z.iso.datetime(),
    editable: z.boolean().describe('True when the learner has a claim of it they may change or remove; verified evidence is never editable.'),
    evidence: z.array(EvidenceSchema),
  })
  .meta({ id: 'ProfileSkill' });
const GapSkillSchema = z
  .object({
    uri: z.string(),
    label: z.string(),
    weight: z.number(),
    relation: z.enum(['essential', 'optional']).optional(),
    status: z.enum(['covered', 'partial', 'missing']),
    coverage: z.number(),
    via: z.object({ uri: z.string(), label: z.string(), relation: z.enum(['same', 'broader', 'narrower']), kind: z.string(), verified: z.boolean() }).nullable(),
  })
  .meta({ id: 'GapSkill' });
const TargetSchema = z.object({ kind: z.enum(['occupation', 'role']), uri: z.string(), label: z.string(), employer: z.string().optional(), postings: z.number().int().optional() });
const GapSchema = z
  .object({
    target: TargetSchema,
    score: z.number().int().describe('Skill alignment 0–100: 100 × Σ weight × coverage / Σ weight (docs/SKILLS-PROFILE.md).'),
    totalWeight: z.number(),
    coveredWeight: z.number(),
    covered: z.array(GapSkillSchema),
    partial: z.array(GapSkillSchema),
    missing: z.array(GapSkillSchema),
  })
  .meta({ id: 'SkillGap' });
const PlanStepSchema = z.object({
  achievementId: z.string(),
  name: z.string(),
  provider: z.string(),
  price: z.number(),
  currency: z.string().nullable(),
  hours: z.number(),
  durationWeeks: z.number().nullable(),
  participation: z.string(),
  covers: z.array(z.object({ uri: z.string(), label: z.string(), relation: z.string().optional() })),
  needs: z.array(z.string()),
  reason: z.string().describe('Why this step: the gap skills it covers for the target, and what it needs first.'),
  explanation: z.string().describe('The same as a sentence naming the achievement and provider.'),
});
const PlanSchema = z
  .object({
    target: TargetSchema,
    gap: GapSchema.omit({ target: true }),
    steps: z.array(PlanStepSchema),
    programme: z.object({ id: z.string(), title: z.string(), achievements: z.array(z.string()) }).nullable().describe('When asked: the programme this pathway completes, and the achievements chosen for it.'),
    cost: z.number(),
    price: z.number(),
    hours: z.number(),
    covered: z.array(z.string()),
    uncovered: z.array(z.object({ uri: z.string(), label: z.string().optional(), reason: z.string() })),
    optimal: z.boolean(),
    optimalityGap: z.number(),
    method: z.enum(['exact', 'heuristic']),
    alternatives: z.array(z.object({ achievements: z.array(z.string()), cost: z.number(), price: z.number(), hours: z.number(), covered: z.array(z.string()), uncovered: z.array(z.string()) })),
    explanation: z.array(z.string()),
  })
  .meta({ id: 'LearnerPathway' });

export const presentProfileSkill = (s: ProfileSkill): z.infer<typeof ProfileSkillSchema> => ({
  uri: s.uri,
  label: s.label,
  strength: s.strength,
  kind: s.kind,
  verified: s.verified,
  level: s.level,
  lastEvidenceAt: s.lastEvidenceAt.toISOString(),
  editable: s.editable,
  evidence: s.evidence.map((e) => ({
    kind: e.kind,
    at: e.at.toISOString(),
    level: e.level ?? null,
    credentialId: e.source?.credentialId ?? null,
    achievementName: e.source?.achievementName ?? null,
    issuerName: e.source?.issuerName ?? null,
    snippet: e.source?.snippet ?? null,
  })),
});
const presentGapSkill = ({ uri, label, weight, relation, status, coverage, via }: GapSkillResult) => ({ uri, label, weight, relation, status, coverage: Number(coverage.toFixed(4)), via });

export function presentPlan(p: LearnerPlan): z.infer<typeof PlanSchema> {
  const { target, gap, plan } = p;
  return {
    target: { kind: target.kind, uri: target.uri, label: target.label, employer: target.employer, postings: target.postings },
    gap: { score: gap.score, totalWeight: gap.totalWeight, coveredWeight: gap.coveredWeight, covered: gap.covered.map(presentGapSkill), partial: gap.partial.map(presentGapSkill), missing: gap.missing.map(presentGapSkill) },
    steps: p.steps.map((s) => ({
      achievementId: s.achievement.id,
      name: s.achievement.definition.name,
      provider: s.achievement.provider.name,
      price: s.price,
      currency: s.currency,
      hours: s.hours,
      durationWeeks: s.achievement.definition.durationWeeks ?? null,
      participation: s.achievement.definition.participation,
      covers: s.covers.map(({ uri, label, relation }) => ({ uri, label, relation })),
      needs: s.needs,
      reason: s.reason,
      explanation: s.text,
    })),
    programme: p.programme ? { id: p.programme.id, title: p.programme.title, achievements: p.programme.achievements } : null,
    cost: p.totals.cost,
    price: p.totals.price,
    hours: p.totals.hours,
    covered: plan.covered,
    uncovered: plan.uncoveredReasons.map((u) => ({ uri: u.uri, label: u.label, reason: u.reason })),
    optimal: p.totals.optimal,
    optimalityGap: plan.gap,
    method: plan.method,
    alternatives: plan.alternatives.map((a) => ({ achievements: a.achievements, cost: a.cost, price: a.price, hours: a.hours, covered: a.covered, uncovered: a.uncovered })),
    explanation: plan.explanation,
  };
}

const ImportedSchema = z
  .object({
    id: z.uuid(),
    issuerId: z.string(),
    issuerName: z.string(),
    achievementName: z.string(),
    skills: z.array(z.object({ uri: z.string(), label: z.string() })),
    validUntil: z.iso.datetime().nullable(),
    verifiedAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ImportedCredential' });
const presentImported = (i: ImportedCredential) => ({
  id: i.id,
  issuerId: i.issuerId,
  issuerName: i.issuerName,
  achievementName: i.achievementName,
  skills: i.skills,
  validUntil: i.validUntil?.toISOString() ?? null,
  verifiedAt: i.verifiedAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

/** The learner's skills profile, their gap to a target occupation, and the pathway that closes it. */
export function pathwayRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['pathways'];
  const cacheDir = ctx.database.location === 'memory' ? undefined : path.join(ctx.config.dataDir, 'cache');

  const learnerOf = (request: FastifyRequest) => requireLearner(request, db);
  const profileOf = async (learner: Learner) => ({ items: (await learnerProfile(db, learner, ctx.clock.now())).map(presentProfileSkill) });
  const ProfileResponse = z.object({ items: z.array(ProfileSkillSchema) });

  r.get(
    '/api/learner/skills',
    { schema: { tags, summary: "The learner's skills profile: each skill with its evidence, strongest first", response: { 200: ProfileResponse, ...problemResponses(401, 403) } } },
    async (request) => profileOf(await learnerOf(request)),
  );

  r.post(
    '/api/learner/skills',
    {
      schema: {
        tags,
        summary: 'Declare a skill (self-declared; a level 1 basic … 4 expert is optional). Declaring it again updates the level.',
        body: z.object({ uri: z.string().min(1).max(500), level: z.number().int().min(1).max(4).nullable().optional() }),
        response: { 200: ProfileResponse, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const learner = await learnerOf(request);
      await declareSkill(db, learner, request.body, ctx.clock.now());
      return profileOf(learner);
    },
  );

  r.delete(
    '/api/learner/skills',
    {
      schema: {
        tags,
        summary: "Remove the learner's own claims (self-declared and from a CV) of a skill; skills from credentials stay",
        querystring: z.object({ uri: z.string().min(1).max(500) }),
        response: { 200: ProfileResponse, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const learner = await learnerOf(request);
      await removeClaims(db, learner, request.query.uri);
      return profileOf(learner);
    },
  );

  r.post(
    '/api/learner/skills/from-cv',
    {
      schema: {
        tags,
        summary: 'Seed the profile from a CV: the skills mapper finds skills in the text, each kept with the words that named it. The CV itself is not stored.',
        body: z.object({ text: z.string().min(20, 'Paste at least a few lines of your CV.').max(100_000), top: z.number().int().min(1).max(50).default(20) }),
        response: { 200: ProfileResponse.extend({ added: z.array(z.object({ uri: z.string(), label: z.string(), snippet: z.string() })) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const learner = await learnerOf(request);
      const model = await modelForDatabase(db, { cacheDir });
      // Added without the learner choosing each one, so only the confident matches.
      const found = confidentMatches(await extractSkills(model, request.body.text, { top: request.body.top }));
      const added = found.map((m) => ({ uri: m.uri, label: m.label, snippet: m.evidence.map((e) => e.text).join(' … ').slice(0, 300) }));
      await upsertClaims(db, learner, 'cv', added, ctx.clock.now());
      return { ...(await profileOf(learner)), added };
    },
  );

  r.get(
    '/api/learner/imports',
    { schema: { tags, summary: 'Credentials from other issuers the learner imported', response: { 200: z.object({ items: z.array(ImportedSchema) }), ...problemResponses(401, 403) } } },
    async (request) => ({ items: (await listImported(db, (await learnerOf(request)).id)).map(presentImported) }),
  );

  r.post(
    '/api/learner/imports',
    {
      schema: {
        tags,
        summary: 'Import a credential from another issuer (JSON, or a JWT / baked badge data: URL as text/plain): kept only if it verifies now and names you (by your email address); its skills then count as verified',
        body: z.union([z.record(z.string(), z.unknown()), z.string().min(1)]),
        response: { 200: z.object({ imported: ImportedSchema, verification: VerifyResultSchema }), 201: z.object({ imported: ImportedSchema, verification: VerifyResultSchema }), ...problemResponses(400, 401, 403, 413, 422) },
      },
    },
    async (request, reply) => {
      const learner = await learnerOf(request);
      const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const { resolver } = app.services;
      const r = await importCredential(db, learner, text, (input) => verify(input as never, { resolver, now: ctx.clock.now() }), ctx.clock.now());
      reply.status(r.created ? 201 : 200);
      return { imported: presentImported(r.imported), verification: r.verification as z.infer<typeof VerifyResultSchema> };
    },
  );

  r.delete(
    '/api/learner/imports/:importId',
    { schema: { tags, summary: 'Remove an imported credential (its skills stop counting)', params: z.object({ importId: z.uuid() }), response: { 204: z.null(), ...problemResponses(401, 403, 404) } } },
    async (request, reply) => {
      await removeImported(db, (await learnerOf(request)).id, request.params.importId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/learner/gap',
    {
      schema: {
        tags,
        summary: 'Covered, partly covered and missing skills against a target occupation, with a 0–100 alignment score',
        querystring: z.object({ target: z.string().min(1).max(500).describe('Occupation URI or ESCO id, or role:<id> for an employer role') }),
        response: { 200: GapSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const learner = await learnerOf(request);
      const { target, gap } = await learnerGap(db, learner, request.query.target, ctx.clock.now());
      return {
        target: { kind: target.kind, uri: target.uri, label: target.label, employer: target.employer, postings: target.postings },
        score: gap.score,
        totalWeight: gap.totalWeight,
        coveredWeight: gap.coveredWeight,
        covered: gap.covered.map(presentGapSkill),
        partial: gap.partial.map(presentGapSkill),
        missing: gap.missing.map(presentGapSkill),
      };
    },
  );

  r.post(
    '/api/learner/pathway',
    {
      schema: {
        tags,
        summary: 'The cheapest (money and time, as weighted) sequence of published micro-credentials that closes the gap to a target, within budget and hours',
        body: z.object({
          target: z.string().min(1).max(500),
          weights: z.object({ money: z.number().min(0), hours: z.number().min(0) }).default({ money: 1, hours: 0 }),
          budget: z.number().min(0).nullable().optional(),
          maxHours: z.number().min(0).nullable().optional(),
          hoursPerWeek: z.number().positive().max(168).nullable().optional().describe('With deadline: hours a week the learner can give.'),
          deadline: z.iso.date().nullable().optional().describe('With hoursPerWeek: the date to be done by (YYYY-MM-DD); longer achievements are left out.'),
          onlineOnly: z.boolean().default(false),
          languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).max(10).optional(),
          programmeId: z.uuid().optional().describe('Complete this published programme as part of the pathway.'),
        }),
        response: { 200: PlanSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const learner = await learnerOf(request);
      const b = request.body;
      const plan = await learnerPathway(db, learner, b.target, { weights: b.weights, budget: b.budget ?? undefined, maxHours: b.maxHours ?? undefined, hoursPerWeek: b.hoursPerWeek ?? undefined, deadline: b.deadline ? new Date(`${b.deadline}T23:59:59Z`) : undefined, onlineOnly: b.onlineOnly, languages: b.languages, programmeId: b.programmeId }, ctx.clock.now(), { timeLimitMs: 5_000 });
      return presentPlan(plan);
    },
  );
}
