import { PlanSpace } from './heuristic.js';
import { parsePathwayInput, type ParsedPathwayInput, type PathwayPlan, type PlanOptions, type PlanStep, type PlanSummary, type UncoveredReason } from './model.js';
import { buildCatalogue, reduce, within, type Catalogue, type ReducedModel } from './reduce.js';
import { relaxationBounds, solveLexicographic } from './solver.js';

/**
 * The exact pathway planner (issue #7 item 3). Chooses and orders the
 * achievements that cover the most weighted gap and, among those, cost the
 * least (cost = Σ weights.money × price + weights.hours × hours), honouring
 * prerequisites, the budget and the hours limit. See docs/PATHWAYS.md.
 */

const DEFAULTS = { alternatives: 2, timeLimitMs: 10_000, method: 'auto', exactMaxColumns: 50_000 } as const;

const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const num = (x: number) => String(Math.round(x * 100) / 100);

function labelOf(cat: Catalogue, g: number): string {
  const uri = cat.input.gap[g]!.uri;
  return cat.input.labels?.[uri] ?? uri;
}
function nameOf(cat: Catalogue, v: number): string {
  return cat.input.achievements[v]!.name ?? cat.ids[v]!;
}

/** Order, totals, coverage and step explanations of a set of catalogue indices. */
function summarise(cat: Catalogue, chosen: number[]): PlanSummary & { steps: PlanStep[] } {
  const order = [...chosen].sort((a, b) => cat.topoPos[a]! - cat.topoPos[b]!);
  const inPlan = new Set(order);
  const covered = new Set<number>();
  cat.coveredByHeld.forEach((c, g) => c && covered.add(g));
  for (const v of order) for (const g of cat.teaches[v]!) covered.add(g);
  const step = new Map(order.map((v, i) => [v, i + 1]));
  const requiredBy = new Map<number, number[]>();
  for (const v of order) for (const p of cat.prereqs[v]!) if (inPlan.has(p)) requiredBy.set(p, [...(requiredBy.get(p) ?? []), v]);
  const steps: PlanStep[] = order.map((v, i) => {
    const a = cat.input.achievements[v]!;
    const covers = cat.teaches[v]!.filter((g) => !cat.coveredByHeld[g]);
    const needs = cat.prereqs[v]!.filter((p) => inPlan.has(p)).sort((x, y) => step.get(x)! - step.get(y)!);
    const held = a.prerequisites.filter((p) => cat.index.has(p) ? cat.held[cat.index.get(p)!] : cat.input.held.includes(p));
    const later = requiredBy.get(v) ?? [];
    const parts = [covers.length ? `covers ${list(covers.map((g) => labelOf(cat, g)))}` : 'teaches no gap skill itself'];
    if (needs.length) parts.push(`needs ${list(needs.map((p) => `${nameOf(cat, p)} (step ${step.get(p)})`))} first`);
    if (held.length) parts.push(`builds on ${list(held.map((p) => (cat.index.has(p) ? nameOf(cat, cat.index.get(p)!) : p)))}, already held`);
    if (later.length) parts.push(`required before ${list(later.map((d) => `${nameOf(cat, d)} (step ${step.get(d)})`))}`);
    return {
      id: cat.ids[v]!,
      price: a.price,
      hours: a.hours,
      cost: cat.cost[v]!,
      covers: covers.map((g) => cat.input.gap[g]!.uri),
      needs: needs.map((p) => cat.ids[p]!),
      held,
      requiredBy: later.map((d) => cat.ids[d]!),
      text: `Step ${i + 1}: ${nameOf(cat, v)} (price ${num(a.price)}, ${num(a.hours)} h) ${parts.join('; ')}.`,
    };
  });
  const gapUris = cat.input.gap.map((g) => g.uri);
  return {
    achievements: order.map((v) => cat.ids[v]!),
    cost: order.reduce((s, v) => s + cat.cost[v]!, 0),
    price: order.reduce((s, v) => s + cat.price[v]!, 0),
    hours: order.reduce((s, v) => s + cat.hours[v]!, 0),
    covered: gapUris.filter((_, g) => covered.has(g)),
    uncovered: gapUris.filter((_, g) => !covered.has(g)),
    coveredWeight: cat.weight.reduce((s, w, g) => s + (covered.has(g) ? w : 0), 0),
    totalWeight: cat.weight.reduce((s, w) => s + w, 0),
    steps,
  };
}

