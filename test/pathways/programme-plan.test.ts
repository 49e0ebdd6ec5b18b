import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimalCompletions, type ProgrammeRuleLike } from '../../src/pathways/programme-plan.js';

/** Brute force: every subset that completes the rules, minimal ones only. */
function bruteForce(rules: ProgrammeRuleLike[], held: Set<string>, takeable: string[], ects: Record<string, number>): string[][] {
  const complete = (has: Set<string>) =>
    rules.every((r) => {
      const got = r.achievementIds.filter((id) => has.has(id));
      if (r.type === 'all') return got.length === r.achievementIds.length;
      if (r.type === 'n_of') return got.length >= r.n!;
      return got.reduce((s, id) => s + ects[id]!, 0) >= r.credits!;
    });
  const cands = [...new Set(rules.flatMap((r) => r.achievementIds))].filter((id) => !held.has(id) && takeable.includes(id));
  const sets: string[][] = [];
  for (let m = 0; m < 1 << cands.length; m++) {
    const set = cands.filter((_, i) => (m >> i) & 1);
    if (complete(new Set([...held, ...set]))) sets.push(set);
  }
  return sets.filter((s) => !sets.some((o) => o !== s && o.length < s.length && o.every((x) => s.includes(x))));
}

describe('minimal programme completions', () => {
  it('are exactly the minimal completing sets, cheapest first', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const rule = fc.oneof(
      fc.record({ type: fc.constant('all' as const), achievementIds: fc.subarray(ids, { minLength: 1, maxLength: 3 }) }),
      fc.subarray(ids, { minLength: 1, maxLength: 5 }).chain((list) => fc.record({ type: fc.constant('n_of' as const), achievementIds: fc.constant(list), n: fc.integer({ min: 1, max: list.length }) })),
      fc.record({ type: fc.constant('min_credits' as const), achievementIds: fc.subarray(ids, { minLength: 1, maxLength: 5 }), credits: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 3 }),
        fc.subarray(ids),
        fc.subarray(ids, { minLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 7, maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 7, maxLength: 7 }),
        (rules, heldList, takeable, creditList, prices) => {
          const ects = Object.fromEntries(ids.map((id, i) => [id, creditList[i]!]));
          const price = Object.fromEntries(ids.map((id, i) => [id, prices[i]!]));
          const held = new Set(heldList);
          const got = minimalCompletions(rules, held, new Set(takeable), (id) => ects[id]!, (id) => price[id]!);
          const want = bruteForce(rules, held, takeable, ects);
          if (want.length === 0) {
            expect(got).toBeUndefined();
            return;
          }
          const key = (s: string[]) => [...s].sort().join(',');
          expect(got!.map(key).sort()).toEqual(want.map(key).sort());
          const costs = got!.map((s) => s.reduce((c, id) => c + price[id]!, 0));
          expect(costs).toEqual([...costs].sort((a, b) => a - b));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives up (null) rather than enumerate a huge rule', () => {
    const many = Array.from({ length: 30 }, (_, i) => `x${i}`);
    expect(minimalCompletions([{ type: 'n_of', n: 2, achievementIds: many }], new Set(), new Set(many), () => 1, () => 1)).toBeNull();
  });
});
