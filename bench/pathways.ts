/**
 * Pathway planner benchmark (issue #7): seeded synthetic catalogues of 1,000
 * and 10,000 achievements, gaps of 20–60 skills. For each instance, the exact
 * planner (`planPathway`, HiGHS, no alternatives: the optimum alone) and, as
 * the reference, a plain greedy weighted set cover that honours prerequisites
 * (written here, independently of the planner's own heuristic). Reports plan
 * time (median, p95) of both, and the greedy plan's cost relative to ours at
 * equal coverage, and both coverages.
 *
 * Run alone: `npx tsx bench/pathways.ts [--instances N]`.
 */
import { pathToFileURL } from 'node:url';
import { highsRuntime, parsePathwayInput, planValidated, type PathwayInput } from '../src/pathways/index.js';

type Achievement = PathwayInput['achievements'][number];
interface Instance {
  input: PathwayInput;
  kind: 'open' | 'budget';
}

function rng32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A catalogue shaped like a real one: skills grouped in topics (25 skills
 * each, one topic per 125 achievements), each achievement teaching 1–5 skills
 * of its topic (sometimes one of a neighbouring topic), price loosely tied to
 * hours, a third with one or two prerequisites earlier in the same topic. A
 * target role needs 20–60 skills from 2–6 topics, weighted 3 (essential) or 1.
 */
export function syntheticInstance(size: number, seed: number): Instance {
  const rand = rng32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const topics = Math.max(4, Math.round(size / 125));
  const perTopic = 25;
  const skill = (t: number, k: number) => `https://skills.example/t${t}/s${k}`;
  const byTopic: number[][] = Array.from({ length: topics }, () => []);
  const achievements: Achievement[] = [];
  for (let i = 0; i < size; i++) {
    const t = Math.floor(rand() * topics);
    const skills = new Set<string>();
    const count = 1 + Math.floor(rand() * 5);
    for (let k = 0; k < count; k++) skills.add(rand() < 0.1 ? skill((t + 1) % topics, Math.floor(rand() * perTopic)) : skill(t, Math.floor(rand() * perTopic)));
    const hours = Math.round(5 + rand() * 115);
    const price = Math.round(hours * (5 + rand() * 20) + (rand() < 0.2 ? 0 : 50));
    const prerequisites: string[] = [];
    const earlier = byTopic[t]!;
    if (earlier.length && rand() < 0.33) {
      prerequisites.push(`a${pick(earlier)}`);
      if (rand() < 0.3) prerequisites.push(`a${pick(earlier)}`);
    }
    achievements.push({ id: `a${i}`, skills: [...skills], price, hours, prerequisites: [...new Set(prerequisites)] });
    byTopic[t]!.push(i);
  }
  const gapSize = 20 + Math.floor(rand() * 41);
  // Distinct topics, enough of them to hold the gap (each has 25 skills).
  const order = Array.from({ length: topics }, (_, t) => ({ t, k: rand() })).sort((a, b) => a.k - b.k);
  const roleTopics = order.slice(0, Math.min(topics, Math.ceil(gapSize / 20) + Math.floor(rand() * 3))).map((o) => o.t);
  const gap = new Map<string, number>();
  while (gap.size < gapSize) gap.set(skill(pick(roleTopics), Math.floor(rand() * perTopic)), rand() < 0.6 ? 3 : 1);
  const kind = seed % 2 === 0 ? 'open' : 'budget';
  const input: PathwayInput = {
    gap: [...gap].map(([uri, weight]) => ({ uri, weight })),
    achievements,
    weights: { money: 1, hours: 10 },
    constraints: {},
  };
  // Half the instances get a budget that binds: 60 % of what greedy spends to cover everything.
  if (kind === 'budget') input.constraints = { budget: Math.round(0.6 * greedyPlan(input).price) };
  return { input, kind };
}

/**
 * Reference: greedy weighted set cover with prerequisites. Repeatedly take the
 * achievement whose not-yet-taken prerequisite closure adds the most uncovered
 * gap weight per unit of cost and fits the limits, until none adds coverage.
 */
