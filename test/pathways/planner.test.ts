import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { planPathway, type PathwayInput, type PathwayPlan, type PlanSummary } from '../../src/pathways/index.js';

/**
 * The planner against a brute-force enumerator over every subset of the
 * (non-held) catalogue: same weighted coverage, same least cost, and every
 * plan it returns respects prerequisites, order, budget and hours.
 */

interface Problem {
  gap: { uri: string; weight: number }[];
  achievements: { id: string; skills: string[]; price: number; hours: number; prerequisites: string[] }[];
  weights: { money: number; hours: number };
  constraints: { budget?: number; maxHours?: number };
  held: string[];
}

const EPS = 1e-6;

/** Coverage (held achievements' skills count), cost, price and hours of a set, or undefined when it is not a valid plan. */
function evaluate(p: Problem, ids: string[]): { weight: number; cost: number; price: number; hours: number } | undefined {
  const byId = new Map(p.achievements.map((a) => [a.id, a]));
  const chosen = new Set(ids);
  const held = new Set(p.held);
  let price = 0;
  let hours = 0;
  let cost = 0;
  const skills = new Set<string>();
  for (const h of p.held) for (const s of byId.get(h)?.skills ?? []) skills.add(s);
  for (const id of ids) {
    const a = byId.get(id);
    if (!a || held.has(id)) return undefined;
    if (!a.prerequisites.every((q) => chosen.has(q) || held.has(q))) return undefined;
    price += a.price;
    hours += a.hours;
    cost += p.weights.money * a.price + p.weights.hours * a.hours;
    for (const s of a.skills) skills.add(s);
  }
  if (p.constraints.budget !== undefined && price > p.constraints.budget + 1e-9) return undefined;
  if (p.constraints.maxHours !== undefined && hours > p.constraints.maxHours + 1e-9) return undefined;
  const weight = p.gap.reduce((s, g) => s + (skills.has(g.uri) ? g.weight : 0), 0);
  return { weight, cost, price, hours };
}

/** The lexicographic optimum by enumerating all 2^n subsets. */
function bruteForce(p: Problem): { weight: number; cost: number } {
  const free = p.achievements.filter((a) => !p.held.includes(a.id)).map((a) => a.id);
  let best = { weight: -1, cost: Infinity };
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const ids = free.filter((_, i) => mask & (1 << i));
    const e = evaluate(p, ids);
    if (!e) continue;
    if (e.weight > best.weight + EPS || (Math.abs(e.weight - best.weight) <= EPS && e.cost < best.cost)) best = { weight: e.weight, cost: e.cost };
  }
  return best;
}

/** Valid order: each prerequisite is held or comes earlier; limits respected; totals right. */
function checkPlan(p: Problem, plan: PlanSummary): { weight: number; cost: number } {
  const seen = new Set<string>();
  const byId = new Map(p.achievements.map((a) => [a.id, a]));
  for (const id of plan.achievements) {
    expect(seen.has(id), `${id} twice`).toBe(false);
    expect(p.held, `${id} is held`).not.toContain(id);
    for (const q of byId.get(id)!.prerequisites) expect(seen.has(q) || p.held.includes(q), `${q} before ${id}`).toBe(true);
    seen.add(id);
  }
  const e = evaluate(p, plan.achievements);
  expect(e, 'plan is valid').toBeDefined();
  if (p.constraints.budget !== undefined) expect(e!.price).toBeLessThanOrEqual(p.constraints.budget + 1e-9);
  if (p.constraints.maxHours !== undefined) expect(e!.hours).toBeLessThanOrEqual(p.constraints.maxHours + 1e-9);
  expect(plan.cost).toBeCloseTo(e!.cost, 6);
  expect(plan.coveredWeight).toBeCloseTo(e!.weight, 6);
  expect([...plan.covered, ...plan.uncovered].sort()).toEqual(p.gap.map((g) => g.uri).sort());
  return e!;
}

const SKILLS = ['s0', 's1', 's2', 's3', 's4', 's5', 's6'];

