import { z } from 'zod';
import { COMMITMENT_KINDS } from '../db/index.js';

/**
 * A programme definition: what stacks into it and what it is worth. The zod
 * schema is the one source of validation, TypeScript types and OpenAPI.
 */

const Text = (max: number) => z.string().trim().min(1, 'Required.').max(max);
const AchievementIds = z.array(z.uuid()).min(1, 'Name at least one achievement.').max(100);

/** Every listed achievement is required. */
export const AllOfRuleSchema = z.object({
  type: z.literal('all'),
  title: z.string().trim().max(200).optional(),
  achievementIds: AchievementIds,
});

/** Any `n` of the listed achievements. */
export const NOfRuleSchema = z.object({
  type: z.literal('n_of'),
  title: z.string().trim().max(200).optional(),
  n: z.number().int().min(1),
  achievementIds: AchievementIds,
});

/** Achievements from the list worth at least `credits` ECTS together. */
export const MinCreditsRuleSchema = z.object({
  type: z.literal('min_credits'),
  title: z.string().trim().max(200).optional(),
  credits: z.number().positive().max(300),
  achievementIds: AchievementIds,
});

export const ProgrammeRuleSchema = z.discriminatedUnion('type', [AllOfRuleSchema, NOfRuleSchema, MinCreditsRuleSchema]).meta({ id: 'ProgrammeRule' });
export type ProgrammeRule = z.infer<typeof ProgrammeRuleSchema>;

/** Programme credential types from the OB 3.0 AchievementType vocabulary. */
export const PROGRAMME_ACHIEVEMENT_TYPES = ['LearningProgram', 'Certificate', 'MasterCertificate', 'MicroCredential', 'Diploma'] as const;

export const ProgrammeDefinitionSchema = z
  .object({
    title: Text(200),
    description: Text(5000),
    learningOutcomes: z.array(Text(1000)).min(1, 'List at least one learning outcome.').max(50),
    rules: z.array(ProgrammeRuleSchema).min(1, 'Give at least one rule.').max(20),
    totalEcts: z.number().positive().max(60).describe('ECTS credits of the whole programme.'),
    achievementType: z.enum(PROGRAMME_ACHIEVEMENT_TYPES).default('LearningProgram').describe('OB 3.0 achievementType of the programme credential.'),
    eqfLevel: z.number().int().min(1).max(8).optional(),
    qualityAssurance: Text(1000).default('Each component micro-credential is quality-assured by its provider; the owners review the programme yearly.'),
    humanCode: z.string().max(50).optional(),
  })
  .superRefine((d, ctx) => {
    d.rules.forEach((r, i) => {
      if (new Set(r.achievementIds).size !== r.achievementIds.length) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'achievementIds'], message: 'An achievement is listed twice.' });
      }
      if (r.type === 'n_of' && r.n > r.achievementIds.length) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'n'], message: `Cannot require ${r.n} of ${r.achievementIds.length} achievements.` });
      }
    });
  })
  .meta({ id: 'ProgrammeDefinition' });

export type ProgrammeDefinitionInput = z.input<typeof ProgrammeDefinitionSchema>;
export type ProgrammeDefinition = z.output<typeof ProgrammeDefinitionSchema>;

export const CommitmentRequestSchema = z
  .object({
    partnerOrgId: z.uuid(),
    kind: z.enum(COMMITMENT_KINDS),
    description: Text(2000).describe('What the partner commits to, in the words graduates will read.'),
    degree: z.string().trim().min(1).max(300).optional().describe('For credit recognition: the degree, e.g. "MSc Data Science".'),
    ects: z.number().positive().max(300).optional().describe('For credit recognition: the ECTS credits granted.'),
  })
  .refine((c) => c.kind !== 'credit_recognition' || (c.degree && c.ects), { message: 'Credit recognition names the degree and the ECTS it grants.', path: ['degree'] })
  .meta({ id: 'CommitmentRequest' });
export type CommitmentRequest = z.infer<typeof CommitmentRequestSchema>;

export const RecognitionInputSchema = z
  .object({
    degree: Text(300).describe('The degree the credits count toward, e.g. "MSc Data Science".'),
    programmeId: z.uuid().optional(),
    achievementId: z.uuid().optional(),
    ects: z.number().positive().max(300),
    validFrom: z.iso.date(),
    validUntil: z.iso.date().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((r) => (r.programmeId === undefined) !== (r.achievementId === undefined), { message: 'Recognise either a programme or an achievement.', path: ['programmeId'] })
  .refine((r) => !r.validUntil || r.validUntil >= r.validFrom, { message: 'Ends before it starts.', path: ['validUntil'] })
  .meta({ id: 'RecognitionRequest' });
export type RecognitionInput = z.infer<typeof RecognitionInputSchema>;