export function greedyPlan(input: PathwayInput): { ids: string[]; cost: number; price: number; weight: number } {
  const byId = new Map(input.achievements.map((a) => [a.id, a]));
  const weightOf = new Map(input.gap.map((g) => [g.uri, g.weight]));
  const held = new Set(input.held ?? []);
  const costOf = (a: Achievement) => input.weights.money * a.price + input.weights.hours * a.hours;
  const closure = new Map<string, string[] | null>();
  const closureOf = (id: string): string[] | null => {
    if (closure.has(id)) return closure.get(id)!;
    closure.set(id, null); // guards cycles
    const a = byId.get(id);
    let out: string[] | null = a ? [id] : null;
    for (const p of a?.prerequisites ?? []) {
      if (held.has(p) || out === null) continue;
      const c = closureOf(p);
      out = c === null ? null : [...new Set([...out, ...c])];
    }
    closure.set(id, out);
    return out;
  };
  const relevant = input.achievements.filter((a) => !held.has(a.id) && a.skills.some((s) => weightOf.has(s)));
  const chosen = new Set<string>();
  const covered = new Set<string>();
  for (const h of held) for (const s of byId.get(h)?.skills ?? []) covered.add(s);
  let price = 0;
  let hours = 0;
  let cost = 0;
  const budget = input.constraints?.budget ?? Infinity;
  const maxHours = input.constraints?.maxHours ?? Infinity;
  for (;;) {
    let best: { ids: string[]; gain: number; ratio: number } | undefined;
    for (const a of relevant) {
      if (chosen.has(a.id)) continue;
      const ids = closureOf(a.id)?.filter((id) => !chosen.has(id));
      if (!ids) continue;
      const gained = new Set<string>();
      let mp = 0;
      let mh = 0;
      let mc = 0;
      for (const id of ids) {
        const b = byId.get(id)!;
        mp += b.price;
        mh += b.hours;
        mc += costOf(b);
        for (const s of b.skills) if (weightOf.has(s) && !covered.has(s)) gained.add(s);
      }
      const gain = [...gained].reduce((s, u) => s + weightOf.get(u)!, 0);
      if (gain <= 0 || price + mp > budget || hours + mh > maxHours) continue;
      const ratio = mc > 0 ? gain / mc : Infinity;
      if (!best || ratio > best.ratio) best = { ids, gain, ratio };
    }
    if (!best) break;
    for (const id of best.ids) {
      const b = byId.get(id)!;
      chosen.add(id);
      price += b.price;
      hours += b.hours;
      cost += costOf(b);
      for (const s of b.skills) covered.add(s);
    }
  }
  const weight = input.gap.reduce((s, g) => s + (covered.has(g.uri) ? g.weight : 0), 0);
  return { ids: [...chosen], cost, price, weight };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

export interface PathwayBenchRow {
  size: number;
  instances: number;
  oursMedianMs: number;
  oursP95Ms: number;
  /** zod validation of the input, done once at the edge (CLI/API), not part of the plan time. */
  validationMedianMs: number;
  greedyMedianMs: number;
  greedyP95Ms: number;
  /** Mean greedy cost / our cost over instances where both cover the same weight. */
  costRatio: number;
  /** Instances where greedy covered less weight than ours. */
  greedyCoveredLess: number;
  oursCoverage: number;
  greedyCoverage: number;
  allOptimal: boolean;
}

export async function pathwayBench(instances = 20): Promise<PathwayBenchRow[]> {
  await highsRuntime(); // load the wasm once, outside the timings
  const rows: PathwayBenchRow[] = [];
  for (const size of [1_000, 10_000]) {
    const ours: number[] = [];
    const validation: number[] = [];
    const greedy: number[] = [];
    const ratios: number[] = [];
    let less = 0;
    let covOurs = 0;
    let covGreedy = 0;
    let allOptimal = true;
    // Two warm-up plans (JIT), not counted.
    for (let w = 0; w < 2; w++) await planValidated(parsePathwayInput(syntheticInstance(size, 1000 + w).input), { alternatives: 0 });
    for (let i = 0; i < instances; i++) {
      const { input } = syntheticInstance(size, size + i);
      let t = performance.now();
      const parsed = parsePathwayInput(input);
      validation.push(performance.now() - t);
      t = performance.now();
      const plan = await planValidated(parsed, { alternatives: 0 });
      ours.push(performance.now() - t);
      t = performance.now();
      const g = greedyPlan(input);
      greedy.push(performance.now() - t);
      allOptimal &&= plan.optimal;
      const total = plan.totalWeight;
      covOurs += plan.coveredWeight / total;
      covGreedy += g.weight / total;
      if (g.weight < plan.coveredWeight - 1e-9) less++;
      else if (plan.cost > 0) ratios.push(g.cost / plan.cost);
    }
    rows.push({
      size,
      instances,
      oursMedianMs: quantile(ours, 0.5),
      oursP95Ms: quantile(ours, 0.95),
      validationMedianMs: quantile(validation, 0.5),
      greedyMedianMs: quantile(greedy, 0.5),
      greedyP95Ms: quantile(greedy, 0.95),
      costRatio: ratios.length ? ratios.reduce((s, r) => s + r, 0) / ratios.length : NaN,
      greedyCoveredLess: less,
      oursCoverage: covOurs / instances,
      greedyCoverage: covGreedy / instances,
      allOptimal,
    });
  }
  return rows;
}

export function formatPathwayBench(rows: PathwayBenchRow[]): string {
  const lines = [
    '',
    `${'pathway planner (issue #7)'.padEnd(30)} ${'exact ms med/p95'.padStart(17)} ${'greedy ms med/p95'.padStart(18)} ${'greedy/exact cost'.padStart(18)} ${'coverage exact/greedy'.padStart(22)}`,
  ];
  for (const r of rows) {
    lines.push(
      `${`${r.size.toLocaleString('en')} achievements × ${r.instances}`.padEnd(30)} ${`${r.oursMedianMs.toFixed(0)} / ${r.oursP95Ms.toFixed(0)}`.padStart(17)} ${`${r.greedyMedianMs.toFixed(0)} / ${r.greedyP95Ms.toFixed(0)}`.padStart(18)} ${`${r.costRatio.toFixed(3)}×`.padStart(18)} ${`${(100 * r.oursCoverage).toFixed(1)} % / ${(100 * r.greedyCoverage).toFixed(1)} %`.padStart(22)}   ${r.allOptimal ? 'all proven optimal' : 'NOT all optimal'}; greedy covered less in ${r.greedyCoveredLess}; input validation ${r.validationMedianMs.toFixed(0)} ms median`,
    );
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--instances');
  process.stdout.write(formatPathwayBench(await pathwayBench(at > 0 ? Number(process.argv[at + 1]) : 20)));
}
