import { z } from 'zod';
import { AppError } from '../core/errors.js';

/**
 * The pathway planner's input and output. The zod schema is the one source of
 * validation and types; it is also the `microcred pathway solve FILE` contract.
 */

const NonNegative = (what: string) => z.number({ error: `${what} must be a number` }).finite(`${what} must be finite`).min(0, `${what} must be ≥ 0`);
const Id = z.string({ error: 'must be a string' }).min(1, 'must not be empty');

export const GapSkillSchema = z.object({
  uri: Id,
  weight: NonNegative('weight'),
});

export const PathwayAchievementSchema = z.object({
  id: Id,
  skills: z.array(Id, { error: 'must be an array of skill URIs' }),
  price: NonNegative('price'),
  hours: NonNegative('hours'),
  prerequisites: z.array(Id, { error: 'must be an array of achievement ids' }).default([]),
  /** Display name, used in explanations when present. */
  name: z.string().optional(),
});

export const PathwayInputSchema = z
  .object({
    gap: z.array(GapSkillSchema, { error: 'gap must be an array of {uri, weight}' }),
    achievements: z.array(PathwayAchievementSchema, { error: 'achievements must be an array' }),
    weights: z.object({ money: NonNegative('weights.money'), hours: NonNegative('weights.hours') }, { error: 'weights must be {money, hours}' }),
    constraints: z
      .object({
        budget: NonNegative('budget').nullish().transform((v) => v ?? undefined),
        maxHours: NonNegative('maxHours').nullish().transform((v) => v ?? undefined),
      })
      .default({ budget: undefined, maxHours: undefined }),
    held: z.array(Id).default([]),
    /** Skill URI → label, for explanations. */
    labels: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((d, ctx) => {
    const uris = new Set<string>();
    d.gap.forEach((g, i) => {
      if (uris.has(g.uri)) ctx.addIssue({ code: 'custom', path: ['gap', i, 'uri'], message: `duplicate gap skill ${g.uri}` });
      uris.add(g.uri);
    });
    const ids = new Set<string>();
    d.achievements.forEach((a, i) => {
      if (ids.has(a.id)) ctx.addIssue({ code: 'custom', path: ['achievements', i, 'id'], message: `duplicate achievement id ${a.id}` });
      ids.add(a.id);
    });
  });

export type PathwayInput = z.input<typeof PathwayInputSchema>;
export type ParsedPathwayInput = z.output<typeof PathwayInputSchema>;
export type PathwayAchievement = z.output<typeof PathwayAchievementSchema>;
export type GapSkill = z.output<typeof GapSkillSchema>;

/** `achievements[3].price` from zod's `['achievements', 3, 'price']`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(input)';
}

/** Validates planner input; invalid input is an `invalid_request` naming each field. */
export function parsePathwayInput(input: unknown): ParsedPathwayInput {
  const r = PathwayInputSchema.safeParse(input);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ path: fieldPath(i.path), message: i.message }));
  throw new AppError('invalid_request', 'The pathway input is not valid.', { errors });
}

export interface PlanOptions {
  /** Alternative plans to return besides the best one (0–2; default 2). */
  alternatives?: number;
  /** Wall-clock budget for the whole plan in milliseconds (default 10,000). */
  timeLimitMs?: number;
  /**
   * `auto` (default): exact integer program unless the reduced model has more
   * than `exactMaxColumns` achievements, then the heuristic. `exact` / `heuristic` force one.
   */
  method?: 'auto' | 'exact' | 'heuristic';
  /** Reduced-model size above which `auto` uses the heuristic (default 50,000). */
  exactMaxColumns?: number;
}

/** One step of a plan, in order. */
export interface PlanStep {
  id: string;
  price: number;
  hours: number;
  cost: number;
  /** Gap skills this achievement teaches. */
  covers: string[];
  /** Its prerequisites in the plan (earlier steps). */
  needs: string[];
  /** Its prerequisites the learner already holds. */
  held: string[];
  /** Later steps that need it. */
  requiredBy: string[];
  text: string;
}

export interface PlanSummary {
  /** Achievement ids in a valid order (every prerequisite before what needs it). */
  achievements: string[];
  /** Σ (weights.money × price + weights.hours × hours) over the chosen achievements. */
  cost: number;
  price: number;
  hours: number;
  /** Gap skills covered by the plan or by what the learner holds, in gap order. */
  covered: string[];
  uncovered: string[];
  coveredWeight: number;
  totalWeight: number;
}

export interface UncoveredReason {
  uri: string;
  label?: string;
  kind: 'not_taught' | 'prerequisites_missing' | 'over_budget' | 'over_hours' | 'over_budget_and_hours' | 'displaced' | 'zero_weight' | 'time_limit';
  reason: string;
}

export interface PathwayPlan extends PlanSummary {
  /** True when the plan is proven lexicographically optimal. */
  optimal: boolean;
  /** Relative optimality gap: 0 when optimal; else HiGHS's MIP gap or a bound-based one (see docs/PATHWAYS.md). */
  gap: number;
  method: 'exact' | 'heuristic';
  steps: PlanStep[];
  /** One sentence per step, then one per uncovered skill. */
  explanation: string[];
  uncoveredReasons: UncoveredReason[];
  /** Next-best plans (none is the best plan or a superset of it). */
  alternatives: (PlanSummary & { steps: PlanStep[] })[];
  stats: { catalogue: number; candidates: number; gapSkills: number; modelSkills: number; solves: number; ms: number };
}
