import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { COMMITMENT_KINDS, COMMITMENT_STATUSES, PROGRAMME_STATUSES } from '../../db/index.js';
import { authorize } from '../../identity/index.js';
import {
  achievementFacts,
  achievementsToComplete,
  awardAllCompleted,
  awardCompletedProgrammes,
  type Commitment,
  CommitmentRequestSchema,
  confirmedOnly,
  createAgreement,
  createProgramme,
  creditTranscript,
  decideCommitment,
  getProgramme,
  getPublishedProgramme,
  learnerProgress,
  listAgreements,
  listOwnedProgrammes,
  listPartnerCommitments,
  listPartnerOrganisations,
  listPublishedProgrammes,
  type Programme,
  ProgrammeDefinitionSchema,
  ProgrammeRuleSchema,
  type ProgrammeStanding,
  type RecognitionAgreement,
  RecognitionInputSchema,
  requestCommitment,
  reviseProgramme,
  ruleAchievementIds,
  setProgrammeStatus,
  withdrawAgreement,
  withdrawCommitment,
} from '../../programmes/index.js';
import type { AppContext } from '../context.js';
import { problemResponses } from '../problem.js';
import { requireUser } from './auth.js';

const OrgRefSchema = z.object({ id: z.uuid(), name: z.string(), slug: z.string(), kind: z.string() });

const CommitmentSchema = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    partner: OrgRefSchema,
    kind: z.enum(COMMITMENT_KINDS),
    description: z.string(),
    degree: z.string().nullable(),
    ects: z.number().nullable(),
    status: z.enum(COMMITMENT_STATUSES),
    requestedByOrgId: z.uuid(),
    decidedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ProgrammeCommitment' });

const AchievementRefSchema = z.object({ name: z.string(), ects: z.number(), providerOrgId: z.uuid() });

