import { z } from 'zod';

/**
 * A micro-credential definition: the Open Badges 3.0 `Achievement` fields plus
 * the information elements of the EU Council Recommendation on a European
 * approach to micro-credentials (2022/C 243/02, Annex I). This zod schema is
 * the one source for validation, TypeScript types and the OpenAPI document.
 *
 * Elements the Recommendation lists that are not here come from elsewhere:
 * learner identification and date of issue from the issued credential;
 * country/region and awarding body from the provider organisation.
 */

/** OB 3.0 AchievementType vocabulary; `ext:` names extend it. */
export const ACHIEVEMENT_TYPES = [
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree', 'Award', 'Badge',
  'BachelorDegree', 'Certificate', 'CertificateOfCompletion', 'Certification', 'CommunityService', 'Competency',
  'Course', 'CoCurricular', 'Degree', 'Diploma', 'DoctoralDegree', 'Fieldwork', 'GeneralEducationDevelopment',
  'JourneymanCertificate', 'LearningProgram', 'License', 'Membership', 'ProfessionalDoctorate',
  'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree', 'MicroCredential', 'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;

export const RESULT_TYPES = [
  'GradePointAverage', 'LetterGrade', 'Percent', 'PerformanceLevel', 'PredictedScore', 'RawScore', 'Result',
  'RubricCriterion', 'RubricCriterionLevel', 'RubricScore', 'ScaledScore', 'Status',
] as const;

const ExtName = z.string().regex(/^ext:[A-Za-z0-9._-]+$/, 'An extension name such as ext:Bootcamp.');
const Text = (max: number) => z.string().trim().min(1, 'Required.').max(max);

export const AlignmentSchema = z.object({
  targetName: Text(300).describe('Skill or competence name, e.g. "use spreadsheets software".'),
  targetUrl: z.url().describe('Taxonomy URI, e.g. an ESCO skill URI.'),
  targetFramework: z.string().max(200).optional().describe('e.g. "ESCO" or "O*NET".'),
  targetCode: z.string().max(200).optional(),
  targetDescription: z.string().max(2000).optional(),
});

export const ResultDescriptionSchema = z.object({
  name: Text(200),
  resultType: z.union([z.enum(RESULT_TYPES), ExtName]),
  allowedValue: z.array(z.string().max(100)).max(50).optional().describe('For letter grades or levels, the values in order.'),
  requiredValue: z.string().max(100).optional().describe('The value a learner needs to earn the credential.'),
  valueMin: z.string().max(50).optional(),
  valueMax: z.string().max(50).optional(),
});

export const PARTICIPATION_FORMS = ['online', 'onsite', 'hybrid'] as const;
export const SUPERVISION = ['unsupervised', 'supervised-online', 'supervised-onsite'] as const;

export const AchievementDefinitionSchema = z
  .object({
    // --- Open Badges 3.0 Achievement ---
    name: Text(200).describe('Title of the micro-credential.'),
    description: Text(5000),
    criteria: z.object({ narrative: Text(10000).describe('What a learner must do to earn it (Markdown).') }),
    image: z
      .object({
        id: z.string().max(2_000_000).regex(/^(https?:\/\/|data:image\/(png|svg\+xml|jpeg);base64,)/, 'An https URL or a data: URI of a PNG, SVG or JPEG.'),
        caption: z.string().max(300).optional(),
      })
      .optional(),
    achievementType: z.union([z.enum(ACHIEVEMENT_TYPES), ExtName]).default('MicroCredential'),
    tags: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
    alignments: z.array(AlignmentSchema).max(100).default([]).describe('Skills the credential certifies, by taxonomy URI.'),
    resultDescriptions: z.array(ResultDescriptionSchema).max(20).default([]),
    fieldOfStudy: z.string().max(200).optional(),
    humanCode: z.string().max(50).optional().describe('A short code such as "DATA-101".'),
    inLanguage: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A BCP 47 tag such as en or pt-BR.')).min(1).default(['en']),

    // --- EU Council Recommendation, mandatory elements ---
    learningOutcomes: z.array(Text(1000)).min(1, 'List at least one learning outcome.').max(50),
    workload: z
      .object({
        ects: z.number().positive().max(60).optional().describe('ECTS credits.'),
        hours: z.number().positive().max(2000).optional().describe('Notional hours of learning.'),
      })
      .refine((w) => w.ects !== undefined || w.hours !== undefined, { message: 'Give the workload in ECTS credits, hours, or both.' }),
    eqfLevel: z.number().int().min(1).max(8).optional().describe('EQF level, where applicable.'),
    assessment: Text(1000).describe('Type of assessment, e.g. "proctored online exam and project review".'),
    participation: z.enum(PARTICIPATION_FORMS).describe('Form of participation in the learning activity.'),
    qualityAssurance: Text(1000).describe('Type of quality assurance used to underpin the credential.'),

    // --- EU Council Recommendation, optional elements ---
    prerequisites: z.string().max(2000).optional().describe('Prerequisites needed to enrol.'),
    prerequisiteAchievements: z
      .array(z.uuid('An achievement id from the catalogue.'))
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, 'Each prerequisite may appear once.')
      .default([])
      .describe('Achievements (catalogue ids) a learner must hold before this one; pathway plans put them first.'),
    supervision: z
      .object({ mode: z.enum(SUPERVISION), identityVerified: z.boolean() })
      .optional()
      .describe('Supervision and identity verification during assessment.'),
    gradingScheme: z.string().max(1000).optional().describe('Grade achieved / grading scheme, where applicable.'),
    integration: z
      .object({ mode: z.enum(['stand-alone', 'integrated']), description: z.string().max(2000).optional() })
      .optional()
      .describe('Integration / stackability options.'),
    furtherInformation: z.url().optional(),

    // --- Catalogue facts used by pathways ---
    price: z.object({ amount: z.number().min(0), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
    durationWeeks: z.number().positive().max(520).optional(),
  })
  .meta({ id: 'AchievementDefinition' });

/** What a client sends (defaults not yet applied). */
export type AchievementDefinitionInput = z.input<typeof AchievementDefinitionSchema>;
/** What is stored and used (defaults applied). */
export type AchievementDefinition = z.output<typeof AchievementDefinitionSchema>;
