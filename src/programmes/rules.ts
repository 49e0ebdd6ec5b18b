import type { ProgrammeRule } from './definition.js';

/**
 * Pure evaluation of programme rules against what a learner holds. No
 * database, no clock: the caller decides which credentials count (valid, not
 * revoked, not suspended, not expired) and passes their achievement ids.
 */

/** What the learner holds: achievement id → the ids of the credentials that award it. */
export type Holdings = ReadonlyMap<string, readonly string[]>;
/** ECTS credits of each achievement (missing = 0). */
export type Credits = ReadonlyMap<string, number>;

export interface RuleProgress {
  rule: ProgrammeRule;
  satisfied: boolean;
  /** Listed achievements the learner holds, in the rule's order. */
  held: string[];
  /** Listed achievements the learner does not hold, in the rule's order. */
  missing: string[];
  /** all: every listed; n_of: n; min_credits: the ECTS needed. */
  required: number;
  /** all / n_of: how many held; min_credits: the ECTS held. */
  achieved: number;
}

export interface ProgrammeProgress {
  complete: boolean;
  rules: RuleProgress[];
  /** ECTS of the distinct achievements that count toward any rule. */
  creditsHeld: number;
  /** One credential per counted achievement: the evidence of a completed programme. */
  evidence: { achievementId: string; credentialId: string }[];
}

const ects = (credits: Credits, id: string) => credits.get(id) ?? 0;
/** Sums ECTS without binary floating-point drift (credits are given to at most 3 decimals). */
const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b * 1000, 0)) / 1000;

export function evaluateRule(rule: ProgrammeRule, holdings: Holdings, credits: Credits): RuleProgress {
  const held = rule.achievementIds.filter((id) => (holdings.get(id)?.length ?? 0) > 0);
  const missing = rule.achievementIds.filter((id) => !held.includes(id));
  switch (rule.type) {
    case 'all':
      return { rule, held, missing, required: rule.achievementIds.length, achieved: held.length, satisfied: missing.length === 0 };
    case 'n_of':
      return { rule, held, missing, required: rule.n, achieved: held.length, satisfied: held.length >= rule.n };
    case 'min_credits': {
      const achieved = sum(held.map((id) => ects(credits, id)));
      return { rule, held, missing, required: rule.credits, achieved, satisfied: achieved >= rule.credits };
    }
  }
}

export function evaluateProgramme(rules: readonly ProgrammeRule[], holdings: Holdings, credits: Credits): ProgrammeProgress {
  const progress = rules.map((r) => evaluateRule(r, holdings, credits));
  const counted = [...new Set(progress.flatMap((p) => p.held))];
  return {
    complete: progress.every((p) => p.satisfied),
    rules: progress,
    creditsHeld: sum(counted.map((id) => ects(credits, id))),
    evidence: counted.map((achievementId) => ({ achievementId, credentialId: holdings.get(achievementId)![0]! })),
  };
}

/**
 * A set of achievements that, added to what the learner holds, completes the
 * programme; `undefined` when no set can (a min_credits rule whose list is
 * not worth enough). Greedy and deterministic: an achievement already chosen
 * for one rule is reused by the others first, then (n of m) the lightest or
 * (minimum credits) the heaviest, then the rule's own order. Small, not guaranteed minimal: a planner wanting the
 * cheapest completion should treat the rules as constraints of its own.
 */
export function completionSet(rules: readonly ProgrammeRule[], held: ReadonlySet<string>, credits: Credits): string[] | undefined {
  const chosen: string[] = [];
  const has = (id: string) => held.has(id) || chosen.includes(id);
  for (const rule of rules) {
    const candidates = rule.achievementIds
      .filter((id) => !held.has(id))
      .map((id, order) => ({ id, order }))
      // n_of: the lightest first; min_credits: the heaviest first (fewest achievements).
      .sort((a, b) => Number(chosen.includes(b.id)) - Number(chosen.includes(a.id)) || (rule.type === 'n_of' ? 1 : -1) * (ects(credits, a.id) - ects(credits, b.id)) || a.order - b.order)
      .map((c) => c.id);
    switch (rule.type) {
      case 'all':
        for (const id of rule.achievementIds) if (!has(id)) chosen.push(id);
        break;
      case 'n_of': {
        let count = rule.achievementIds.filter(has).length;
        for (const id of candidates) {
          if (count >= rule.n) break;
          if (!has(id)) {
            chosen.push(id);
            count++;
          }
        }
        if (count < rule.n) return undefined;
        break;
      }
      case 'min_credits': {
        let total = sum(rule.achievementIds.filter(has).map((id) => ects(credits, id)));
        for (const id of candidates) {
          if (total >= rule.credits) break;
          if (!has(id) && ects(credits, id) > 0) {
            chosen.push(id);
            total = sum([total, ects(credits, id)]);
          }
        }
        if (total < rule.credits) return undefined;
        break;
      }
    }
  }
  return chosen;
}