/** Why each uncovered gap skill is not covered by `chosen`. */
function explainUncovered(rm: ReducedModel, chosen: number[], optimal: boolean): UncoveredReason[] {
  const { cat } = rm;
  const { budget, maxHours } = cat.input.constraints;
  const inPlan = new Set(chosen);
  const covered = new Set<number>();
  for (const v of chosen) for (const g of cat.teaches[v]!) covered.add(g);
  const planPrice = chosen.reduce((s, v) => s + cat.price[v]!, 0);
  const planHours = chosen.reduce((s, v) => s + cat.hours[v]!, 0);
  const out: UncoveredReason[] = [];
  cat.input.gap.forEach((gs, g) => {
    if (covered.has(g) || cat.coveredByHeld[g]) return;
    const label = cat.input.labels?.[gs.uri];
    const push = (kind: UncoveredReason['kind'], reason: string) => out.push({ uri: gs.uri, ...(label ? { label } : {}), kind, reason });
    const d = rm.dropped.get(g);
    if (d) {
      const attainable = cat.teachers[g]!.filter((v) => cat.attainable[v]);
      if (d.notTaught) return push('not_taught', 'no achievement in the catalogue teaches it');
      if (attainable.length === 0) return push('prerequisites_missing', `the achievements teaching it need prerequisites that are neither in the catalogue nor held (${list(d.prereqMissing)})`);
      const price = Math.min(...attainable.map((v) => cat.price[v]! + (rm.closure.get(v) ?? closureFallback(cat, v)).reduce((s, u) => s + cat.price[u]!, 0)));
      const hours = Math.min(...attainable.map((v) => cat.hours[v]! + (rm.closure.get(v) ?? closureFallback(cat, v)).reduce((s, u) => s + cat.hours[u]!, 0)));
      if (d.overBudget && d.overHours) return push('over_budget_and_hours', `every achievement teaching it, with its prerequisites, costs more than the budget of ${num(budget!)} (cheapest ${num(price)}) and takes more than the ${num(maxHours!)} hours allowed (shortest ${num(hours)} h)`);
      if (d.overBudget) return push('over_budget', `every achievement teaching it, with its prerequisites, costs more than the budget of ${num(budget!)} (cheapest ${num(price)})`);
      if (d.overHours) return push('over_hours', `every achievement teaching it, with its prerequisites, takes more than the ${num(maxHours!)} hours allowed (shortest ${num(hours)} h)`);
      return push('over_budget_and_hours', 'each achievement teaching it, with its prerequisites, alone exceeds either the budget or the hours allowed');
    }
    if (cat.weight[g] === 0) return push('zero_weight', 'its weight is 0, so covering it is not worth any cost');
    // Coverable alone: what adding the cheapest way to cover it would do to the plan.
    let best: { v: number; extra: number[]; price: number; hours: number; cost: number; fits: boolean } | undefined;
    for (const v of cat.teachers[g]!) {
      if (rm.colOf[v]! < 0 && !cat.attainable[v]) continue;
      const extra = [...(rm.closure.get(v) ?? closureFallback(cat, v)), v].filter((u) => !inPlan.has(u));
      const price = extra.reduce((s, u) => s + cat.price[u]!, 0);
      const hours = extra.reduce((s, u) => s + cat.hours[u]!, 0);
      const cost = extra.reduce((s, u) => s + cat.cost[u]!, 0);
      const fits = within(planPrice + price, budget) && within(planHours + hours, maxHours);
      if (!best || (fits && !best.fits) || (fits === best.fits && cost < best.cost)) best = { v, extra, price, hours, cost, fits };
    }
    if (!best) return push('not_taught', 'no achievement in the catalogue teaches it');
    const how = `${nameOf(cat, best.v)}${best.extra.length > 1 ? ` with ${list(best.extra.filter((u) => u !== best.v).map((u) => nameOf(cat, u)))}` : ''}`;
    if (best.fits) return push('time_limit', `${how} would cover it within the limits; this plan is not proven optimal (the solver stopped at its time limit)`);
    const overB = !within(planPrice + best.price, budget);
    const overH = !within(planHours + best.hours, maxHours);
    const what = [
      overB ? `the budget (${num(planPrice)} + ${num(best.price)} > ${num(budget!)})` : '',
      overH ? `the hours allowed (${num(planHours)} + ${num(best.hours)} > ${num(maxHours!)})` : '',
    ].filter(Boolean);
    push(overB && overH ? 'over_budget_and_hours' : overB ? 'over_budget' : 'over_hours', `covering it as well, most cheaply with ${how}, would exceed ${list(what)}; the plan spends ${optimal ? 'the limits on more heavily weighted skills' : 'the limits elsewhere'}`);
  });
  return out;
}

function closureFallback(cat: Catalogue, v: number): number[] {
  const seen = new Set<number>();
  const stack = [...cat.prereqs[v]!];
  while (stack.length) {
    const u = stack.pop()!;
    if (seen.has(u)) continue;
    seen.add(u);
    stack.push(...cat.prereqs[u]!);
  }
  return [...seen];
}

