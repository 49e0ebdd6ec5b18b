import highsModule, { type Highs } from 'highs';
import type { ReducedModel } from './reduce.js';

/**
 * The integer program, solved with HiGHS (WebAssembly, loaded once per process).
 *
 * Columns: x_j ∈ {0,1} per candidate achievement, y_s ∈ [0,1] per gap skill
 * still coverable (continuous: with x integral, the optimum sets y_s = 1
 * exactly when a chosen achievement teaches s).
 *
 *   cover      y_s − Σ_{j teaches s} x_j ≤ 0
 *   prereq     x_j − x_p ≤ 0               for every non-held prerequisite p of j
 *   budget     Σ price_j x_j ≤ B            (when given)
 *   hours      Σ hours_j x_j ≤ H            (when given)
 *   no-good    Σ_{j ∈ S} x_j ≤ |S| − 1      (alternatives: not S nor a superset of S)
 *
 * Lexicographic objective by successive solves, never a big-M:
 *   F. No budget, no hours limit, no cuts: every coverable skill can be
 *      covered, so fix y_s ≥ 1 and minimise cost — one solve.
 *   1. Otherwise maximise Σ w_s y_s → C*;
 *   2. add Σ w_s y_s ≥ C* (or y_s ≥ 1 when C* is everything) and minimise cost.
 */

// highs ships an ES module (default export: the loader) and CommonJS types, so
// TypeScript sees the loader as `.default`; take whichever the runtime gives.
type Loader = (typeof import('highs'))['default'];
const loadHighs: Loader = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as Loader;

let loading: Promise<Highs> | undefined;
/** The HiGHS runtime, instantiated once and reused. */
export function highsRuntime(): Promise<Highs> {
  const p = (loading ??= loadHighs().catch((e: unknown) => {
    loading = undefined;
    throw e;
  }));
  return p;
}

interface Row {
  lower: number;
  upper: number;
  idx: number[];
  val: number[];
}

export interface MipResult {
  status: 'optimal' | 'infeasible' | 'limit' | 'error';
  /** Rounded chosen column indices (x only), when a solution exists. */
  chosen?: number[];
  colValue?: Float64Array;
  objective: number;
  /** HiGHS relative MIP gap (0 when optimal). */
  gap: number;
  /** Best bound HiGHS proved (dual bound). */
  bound: number;
}

export interface LexResult {
  /** Chosen candidate columns. */
  chosen: number[];
  /** Coverage proven maximal and cost proven minimal. */
  optimal: boolean;
  gap: number;
  /** A proven lower bound on the cost at the returned coverage (when coverage is proven maximal). */
  costBound?: number;
  /** A proven upper bound on coverable model weight. */
  coverageBound: number;
  solves: number;
}

/** Builds the base rows of the model; `cuts` are sets of columns to exclude (with their supersets). */
export function baseRows(rm: ReducedModel, cuts: number[][]): Row[] {
  const { cat, cols, colOf, skills } = rm;
  const m = cols.length;
  const rows: Row[] = [];
  skills.forEach((g, t) => {
    const idx = [m + t];
    const val = [1];
    for (const v of cat.teachers[g]!) {
      const j = colOf[v]!;
      if (j >= 0) {
        idx.push(j);
        val.push(-1);
      }
    }
    rows.push({ lower: -Infinity, upper: 0, idx, val });
  });
  cols.forEach((v, j) => {
    for (const p of cat.prereqs[v]!) rows.push({ lower: -Infinity, upper: 0, idx: [j, colOf[p]!], val: [1, -1] });
  });
  const { budget, maxHours } = cat.input.constraints;
  if (budget !== undefined) rows.push({ lower: -Infinity, upper: budget, idx: cols.map((_, j) => j), val: cols.map((v) => cat.price[v]!) });
  if (maxHours !== undefined) rows.push({ lower: -Infinity, upper: maxHours, idx: cols.map((_, j) => j), val: cols.map((v) => cat.hours[v]!) });
  for (const cut of cuts) rows.push({ lower: -Infinity, upper: cut.length - 1, idx: cut, val: cut.map(() => 1) });
  return rows;
}

/**
 * Solves the LP relaxation first: when its optimum has every x integral it is
 * also the integer optimum (proven), and branch-and-cut is skipped.
 */
export function runMip(
  h: Highs,
  rm: ReducedModel,
  spec: { rows: Row[]; sense: 'min' | 'max'; colCost: number[]; yLower: number; integer: boolean; start?: Float64Array },
  timeLimitSec: number,
): MipResult {
  if (spec.integer) {
    const lp = solveModel(h, rm, { ...spec, integer: false }, timeLimitSec);
    if (lp.status === 'infeasible') return lp;
    const m = rm.cols.length;
    if (lp.status === 'optimal' && lp.colValue && Array.from(lp.colValue.subarray(0, m)).every((v) => Math.abs(v - Math.round(v)) <= 1e-9)) return { ...lp, gap: 0 };
  }
  return solveModel(h, rm, spec, timeLimitSec);
}

