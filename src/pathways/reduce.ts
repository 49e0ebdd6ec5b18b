import { AppError } from '../core/errors.js';
import type { ParsedPathwayInput } from './model.js';

/**
 * The catalogue as index arrays, its prerequisite graph checked (cycles are an
 * input error), and the planning model pre-reduced to what can matter:
 *
 * 1. achievements the learner holds are never chosen; they satisfy
 *    prerequisites, and the gap skills they teach count as covered already;
 * 2. an achievement whose prerequisites cannot be met (one is neither in the
 *    catalogue nor held) is unattainable, and so is everything needing it;
 * 3. an achievement that, with all its prerequisites, alone exceeds the budget
 *    or the hours limit can be in no feasible plan;
 * 4. only achievements that teach a remaining gap skill, and their
 *    prerequisites (transitively), stay;
 * 5. dominated achievements go: `a` is dominated by `b` when nothing left
 *    needs `a`, `b` teaches every gap skill `a` teaches, `b`'s prerequisites
 *    are all within `a`'s prerequisite closure (or held), and `b` is no dearer
 *    in price and in hours (ties broken by catalogue position). Replacing `a`
 *    by `b` in any plan keeps it feasible and no worse, so an optimum survives.
 */
export interface Catalogue {
  input: ParsedPathwayInput;
  n: number;
  ids: string[];
  index: Map<string, number>;
  held: boolean[];
  /** Direct prerequisites that are not held (indices), per achievement. */
  prereqs: number[][];
  /** A prerequisite id neither in the catalogue nor held, when there is one. */
  missingPrereq: (string | undefined)[];
  /** Non-held achievements, every prerequisite before what needs it. */
  topo: number[];
  topoPos: Int32Array;
  /** Prerequisites all attainable and present (transitively). */
  attainable: boolean[];
  cost: number[];
  price: number[];
  hours: number[];
  /** Gap skill indices each achievement teaches (deduplicated). */
  teaches: number[][];
  /** Non-held achievements teaching each gap skill. */
  teachers: number[][];
  weight: number[];
  coveredByHeld: boolean[];
}

export interface ReducedModel {
  cat: Catalogue;
  /** Candidate achievements (catalogue indices) in topological order. */
  cols: number[];
  colOf: Int32Array;
  /** Gap skills the model can still cover (not held, taught by a candidate). */
  skills: number[];
  /** Non-held prerequisite closure of each candidate (catalogue indices). */
  closure: Map<number, number[]>;
  /** Why a gap skill was dropped before solving (not taught, prerequisites missing, alone over a limit). */
  dropped: Map<number, { notTaught: boolean; prereqMissing: string[]; overBudget: boolean; overHours: boolean }>;
}

const EPS = 1e-9;
export const within = (value: number, limit: number | undefined) => limit === undefined || value <= limit + EPS * Math.max(1, Math.abs(limit));

/** Index arrays, prerequisite checks (cycles throw), topological order. */
export function buildCatalogue(input: ParsedPathwayInput): Catalogue {
  const n = input.achievements.length;
  const ids = input.achievements.map((a) => a.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const heldIds = new Set(input.held);
  const held = ids.map((id) => heldIds.has(id));
  const prereqs: number[][] = [];
  const missingPrereq: (string | undefined)[] = [];
  input.achievements.forEach((a, i) => {
    const list = new Set<number>();
    let missing: string | undefined;
    for (const p of a.prerequisites) {
      if (heldIds.has(p)) continue;
      const j = index.get(p);
      if (j === undefined) missing ??= p;
      else list.add(j);
    }
    prereqs.push(held[i] ? [] : [...list]);
    missingPrereq.push(held[i] ? undefined : missing);
  });

  // Iterative depth-first search: post-order is a topological order (prerequisites first).
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const topo: number[] = [];
  for (let s = 0; s < n; s++) {
    if (held[s] || state[s]) continue;
    const stack: [number, number][] = [[s, 0]];
    state[s] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [v, k] = top;
      const ps = prereqs[v]!;
      if (k < ps.length) {
        top[1]++;
        const p = ps[k]!;
        if (state[p] === 1) {
          const from = stack.findIndex(([u]) => u === p);
          const cycle = [...stack.slice(from).map(([u]) => ids[u]!), ids[p]!];
          throw new AppError('invalid_request', `Prerequisite cycle: ${cycle.join(' → ')} (each needs the next first).`, {
            errors: [{ path: `achievements[${v}].prerequisites`, message: `prerequisite cycle ${cycle.join(' → ')}` }],
          });
        }
        if (state[p] === 0) {
          state[p] = 1;
          stack.push([p, 0]);
        }
      } else {
        state[v] = 2;
        topo.push(v);
        stack.pop();
      }
    }
  }
  const topoPos = new Int32Array(n).fill(-1);
  topo.forEach((v, i) => (topoPos[v] = i));
  const attainable = new Array<boolean>(n).fill(false);
  for (const v of topo) attainable[v] = missingPrereq[v] === undefined && prereqs[v]!.every((p) => attainable[p]);

  const gapIndex = new Map(input.gap.map((g, i) => [g.uri, i]));
  const teaches = input.achievements.map((a) => [...new Set(a.skills.map((u) => gapIndex.get(u)).filter((g): g is number => g !== undefined))]);
  const teachers: number[][] = input.gap.map(() => []);
  const coveredByHeld = input.gap.map(() => false);
  teaches.forEach((gs, i) => {
    for (const g of gs) {
      if (held[i]) coveredByHeld[g] = true;
      else teachers[g]!.push(i);
    }
  });
  const { money, hours: perHour } = input.weights;
  return {
    input,
    n,
    ids,
    index,
    held,
    prereqs,
    missingPrereq,
    topo,
    topoPos,
    attainable,
    cost: input.achievements.map((a) => money * a.price + perHour * a.hours),
    price: input.achievements.map((a) => a.price),
    hours: input.achievements.map((a) => a.hours),
    teaches,
    teachers,
    weight: input.gap.map((g) => g.weight),
    coveredByHeld,
  };
}