/** Random small catalogues: a prerequisite DAG (edges to earlier-generated achievements, then shuffled), held ones, missing prerequisites, limits. */
const problemArb: fc.Arbitrary<Problem> = fc
  .record({
    n: fc.integer({ min: 0, max: 12 }),
    seedSkills: fc.array(fc.subarray(SKILLS.slice(0, 6), { maxLength: 3 }), { minLength: 12, maxLength: 12 }),
    prices: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }),
    hours: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 12, maxLength: 12 }),
    prereqMasks: fc.array(fc.integer({ min: 0, max: 4095 }), { minLength: 12, maxLength: 12 }),
    prereqDensity: fc.constantFrom(0, 0.1, 0.25),
    ghost: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    heldMask: fc.integer({ min: 0, max: 4095 }),
    heldRate: fc.constantFrom(0, 0, 0.15),
    gap: fc.subarray(SKILLS, { minLength: 1 }),
    gapWeights: fc.array(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.double({ min: 0.1, max: 5, noNaN: true })), { minLength: 7, maxLength: 7 }),
    money: fc.constantFrom(0, 1, 0.5, 2),
    perHour: fc.constantFrom(0, 1, 3),
    budget: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    maxHours: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  })
  .map((r) => {
    const achievements = Array.from({ length: r.n }, (_, i) => {
      const prerequisites: string[] = [];
      for (let j = 0; j < i; j++) if ((r.prereqMasks[i]! >> j) & 1 && ((r.prereqMasks[j]! * 7 + i) % 100) / 100 < r.prereqDensity * 2) prerequisites.push(`a${j}`);
      if (r.ghost[i] && r.prereqMasks[i]! % 17 === 0) prerequisites.push('ghost');
      return { id: `a${i}`, skills: r.seedSkills[i]!, price: r.prices[i]!, hours: r.hours[i]!, prerequisites };
    });
    // Shuffle so the catalogue order is not a topological order.
    const shuffled = achievements.map((a, i) => ({ a, k: r.order[i]! })).sort((x, y) => x.k - y.k).map((x) => x.a);
    const held = achievements.filter((_, i) => (r.heldMask >> i) & 1 && ((i * 31 + r.heldMask) % 100) / 100 < r.heldRate).map((a) => a.id);
    return {
      gap: r.gap.map((uri) => ({ uri, weight: r.gapWeights[SKILLS.indexOf(uri)]! })),
      achievements: shuffled,
      weights: { money: r.money, hours: r.perHour },
      constraints: { ...(r.budget !== undefined ? { budget: r.budget } : {}), ...(r.maxHours !== undefined ? { maxHours: r.maxHours } : {}) },
      held,
    };
  });