function solveModel(
  h: Highs,
  rm: ReducedModel,
  spec: { rows: Row[]; sense: 'min' | 'max'; colCost: number[]; yLower: number; integer: boolean; start?: Float64Array },
  timeLimitSec: number,
): MipResult {
  const m = rm.cols.length;
  const k = rm.skills.length;
  const numCols = m + k;
  // HiGHS has nothing to solve in an empty model: the empty plan is its only solution.
  if (numCols === 0) return { status: 'optimal', chosen: [], colValue: new Float64Array(0), objective: 0, gap: 0, bound: 0 };
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of spec.rows) {
    // A coefficient HiGHS would drop (zero) must not leave a duplicate-free row malformed.
    r.idx.forEach((j, t) => {
      if (r.val[t] !== 0) {
        indices.push(j);
        values.push(r.val[t]!);
      }
    });
    starts.push(indices.length);
  }
  const inf = h.infinity;
  const model = h.createModel({
    numCols,
    numRows: spec.rows.length,
    sense: spec.sense === 'min' ? h.constants.objectiveSense.minimize : h.constants.objectiveSense.maximize,
    colCost: spec.colCost,
    colLower: [...new Array<number>(m).fill(0), ...new Array<number>(k).fill(spec.yLower)],
    colUpper: new Array<number>(numCols).fill(1),
    rowLower: spec.rows.map((r) => (r.lower === -Infinity ? -inf : r.lower)),
    rowUpper: spec.rows.map((r) => (r.upper === Infinity ? inf : r.upper)),
    matrix: { format: 'csr', numRows: spec.rows.length, numCols, starts, indices, values },
    integrality: spec.integer ? [...new Array<number>(m).fill(h.constants.variableType.integer), ...new Array<number>(k).fill(h.constants.variableType.continuous)] as (0 | 1)[] : undefined,
  });
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.01, timeLimitSec), mip_rel_gap: 0, mip_abs_gap: 1e-9 });
    if (spec.start) model.setSolution({ colValue: spec.start });
    model.run();
    const status = model.getModelStatus();
    const S = h.constants.modelStatus;
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    const gapInfo = spec.integer ? Number(model.info.get('mip_gap')) : 0;
    const bound = spec.integer ? Number(model.info.get('mip_dual_bound')) : model.getObjectiveValue();
    const mapped: MipResult['status'] =
      status === S.optimal ? 'optimal' : status === S.infeasible ? 'infeasible' : status === S.timeLimit || status === S.interrupted || status === S.iterationLimit ? 'limit' : status === S.empty ? 'optimal' : 'error';
    if (!hasSolution && mapped !== 'optimal') return { status: mapped, objective: NaN, gap: Infinity, bound };
    const colValue = model.getSolution().colValue;
    const chosen: number[] = [];
    for (let j = 0; j < m; j++) if (colValue[j]! > 0.5) chosen.push(j);
    return { status: mapped, chosen, colValue, objective: model.getObjectiveValue(), gap: mapped === 'optimal' ? 0 : Number.isFinite(gapInfo) ? gapInfo : Infinity, bound };
  } finally {
    model.dispose();
  }
}

/** Σ weight of model skills covered by the chosen columns. */
export function coverageOf(rm: ReducedModel, chosen: number[]): number {
  const covered = new Set<number>();
  for (const j of chosen) for (const g of rm.cat.teaches[rm.cols[j]!]!) covered.add(g);
  return rm.skills.reduce((s, g) => s + (covered.has(g) ? rm.cat.weight[g]! : 0), 0);
}

export function costOf(rm: ReducedModel, chosen: number[]): number {
  return chosen.reduce((s, j) => s + rm.cat.cost[rm.cols[j]!]!, 0);
}

/**
 * The lexicographic optimum (most weighted coverage, then least cost) under
 * `cuts`; undefined when HiGHS found no solution in time or the cuts leave none.
 */