/** Non-held prerequisite closure of `v` (not including `v`), memoised. */
function closureOf(cat: Catalogue, v: number, memo: Map<number, number[]>): number[] {
  const known = memo.get(v);
  if (known) return known;
  // Iterative, prerequisites first, so deep chains do not recurse.
  const order: number[] = [];
  const seen = new Set<number>([v]);
  const stack = [v];
  while (stack.length) {
    const u = stack.pop()!;
    order.push(u);
    for (const p of cat.prereqs[u]!) {
      if (!seen.has(p) && !memo.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  order.sort((a, b) => cat.topoPos[a]! - cat.topoPos[b]!);
  for (const u of order) {
    if (memo.has(u)) continue;
    const set = new Set<number>();
    for (const p of cat.prereqs[u]!) {
      set.add(p);
      for (const q of memo.get(p)!) set.add(q);
    }
    memo.set(u, [...set].sort((a, b) => cat.topoPos[a]! - cat.topoPos[b]!));
  }
  return memo.get(v)!;
}

export function reduce(cat: Catalogue): ReducedModel {
  const { budget, maxHours } = cat.input.constraints;
  const memo = new Map<number, number[]>();
  const dropped: ReducedModel['dropped'] = new Map();
  const sum = (arr: number[], v: number, xs: number[]) => xs.reduce((s, u) => s + arr[u]!, arr[v]!);

  // Teachers that can be in some feasible plan, per remaining gap skill.
  const feasible = new Map<number, boolean>();
  const canTake = (v: number) => {
    let ok = feasible.get(v);
    if (ok === undefined) {
      const cl = closureOf(cat, v, memo);
      ok = within(sum(cat.price, v, cl), budget) && within(sum(cat.hours, v, cl), maxHours);
      feasible.set(v, ok);
    }
    return ok;
  };
  const skills: number[] = [];
  const relevantTeachers = new Set<number>();
  cat.weight.forEach((_, g) => {
    if (cat.coveredByHeld[g]) return;
    const ts = cat.teachers[g]!;
    const good = ts.filter((v) => cat.attainable[v] && canTake(v));
    if (good.length === 0) {
      const reachable = ts.filter((v) => cat.attainable[v]);
      const missing = new Set<string>();
      for (const v of ts) if (!cat.attainable[v]) for (const u of [v, ...closureOf(cat, v, memo)]) if (cat.missingPrereq[u]) missing.add(cat.missingPrereq[u]!);
      dropped.set(g, {
        notTaught: ts.length === 0,
        prereqMissing: [...missing],
        overBudget: reachable.length > 0 && reachable.every((v) => !within(sum(cat.price, v, closureOf(cat, v, memo)), budget)),
        overHours: reachable.length > 0 && reachable.every((v) => !within(sum(cat.hours, v, closureOf(cat, v, memo)), maxHours)),
      });
      return;
    }
    skills.push(g);
    for (const v of good) relevantTeachers.add(v);
  });
  const modelSkill = new Set(skills);
  const gapTaught = (v: number) => cat.teaches[v]!.filter((g) => modelSkill.has(g));

  const candidates = (teachers: Iterable<number>) => {
    const set = new Set<number>();
    for (const v of teachers) {
      set.add(v);
      for (const p of closureOf(cat, v, memo)) set.add(p);
    }
    return set;
  };
  let kept = candidates(relevantTeachers);

  // Dominance (see above); only achievements nothing kept depends on can go.
  const needed = new Set<number>();
  for (const v of kept) for (const p of cat.prereqs[v]!) needed.add(p);
  const taught = new Map<number, Set<number>>();
  for (const v of kept) taught.set(v, new Set(gapTaught(v)));
  const dominated = new Set<number>();
  for (const a of kept) {
    if (needed.has(a)) continue;
    const ta = taught.get(a)!;
    if (ta.size === 0) {
      dominated.add(a); // teaches nothing left and nothing needs it
      continue;
    }
    const closA = new Set(closureOf(cat, a, memo));
    const first = ta.values().next().value!;
    for (const b of cat.teachers[first]!) {
      if (b === a || !kept.has(b)) continue;
      if (cat.price[b]! > cat.price[a]! || cat.hours[b]! > cat.hours[a]!) continue;
      const tb = taught.get(b)!;
      if (tb.size < ta.size) continue;
      let covers = true;
      for (const g of ta) if (!tb.has(g)) { covers = false; break; }
      if (!covers || !cat.prereqs[b]!.every((p) => closA.has(p))) continue;
      const strict = cat.price[b]! < cat.price[a]! || cat.hours[b]! < cat.hours[a]! || tb.size > ta.size || b < a;
      if (strict) {
        dominated.add(a);
        break;
      }
    }
  }
  if (dominated.size) kept = candidates([...relevantTeachers].filter((v) => !dominated.has(v)));

  const cols = [...kept].sort((a, b) => cat.topoPos[a]! - cat.topoPos[b]!);
  const colOf = new Int32Array(cat.n).fill(-1);
  cols.forEach((v, j) => (colOf[v] = j));
  const closure = new Map<number, number[]>();
  for (const v of cols) closure.set(v, closureOf(cat, v, memo));
  return { cat, cols, colOf, skills, closure, dropped };
}