describe('pathway planner: exact', () => {
  it('equals the brute-force lexicographic optimum on hundreds of random small catalogues', async () => {
    let withPrereqs = 0;
    let limited = 0;
    let uncovered = 0;
    await fc.assert(
      fc.asyncProperty(problemArb, async (p) => {
        const plan = await planPathway(p, { alternatives: 0 });
        const brute = bruteForce(p);
        const got = checkPlan(p, plan);
        expect(plan.optimal).toBe(true);
        expect(plan.gap).toBe(0);
        expect(plan.method).toBe('exact');
        expect(got.weight).toBeCloseTo(brute.weight, 6);
        expect(Math.abs(got.cost - brute.cost)).toBeLessThanOrEqual(1e-6);
        // Every uncovered gap skill comes with a reason.
        expect(plan.uncoveredReasons.map((r) => r.uri).sort()).toEqual([...plan.uncovered].sort());
        expect(plan.explanation.length).toBe(plan.achievements.length + plan.uncovered.length + (plan.achievements.length + plan.uncovered.length === 0 ? 1 : 0));
        if (p.achievements.some((a) => a.prerequisites.length)) withPrereqs++;
        if (p.constraints.budget !== undefined || p.constraints.maxHours !== undefined) limited++;
        if (plan.uncovered.length) uncovered++;
      }),
      { numRuns: 400, seed: 20261124 },
    );
    // The generator does exercise what matters.
    expect(withPrereqs).toBeGreaterThan(100);
    expect(limited).toBeGreaterThan(200);
    expect(uncovered).toBeGreaterThan(50);
  }, 300_000);

  it('alternatives are valid plans, differ from the optimum (and are no superset of it) and are no better', async () => {
    let seen = 0;
    await fc.assert(
      fc.asyncProperty(problemArb, async (p) => {
        const plan = await planPathway(p, { alternatives: 2 });
        const best = checkPlan(p, plan);
        const keys = new Set([[...plan.achievements].sort().join(',')]);
        for (const alt of plan.alternatives) {
          seen++;
          const e = checkPlan(p, alt);
          expect(plan.achievements.every((id) => alt.achievements.includes(id)), 'alternative is a superset of the plan').toBe(false);
          const key = [...alt.achievements].sort().join(',');
          expect(keys.has(key), 'alternatives are distinct').toBe(false);
          keys.add(key);
          expect(e.weight <= best.weight + EPS).toBe(true);
          if (Math.abs(e.weight - best.weight) <= EPS) expect(e.cost).toBeGreaterThanOrEqual(best.cost - EPS);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(seen).toBeGreaterThan(100);
  }, 300_000);

  it('the heuristic returns valid plans, reports a gap in [0, 1] and is right when it claims optimality', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, async (p) => {
        const plan = await planPathway(p, { method: 'heuristic', alternatives: 1, timeLimitMs: 2000 });
        expect(plan.method).toBe('heuristic');
        const got = checkPlan(p, plan);
        for (const alt of plan.alternatives) checkPlan(p, alt);
        expect(plan.gap).toBeGreaterThanOrEqual(0);
        expect(plan.gap).toBeLessThanOrEqual(1);
        const brute = bruteForce(p);
        expect(got.weight).toBeLessThanOrEqual(brute.weight + EPS);
        if (plan.optimal) {
          expect(got.weight).toBeCloseTo(brute.weight, 6);
          expect(Math.abs(got.cost - brute.cost)).toBeLessThanOrEqual(1e-6);
        }
      }),
      { numRuns: 150, seed: 99 },
    );
  }, 300_000);
});

const base = (over: Partial<PathwayInput> = {}): PathwayInput => ({
  gap: [{ uri: 'py', weight: 3 }, { uri: 'sql', weight: 2 }, { uri: 'ml', weight: 5 }],
  achievements: [
    { id: 'intro', skills: ['py'], price: 100, hours: 10, prerequisites: [] },
    { id: 'db', skills: ['sql'], price: 50, hours: 5, prerequisites: [] },
    { id: 'ml', skills: ['ml', 'py'], price: 300, hours: 40, prerequisites: ['db'] },
  ],
  weights: { money: 1, hours: 1 },
  constraints: {},
  ...over,
});

async function rejection(input: unknown): Promise<AppError> {
  const e = await planPathway(input).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('pathway planner: cases', () => {
  it('orders prerequisites first and explains each step with labels', async () => {
    const plan = await planPathway(base({ labels: { ml: 'Machine learning', py: 'Python' } }));
    expect(plan.achievements).toEqual(['db', 'ml']);
    expect(plan.cost).toBe(395);
    expect(plan.uncovered).toEqual([]);
    expect(plan.steps[0]!.text).toContain('required before ml (step 2)');
    expect(plan.steps[1]!.text).toMatch(/covers Machine learning and Python; needs db \(step 1\) first/);
  });

  it('rejects a prerequisite cycle, naming it', async () => {
    const e = await rejection(
      base({
        achievements: [
          { id: 'a', skills: ['py'], price: 1, hours: 1, prerequisites: ['c'] },
          { id: 'b', skills: ['sql'], price: 1, hours: 1, prerequisites: ['a'] },
          { id: 'c', skills: ['ml'], price: 1, hours: 1, prerequisites: ['b'] },
        ],
      }),
    );
    expect(e.code).toBe('invalid_request');
    expect(e.message).toMatch(/cycle: (a → c → b → a|b → a → c → b|c → b → a → c)/);
    expect(e.errors?.[0]?.path).toMatch(/^achievements\[\d\]\.prerequisites$/);
    // A self-prerequisite is a cycle too.
    expect((await rejection(base({ achievements: [{ id: 'x', skills: [], price: 0, hours: 0, prerequisites: ['x'] }] }))).message).toMatch(/x → x/);
  });

  it('a held achievement breaks a cycle, satisfies prerequisites and covers its skills', async () => {
    const plan = await planPathway(
      base({
        achievements: [
          { id: 'intro', skills: ['py'], price: 100, hours: 10, prerequisites: ['ml'] },
          { id: 'db', skills: ['sql'], price: 50, hours: 5, prerequisites: [] },
          { id: 'ml', skills: ['ml'], price: 300, hours: 40, prerequisites: ['intro', 'db'] },
        ],
        held: ['intro'],
      }),
    );
    expect(plan.achievements).toEqual(['db', 'ml']);
    expect(plan.covered).toEqual(['py', 'sql', 'ml']);
    expect(plan.steps[1]!.held).toEqual(['intro']);
    expect(plan.steps[1]!.text).toContain('builds on intro, already held');
  });

  it('explains why skills stay uncovered: not taught, prerequisites missing, over budget, over hours, displaced', async () => {
    const plan = await planPathway({
      gap: [
        { uri: 'rust', weight: 1 },
        { uri: 'go', weight: 1 },
        { uri: 'k8s', weight: 1 },
        { uri: 'aws', weight: 1 },
        { uri: 'py', weight: 5 },
        { uri: 'sql', weight: 4 },
      ],
      achievements: [
        { id: 'go', skills: ['go'], price: 10, hours: 1, prerequisites: ['not-in-catalogue'] },
        { id: 'k8s', skills: ['k8s'], price: 1000, hours: 1, prerequisites: [] },
        { id: 'aws', skills: ['aws'], price: 10, hours: 500, prerequisites: [] },
        { id: 'py', skills: ['py'], price: 60, hours: 10, prerequisites: [] },
        { id: 'sql', skills: ['sql'], price: 60, hours: 10, prerequisites: [] },
      ],
      weights: { money: 1, hours: 0 },
      constraints: { budget: 100, maxHours: 100 },
    });
    expect(plan.achievements).toEqual(['py']);
    expect(plan.optimal).toBe(true);
    const kinds = Object.fromEntries(plan.uncoveredReasons.map((r) => [r.uri, r.kind]));
    expect(kinds).toEqual({ rust: 'not_taught', go: 'prerequisites_missing', k8s: 'over_budget', aws: 'over_hours', sql: 'over_budget' });
    const why = Object.fromEntries(plan.uncoveredReasons.map((r) => [r.uri, r.reason]));
    expect(why.go).toContain('not-in-catalogue');
    expect(why.k8s).toContain('budget of 100');
    expect(why.sql).toMatch(/would exceed the budget \(60 \+ 60 > 100\)/);
    expect(plan.explanation.at(-1)).toMatch(/^Not covered: sql — /);
  });

  it('covers the most weight when the gap cannot be closed, then the least cost', async () => {
    const plan = await planPathway({
      gap: [{ uri: 'a', weight: 2 }, { uri: 'b', weight: 2 }, { uri: 'c', weight: 3 }],
      achievements: [
        { id: 'ab', skills: ['a', 'b'], price: 90, hours: 0, prerequisites: [] },
        { id: 'c', skills: ['c'], price: 50, hours: 0, prerequisites: [] },
        { id: 'c2', skills: ['c'], price: 40, hours: 0, prerequisites: [] },
      ],
      weights: { money: 1, hours: 0 },
      constraints: { budget: 100 },
    });
    // {ab} covers 4 > 3; {ab, c2} is over budget.
    expect(plan.achievements).toEqual(['ab']);
    expect(plan.uncovered).toEqual(['c']);
    expect(plan.alternatives[0]!.achievements).toEqual(['c2']);
  });

  it('an empty gap or an already covered one needs nothing', async () => {
    const none = await planPathway(base({ gap: [] }));
    expect(none.achievements).toEqual([]);
    expect(none.optimal).toBe(true);
    const held = await planPathway(base({ gap: [{ uri: 'py', weight: 1 }], held: ['intro'] }));
    expect(held.achievements).toEqual([]);
    expect(held.covered).toEqual(['py']);
    expect(held.explanation).toEqual(['Nothing to do: the learner already covers the whole gap.']);
  });

  it('rejects invalid input naming the field', async () => {
    const bad = base();
    (bad.achievements[1] as { price: unknown }).price = -5;
    const e = await rejection(bad);
    expect(e.errors).toEqual([{ path: 'achievements[1].price', message: 'price must be ≥ 0' }]);
    expect((await rejection({ ...base(), weights: { money: 1 } })).errors?.[0]?.path).toBe('weights.hours');
    expect((await rejection({ ...base(), gap: [{ uri: 'a', weight: 1 }, { uri: 'a', weight: 2 }] })).errors?.[0]?.path).toBe('gap[1].uri');
    expect((await rejection(base({ achievements: [...base().achievements, { id: 'db', skills: [], price: 0, hours: 0, prerequisites: [] }] }))).errors?.[0]?.path).toBe('achievements[3].id');
  });

  it('solves a 10,000-achievement catalogue exactly and quickly', async () => {
    const rng = mulberry32(42);
    const skills = Array.from({ length: 2000 }, (_, i) => `https://skills.example/s${i}`);
    const achievements = Array.from({ length: 10_000 }, (_, i) => ({
      id: `c${i}`,
      skills: Array.from({ length: 1 + Math.floor(rng() * 4) }, () => skills[Math.floor(rng() * skills.length)]!),
      price: Math.round(50 + rng() * 950),
      hours: Math.round(5 + rng() * 95),
      prerequisites: i > 100 && rng() < 0.3 ? [`c${Math.floor(rng() * i)}`] : [],
    }));
    const gap = Array.from({ length: 40 }, (_, i) => ({ uri: skills[i * 37]!, weight: 1 + (i % 3) }));
    const plan: PathwayPlan = await planPathway({ gap, achievements, weights: { money: 1, hours: 2 }, constraints: {} }, { alternatives: 0 });
    expect(plan.optimal).toBe(true);
    expect(plan.stats.candidates).toBeLessThan(2000);
    expect(plan.stats.ms).toBeLessThan(5000);
  });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