/**
 * Plans a pathway. `input` is validated (an `invalid_request` AppError names
 * each bad field; a prerequisite cycle is one too).
 */
export async function planPathway(input: unknown, options: PlanOptions = {}): Promise<PathwayPlan> {
  return planValidated(parsePathwayInput(input), options);
}

/** `planPathway` on input already validated by `parsePathwayInput` (e.g. at an API edge). */
export async function planValidated(input: ParsedPathwayInput, options: PlanOptions = {}): Promise<PathwayPlan> {
  const t0 = performance.now();
  const opts = { ...DEFAULTS, ...options };
  const deadline = t0 + opts.timeLimitMs;
  const cat = buildCatalogue(input);
  const rm = reduce(cat);
  const space = new PlanSpace(rm);
  const toCat = (cols: Iterable<number>) => [...cols].map((j) => rm.cols[j]!);
  const useExact = opts.method === 'exact' || (opts.method === 'auto' && rm.cols.length <= opts.exactMaxColumns);

  let chosen: Set<number> | undefined;
  let optimal = false;
  let gap = 1;
  let method: PathwayPlan['method'] = 'exact';
  let solves = 0;
  const alternatives: Set<number>[] = [];

  if (useExact) {
    const lex = await solveLexicographic(rm, [], t0 + opts.timeLimitMs * 0.7);
    if (lex) {
      solves += lex.solves;
      chosen = space.prune(new Set(lex.chosen));
      optimal = lex.optimal;
      gap = lex.gap;
      const cuts = [[...chosen]];
      for (let i = 0; i < opts.alternatives && cuts[cuts.length - 1]!.length > 0 && performance.now() < deadline; i++) {
        const alt = await solveLexicographic(rm, cuts, performance.now() + (deadline - performance.now()) / (opts.alternatives - i));
        if (!alt) break;
        solves += alt.solves;
        const plan = space.prune(new Set(alt.chosen));
        if (plan.size === 0) break;
        alternatives.push(plan);
        cuts.push([...plan]);
      }
    }
  }
  if (!chosen) {
    // Heuristic: above the exact size limit, or when HiGHS found no plan in time.
    method = 'heuristic';
    const heurDeadline = Math.max(deadline - opts.timeLimitMs * 0.15, performance.now() + 50);
    chosen = space.improve(space.greedy(), heurDeadline);
    const s = space.score(chosen);
    const bounds = await relaxationBounds(rm, s.weight, deadline);
    const coverageBound = Math.min(space.total, bounds.coverage ?? space.total);
    const tol = 1e-9 * Math.max(1, space.total);
    if (s.weight < coverageBound - tol) gap = (coverageBound - s.weight) / coverageBound;
    else if (s.cost <= 1e-12) gap = 0;
    else gap = bounds.cost !== undefined ? Math.max(0, (s.cost - bounds.cost) / s.cost) : 1;
    if (gap <= 1e-9) {
      gap = 0;
      optimal = true;
    }
    // Alternatives: ban one achievement of the plan at a time (dearest first) and improve.
    const seen = new Set<string>([[...chosen].sort().join(',')]);
    const found: Set<number>[] = [];
    for (const j of [...chosen].sort((a, b) => space.cost[b]! - space.cost[a]!).slice(0, 6)) {
      if (performance.now() >= deadline || opts.alternatives === 0) break;
      const ban = new Set([j]);
      const alt = space.improve(space.greedy(space.without(chosen, j), ban), Math.min(deadline, performance.now() + 200), ban);
      const key = [...alt].sort().join(',');
      if (alt.size && !seen.has(key)) {
        seen.add(key);
        found.push(alt);
      }
    }
    found.sort((a, b) => {
      const sa = space.score(a);
      const sb = space.score(b);
      return sb.weight - sa.weight || sa.cost - sb.cost;
    });
    alternatives.push(...found.slice(0, opts.alternatives));
  }

  const best = summarise(cat, toCat(chosen));
  const uncoveredReasons = explainUncovered(rm, toCat(chosen), optimal);
  const explanation = [
    ...best.steps.map((s) => s.text),
    ...uncoveredReasons.map((r) => `Not covered: ${r.label ?? r.uri} — ${r.reason}.`),
  ];
  if (best.steps.length === 0 && uncoveredReasons.length === 0) explanation.push('Nothing to do: the learner already covers the whole gap.');
  return {
    ...best,
    optimal,
    gap,
    method,
    explanation,
    uncoveredReasons,
    alternatives: alternatives.map((a) => summarise(cat, toCat(a))),
    stats: { catalogue: cat.n, candidates: rm.cols.length, gapSkills: cat.input.gap.length, modelSkills: rm.skills.length, solves, ms: performance.now() - t0 },
  };
}