const ProgrammeSchema = z
  .object({
    id: z.uuid(),
    leadOrgId: z.uuid(),
    owners: z.array(OrgRefSchema),
    status: z.enum(PROGRAMME_STATUSES),
    version: z.number().int(),
    definition: ProgrammeDefinitionSchema,
    achievementId: z.uuid().nullable().describe('The achievement the programme credential is issued under, once published.'),
    commitments: z.array(CommitmentSchema),
    achievements: z.record(z.string(), AchievementRefSchema).describe('Names and ECTS of the achievements the rules name.'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Programme' });

const RuleProgressSchema = z.object({
  rule: ProgrammeRuleSchema,
  satisfied: z.boolean(),
  held: z.array(z.uuid()),
  missing: z.array(z.uuid()),
  required: z.number(),
  achieved: z.number(),
});

const ProgressSchema = z
  .object({
    programme: ProgrammeSchema,
    complete: z.boolean(),
    rules: z.array(RuleProgressSchema),
    creditsHeld: z.number(),
    awardedCredentialId: z.uuid().nullable(),
  })
  .meta({ id: 'ProgrammeProgress' });

const AgreementSchema = z
  .object({
    id: z.uuid(),
    institution: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
    degree: z.string(),
    programmeId: z.uuid().nullable(),
    achievementId: z.uuid().nullable(),
    targetName: z.string(),
    ects: z.number(),
    validFrom: z.iso.date(),
    validUntil: z.iso.date().nullable(),
    note: z.string().nullable(),
    commitmentId: z.uuid().nullable(),
    withdrawnAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RecognitionAgreement' });

const TranscriptSchema = z
  .object({
    degrees: z.array(
      z.object({
        institution: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
        degree: z.string(),
        entries: z.array(z.object({ agreementId: z.uuid(), kind: z.enum(['programme', 'achievement']), targetId: z.uuid(), name: z.string(), ects: z.number(), credentialId: z.uuid() })),
        includedInProgramme: z.array(z.object({ achievementId: z.uuid(), name: z.string(), programmeName: z.string() })),
        totalEcts: z.number(),
      }),
    ),
  })
  .meta({ id: 'CreditTranscript' });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const presentCommitment = (c: Commitment) => ({ ...c, decidedAt: iso(c.decidedAt), createdAt: c.createdAt.toISOString() });
const presentAgreement = (a: RecognitionAgreement) => ({ ...a, withdrawnAt: iso(a.withdrawnAt), createdAt: a.createdAt.toISOString() });

const OrgParams = z.object({ orgId: z.uuid() });
const ProgParams = OrgParams.extend({ programmeId: z.uuid() });
const CreateBody = z.object({ definition: ProgrammeDefinitionSchema, coOwnerOrgIds: z.array(z.uuid()).max(10).optional().describe('Other provider organisations owning the programme with this one.') });

export function programmeRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['programmes'];
  const userId = (a: { type: string; userId?: string }) => (a.type === 'user' ? a.userId : undefined);
  const today = () => ctx.clock.now().toISOString().slice(0, 10);

  async function present(p: Programme) {
    const facts = await achievementFacts(db, ruleAchievementIds(p.definition.rules));
    return {
      ...p,
      commitments: p.commitments.map(presentCommitment),
      achievements: Object.fromEntries([...facts].map(([id, f]) => [id, { name: f.definition.name, ects: f.definition.workload.ects ?? 0, providerOrgId: f.orgId }])),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
  const presentProgress = async (s: ProgrammeStanding) => ({
    programme: await present(confirmedOnly(s.programme)),
    complete: s.progress.complete,
    rules: s.progress.rules,
    creditsHeld: s.progress.creditsHeld,
    awardedCredentialId: s.awardedCredentialId,
  });

  // --- public -------------------------------------------------------------------
  r.get(
    '/api/programmes',
    { schema: { tags, summary: 'Published programmes with their confirmed partner commitments (public)', response: { 200: z.object({ items: z.array(ProgrammeSchema) }) } } },
    async () => ({ items: await Promise.all((await listPublishedProgrammes(db)).map((p) => present(confirmedOnly(p)))) }),
  );

  r.get(
    '/api/programmes/:programmeId',
    { schema: { tags, summary: 'One published programme (public)', params: z.object({ programmeId: z.uuid() }), response: { 200: ProgrammeSchema, ...problemResponses(404) } } },
    async (request) => present(confirmedOnly(await getPublishedProgramme(db, request.params.programmeId))),
  );

  r.get(
    '/api/programme-partners',
    { schema: { tags, summary: 'Organisations that can make commitments to programmes (signed-in callers)', response: { 200: z.object({ items: z.array(OrgRefSchema) }), ...problemResponses(401) } } },
    async (request) => {
      if (request.actor.type === 'anonymous') throw new AppError('unauthenticated');
      return { items: await listPartnerOrganisations(db) };
    },
  );

  // --- owners -------------------------------------------------------------------
  r.get(
    '/api/orgs/:orgId/programmes',
    { schema: { tags, summary: 'Programmes this provider owns or co-owns, drafts included', params: OrgParams, response: { 200: z.object({ items: z.array(ProgrammeSchema) }), ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'programmes.read', orgId: request.params.orgId });
      return { items: await Promise.all((await listOwnedProgrammes(db, request.params.orgId)).map(present)) };
    },
  );

  r.post(
    '/api/orgs/:orgId/programmes',
    { schema: { tags, summary: 'Define a programme (a draft); co-owners are other providers', params: OrgParams, body: CreateBody, response: { 201: ProgrammeSchema, ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      authorize(request.actor, { do: 'programmes.write', orgId: request.params.orgId });
      const p = await db.transaction((tx) =>
        createProgramme(tx, { orgId: request.params.orgId, coOwnerOrgIds: request.body.coOwnerOrgIds, definition: request.body.definition, createdBy: userId(request.actor) }),
      );
      reply.status(201);
      return present(p);
    },
  );

  r.get(
    '/api/orgs/:orgId/programmes/:programmeId',
    { schema: { tags, summary: 'One owned programme, with every commitment', params: ProgParams, querystring: z.object({ version: z.coerce.number().int().positive().optional() }), response: { 200: ProgrammeSchema, ...problemResponses(401, 403, 404) } } },
    async (request) => {
      authorize(request.actor, { do: 'programmes.read', orgId: request.params.orgId });
      const p = await getProgramme(db, request.params.programmeId, request.query.version);
      if (!p.owners.some((o) => o.id === request.params.orgId)) throw notOwned();
      return present(p);
    },
  );

  r.put(
    '/api/orgs/:orgId/programmes/:programmeId',
    { schema: { tags, summary: 'Revise a programme: saves a new version', params: ProgParams, body: z.object({ definition: ProgrammeDefinitionSchema }), response: { 200: ProgrammeSchema, ...problemResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      authorize(request.actor, { do: 'programmes.write', orgId: request.params.orgId });
      const p = await db.transaction((tx) =>
        reviseProgramme(tx, { orgId: request.params.orgId, programmeId: request.params.programmeId, definition: request.body.definition, createdBy: userId(request.actor) }),
      );
      return present(p);
    },
  );

  r.post(
    '/api/orgs/:orgId/programmes/:programmeId/status',
    {
      schema: {
        tags,
        summary: 'Publish, return to draft or retire a programme; publishing awards learners who already complete it',
        params: ProgParams,
        body: z.object({ status: z.enum(PROGRAMME_STATUSES) }),
        response: { 200: ProgrammeSchema.extend({ awarded: z.number().int().describe('Programme credentials issued on publishing.') }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'programmes.write', orgId: request.params.orgId });
      const p = await db.transaction((tx) =>
        setProgrammeStatus(tx, { orgId: request.params.orgId, programmeId: request.params.programmeId, status: request.body.status, by: userId(request.actor) }),
      );
      const awarded = p.status === 'published' ? (await awardAllCompleted(app.services.issuance)).filter((a) => a.programmeId === p.id && a.created).length : 0;
      return { ...(await present(p)), awarded };
    },
  );

  r.post(
    '/api/orgs/:orgId/programmes/:programmeId/commitments',
    { schema: { tags, summary: 'Ask a partner organisation for a commitment (it counts once the partner confirms)', params: ProgParams, body: CommitmentRequestSchema, response: { 201: CommitmentSchema, ...problemResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      authorize(request.actor, { do: 'programmes.write', orgId: request.params.orgId });
      const c = await requestCommitment(db, { orgId: request.params.orgId, programmeId: request.params.programmeId, request: request.body, by: userId(request.actor) });
      reply.status(201);
      return presentCommitment(c);
    },
  );

  r.post(
    '/api/orgs/:orgId/programmes/:programmeId/commitments/:commitmentId/withdraw',
    { schema: { tags, summary: 'Withdraw a commitment from the programme', params: ProgParams.extend({ commitmentId: z.uuid() }), response: { 200: CommitmentSchema, ...problemResponses(401, 403, 404) } } },
    async (request) => {
      authorize(request.actor, { do: 'programmes.write', orgId: request.params.orgId });
      return presentCommitment(await db.transaction((tx) => withdrawCommitment(tx, request.params)));
    },
  );

  // --- partners -----------------------------------------------------------------
  r.get(
    '/api/orgs/:orgId/commitments',
    { schema: { tags, summary: 'Commitments programmes have asked of this organisation', params: OrgParams, response: { 200: z.object({ items: z.array(CommitmentSchema.extend({ programmeTitle: z.string() })) }), ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'commitments.read', orgId: request.params.orgId });
      return { items: (await listPartnerCommitments(db, request.params.orgId)).map((c) => ({ ...presentCommitment(c), programmeTitle: c.programmeTitle })) };
    },
  );

  r.post(
    '/api/orgs/:orgId/commitments/:commitmentId/decision',
    {
      schema: {
        tags,
        summary: 'Confirm or decline a commitment asked of this organisation; confirming credit recognition records the agreement',
        params: OrgParams.extend({ commitmentId: z.uuid() }),
        body: z.object({ decision: z.enum(['confirmed', 'declined']) }),
        response: { 200: CommitmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'commitments.decide', orgId: request.params.orgId });
      const c = await db.transaction((tx) =>
        decideCommitment(tx, { partnerOrgId: request.params.orgId, commitmentId: request.params.commitmentId, decision: request.body.decision, by: userId(request.actor), today: today() }),
      );
      return presentCommitment(c);
    },
  );

  // --- credit recognition -------------------------------------------------------
  r.get(
    '/api/orgs/:orgId/recognition',
    { schema: { tags, summary: "The institution's credit recognition agreements", params: OrgParams, response: { 200: z.object({ items: z.array(AgreementSchema) }), ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'recognition.read', orgId: request.params.orgId });
      return { items: (await listAgreements(db, request.params.orgId)).map(presentAgreement) };
    },
  );

  r.post(
    '/api/orgs/:orgId/recognition',
    { schema: { tags, summary: 'Record that a programme or achievement counts N ECTS toward a degree here', params: OrgParams, body: RecognitionInputSchema, response: { 201: AgreementSchema, ...problemResponses(400, 401, 403) } } },
    async (request, reply) => {
      authorize(request.actor, { do: 'recognition.write', orgId: request.params.orgId });
      const a = await createAgreement(db, { orgId: request.params.orgId, agreement: request.body, by: userId(request.actor) });
      reply.status(201);
      return presentAgreement(a);
    },
  );

  r.post(
    '/api/orgs/:orgId/recognition/:agreementId/withdraw',
    { schema: { tags, summary: 'Withdraw a recognition agreement', params: OrgParams.extend({ agreementId: z.uuid() }), response: { 200: AgreementSchema, ...problemResponses(401, 403, 404) } } },
    async (request) => {
      authorize(request.actor, { do: 'recognition.write', orgId: request.params.orgId });
      return presentAgreement(await withdrawAgreement(db, request.params.orgId, request.params.agreementId));
    },
  );

  // --- learners -----------------------------------------------------------------
  r.get(
    '/api/learner/programmes',
    { schema: { tags: ['learners'], summary: "The signed-in learner's progress in every published programme, rule by rule", response: { 200: z.object({ items: z.array(ProgressSchema) }), ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'learner.profile' });
      return { items: await Promise.all((await learnerProgress(db, requireUser(request), ctx.clock.now())).map(presentProgress)) };
    },
  );

  r.get(
    '/api/learner/programmes/:programmeId',
    {
      schema: {
        tags: ['learners'],
        summary: 'Progress in one programme, with a set of achievements that would complete it',
        params: z.object({ programmeId: z.uuid() }),
        response: { 200: ProgressSchema.extend({ toComplete: z.array(z.uuid()).nullable().describe('Achievements that would complete it; null when none can.') }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'learner.profile' });
      const now = ctx.clock.now();
      const [s] = await learnerProgress(db, requireUser(request), now, request.params.programmeId);
      const toComplete = await achievementsToComplete(db, request.params.programmeId, requireUser(request), now);
      return { ...(await presentProgress(s!)), toComplete: toComplete ?? null };
    },
  );

  r.post(
    '/api/learner/programmes/evaluate',
    { schema: { tags: ['learners'], summary: 'Check now for completed programmes and issue their credentials (also done on every issuance)', response: { 200: z.object({ awarded: z.array(z.object({ programmeId: z.uuid(), credentialId: z.uuid(), created: z.boolean() })) }), ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'learner.profile' });
      return { awarded: await awardCompletedProgrammes(app.services.issuance, requireUser(request)) };
    },
  );

  r.get(
    '/api/learner/transcript',
    { schema: { tags: ['learners'], summary: "The signed-in learner's credit transcript: per degree, what counts and the total ECTS", response: { 200: TranscriptSchema, ...problemResponses(401, 403) } } },
    async (request) => {
      authorize(request.actor, { do: 'learner.profile' });
      return { degrees: await creditTranscript(db, requireUser(request), ctx.clock.now()) };
    },
  );
}

const notOwned = () => new AppError('not_found', 'No such programme owned by this organisation.');
