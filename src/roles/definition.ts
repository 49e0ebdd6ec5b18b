import { z } from 'zod';
import { ROLE_STATUSES } from '../db/schema/roles.js';

/** One source of truth for a role as an employer writes it: validation, types and API docs. */
export const RoleSkillSchema = z.object({
  uri: z.string().trim().min(1).max(500),
  label: z.string().trim().min(1).max(300),
  relation: z.enum(['essential', 'optional']).default('essential'),
  count: z.number().int().min(0).default(0).describe('Postings that asked for it; 0 when added by hand.'),
});

export const RoleInputSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the role a title.').max(200),
    description: z.string().trim().max(5000).default(''),
    postings: z.number().int().min(0).max(10_000).default(0).describe('How many job postings the skill counts are over.'),
    skills: z
      .array(RoleSkillSchema)
      .min(1, 'A role needs at least one skill.')
      .max(200)
      .refine((s) => new Set(s.map((x) => x.uri)).size === s.length, 'Each skill may appear once.'),
    status: z.enum(ROLE_STATUSES).default('draft'),
  })
  .meta({ id: 'RoleInput' });

export type RoleInput = z.input<typeof RoleInputSchema>;
export type RoleDefinition = z.output<typeof RoleInputSchema>;

/** Weight of a role's skill in a gap analysis, as for occupations: essential 1, optional 0.5. */
export const ROLE_RELATION_WEIGHT = { essential: 1, optional: 0.5 } as const;

/**
 * From skill demand over postings to a role's skills: asked for by at least
 * half the postings → essential, else optional.
 */
export function skillsFromDemand(postings: number, demand: { uri: string; label: string; count: number }[]): RoleDefinition['skills'] {
  return demand.map((d) => ({ uri: d.uri, label: d.label, count: d.count, relation: postings > 0 && d.count / postings >= 0.5 ? 'essential' : 'optional' }));
}