export async function solveLexicographic(rm: ReducedModel, cuts: number[][], deadline: number): Promise<LexResult | undefined> {
  const h = await highsRuntime();
  const { cat, cols, skills } = rm;
  const m = cols.length;
  const k = skills.length;
  const total = skills.reduce((s, g) => s + cat.weight[g]!, 0);
  const costs = [...cols.map((v) => cat.cost[v]!), ...new Array<number>(k).fill(0)];
  const left = () => (deadline - performance.now()) / 1000;
  const rows = baseRows(rm, cuts);
  let solves = 0;

  // Nothing left to cover: the empty plan is the only sensible one.
  if (k === 0) return cuts.length ? undefined : { chosen: [], optimal: true, gap: 0, costBound: 0, coverageBound: 0, solves };

  // F: with no budget, no hours limit and no cuts, everything coverable can be covered: one solve.
  const { budget, maxHours } = cat.input.constraints;
  if (budget === undefined && maxHours === undefined && cuts.length === 0) {
    const full = runMip(h, rm, { rows, sense: 'min', colCost: costs, yLower: 1, integer: true }, left());
    solves++;
    if (!full.chosen) return undefined;
    return { chosen: full.chosen, optimal: full.status === 'optimal', gap: full.gap, costBound: full.bound, coverageBound: total, solves };
  }

  // 1: the most weighted coverage.
  const cover = runMip(h, rm, { rows, sense: 'max', colCost: [...new Array<number>(m).fill(0), ...skills.map((g) => cat.weight[g]!)], yLower: 0, integer: true }, left());
  solves++;
  if (!cover.chosen) return undefined;
  const c1 = coverageOf(rm, cover.chosen);
  const coverageBound = Math.min(total, cover.status === 'optimal' ? c1 : cover.bound);
  if (cover.status !== 'optimal') {
    const gap = coverageBound > 0 ? (coverageBound - c1) / coverageBound : 0;
    return { chosen: cover.chosen, optimal: false, gap, coverageBound, solves };
  }

  // 2: least cost at that coverage (the stage-1 plan is a feasible start).
  // When all of it is covered, that is plain y_s ≥ 1 (a tighter model than the weighted row).
  const tol = 1e-9 * Math.max(1, c1);
  const all = c1 >= total - tol;
  const withCoverage = all ? rows : [...rows, { lower: c1 - tol, upper: Infinity, idx: skills.map((_, t) => m + t), val: skills.map((g) => cat.weight[g]!) }];
  const cheap = runMip(h, rm, { rows: withCoverage, sense: 'min', colCost: costs, yLower: all ? 1 : 0, integer: true, start: all ? undefined : cover.colValue }, left());
  solves++;
  const candidates: { chosen: number[]; optimal: boolean; gap: number; bound?: number }[] = [{ chosen: cover.chosen, optimal: false, gap: Infinity }];
  if (cheap.chosen) candidates.unshift({ chosen: cheap.chosen, optimal: cheap.status === 'optimal', gap: cheap.gap, bound: cheap.bound });
  // Keep whichever is lexicographically better when recomputed exactly (guards solver tolerances).
  const score = (c: number[]) => ({ w: coverageOf(rm, c), cost: costOf(rm, c) });
  candidates.sort((a, b) => {
    const sa = score(a.chosen);
    const sb = score(b.chosen);
    if (Math.abs(sa.w - sb.w) > tol) return sb.w - sa.w;
    return sa.cost - sb.cost;
  });
  const best = candidates[0]!;
  const bestCost = costOf(rm, best.chosen);
  const gap = best.optimal ? 0 : best.bound !== undefined && bestCost > 0 ? Math.max(0, (bestCost - best.bound) / bestCost) : bestCost > 0 ? 1 : 0;
  return { chosen: best.chosen, optimal: best.optimal, gap, costBound: best.bound, coverageBound, solves };
}

/**
 * LP-relaxation bounds for the heuristic: an upper bound on coverable weight,
 * and a lower bound on cost at coverage `atCoverage`.
 */
export async function relaxationBounds(rm: ReducedModel, atCoverage: number | undefined, deadline: number): Promise<{ coverage?: number; cost?: number }> {
  const h = await highsRuntime();
  const { cat, cols, skills } = rm;
  const m = cols.length;
  const rows = baseRows(rm, []);
  const out: { coverage?: number; cost?: number } = {};
  const left = () => (deadline - performance.now()) / 1000;
  if (left() <= 0) return out;
  const cover = runMip(h, rm, { rows, sense: 'max', colCost: [...new Array<number>(m).fill(0), ...skills.map((g) => cat.weight[g]!)], yLower: 0, integer: false }, left());
  if (cover.status === 'optimal') out.coverage = cover.objective;
  if (atCoverage === undefined || left() <= 0) return out;
  const costs = [...cols.map((v) => cat.cost[v]!), ...new Array<number>(skills.length).fill(0)];
  const tol = 1e-9 * Math.max(1, atCoverage);
  const withCoverage = [...rows, { lower: atCoverage - tol, upper: Infinity, idx: skills.map((_, t) => m + t), val: skills.map((g) => cat.weight[g]!) }];
  const cost = runMip(h, rm, { rows: withCoverage, sense: 'min', colCost: costs, yLower: 0, integer: false }, left());
  if (cost.status === 'optimal') out.cost = cost.objective;
  return out;
}
