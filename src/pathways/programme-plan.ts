/**
 * Completing a programme as part of a pathway. Programme rules (all of, n of
 * m, minimum credits) are not skills, so they are met before the skill gap is
 * planned: every *minimal* set of achievements that completes the programme is
 * enumerated (exactly, up to MAX_CANDIDATES missing achievements), the
 * cheapest few are each followed by an optimal plan for the rest of the gap,
 * and the best whole is kept: most weighted gap covered, then least cost.
 */

export interface ProgrammeRuleLike {
  type: 'all' | 'n_of' | 'min_credits';
  achievementIds: string[];
  n?: number;
  credits?: number;
}

/** Above this many missing rule achievements, enumeration stops being cheap (2^n subsets). */
export const MAX_CANDIDATES = 18;
/** How many of the cheapest minimal completions are tried with the planner. */
export const COMPLETIONS_TRIED = 8;

function satisfied(rules: readonly ProgrammeRuleLike[], has: (id: string) => boolean, ects: (id: string) => number): boolean {
  return rules.every((r) => {
    const held = r.achievementIds.filter(has);
    if (r.type === 'all') return held.length === r.achievementIds.length;
    if (r.type === 'n_of') return held.length >= (r.n ?? 0);
    return Math.round(held.reduce((s, id) => s + ects(id) * 1000, 0)) / 1000 >= (r.credits ?? 0);
  });
}

/**
 * Every minimal set of not-yet-held achievements (among those the learner may
 * take) that completes the rules, cheapest first; `undefined` when the
 * programme cannot be completed from what may be taken, `null` when there are
 * too many candidates to enumerate.
 */
export function minimalCompletions(
  rules: readonly ProgrammeRuleLike[],
  held: ReadonlySet<string>,
  takeable: ReadonlySet<string>,
  ects: (id: string) => number,
  cost: (id: string) => number,
): string[][] | undefined | null {
  const candidates = [...new Set(rules.flatMap((r) => r.achievementIds))].filter((id) => !held.has(id) && takeable.has(id));
  if (candidates.length > MAX_CANDIDATES) return null;
  const found: { set: string[]; mask: number; cost: number }[] = [];
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const has = (id: string) => held.has(id) || ((mask >> candidates.indexOf(id)) & 1) === 1;
    if (!satisfied(rules, (id) => candidates.includes(id) ? has(id) : held.has(id), ects)) continue;
    // Minimal: no completing subset already found (subsets have smaller masks, so they come first).
    if (found.some((f) => (f.mask & mask) === f.mask)) continue;
    const set = candidates.filter((_, i) => (mask >> i) & 1);
    found.push({ set, mask, cost: set.reduce((s, id) => s + cost(id), 0) });
  }
  if (found.length === 0) return undefined;
  return found.sort((a, b) => a.cost - b.cost || a.set.length - b.set.length).map((f) => f.set);
}
