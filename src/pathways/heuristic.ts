import { within, type ReducedModel } from './reduce.js';

/**
 * Greedy weighted set cover with prerequisites, and a local improvement on
 * top. Plans here are sets of candidate columns of a `ReducedModel`; taking a
 * column always takes its whole prerequisite closure.
 *
 * Greedy: repeatedly take the achievement whose (not yet chosen) closure adds
 * the most uncovered gap weight per unit of added cost, among those that fit
 * the budget and hours left, until nothing fitting adds coverage.
 * Local improvement: drop redundant achievements; then, while it helps,
 * (a) remove one chosen achievement (and what needs it), ban it and complete
 * greedily, (b) force one unchosen achievement in, drop what became redundant
 * and complete greedily — keeping a change only when it is lexicographically
 * better (more weighted coverage, or as much for less cost).
 */

export interface Score {
  weight: number;
  cost: number;
}

export function better(a: Score, b: Score, total: number): boolean {
  const tol = 1e-9 * Math.max(1, total);
  if (a.weight > b.weight + tol) return true;
  if (a.weight < b.weight - tol) return false;
  return a.cost < b.cost - 1e-9 * Math.max(1, Math.abs(b.cost));
}

export class PlanSpace {
  readonly m: number;
  readonly total: number;
  /** Model skill positions taught by each column. */
  readonly teach: number[][];
  /** Closure of each column, as column indices. */
  readonly closure: number[][];
  /** Columns needing each column directly. */
  readonly dependents: number[][];
  readonly cost: number[];
  readonly price: number[];
  readonly hours: number[];
  readonly weight: number[];

  constructor(readonly rm: ReducedModel) {
    const { cat, cols, colOf, skills } = rm;
    this.m = cols.length;
    const pos = new Map(skills.map((g, t) => [g, t]));
    this.teach = cols.map((v) => cat.teaches[v]!.map((g) => pos.get(g)).filter((t): t is number => t !== undefined));
    this.closure = cols.map((v) => rm.closure.get(v)!.map((u) => colOf[u]!));
    this.dependents = cols.map(() => []);
    cols.forEach((v, j) => {
      for (const p of cat.prereqs[v]!) this.dependents[colOf[p]!]!.push(j);
    });
    this.cost = cols.map((v) => cat.cost[v]!);
    this.price = cols.map((v) => cat.price[v]!);
    this.hours = cols.map((v) => cat.hours[v]!);
    this.weight = skills.map((g) => cat.weight[g]!);
    this.total = this.weight.reduce((s, w) => s + w, 0);
  }

  score(plan: Iterable<number>): Score {
    const covered = new Uint8Array(this.weight.length);
    let cost = 0;
    for (const j of plan) {
      cost += this.cost[j]!;
      for (const t of this.teach[j]!) covered[t] = 1;
    }
    let weight = 0;
    covered.forEach((c, t) => (weight += c ? this.weight[t]! : 0));
    return { weight, cost };
  }

  /** Greedy completion of `start` (closed under prerequisites), never taking `banned`. */
  greedy(start: Iterable<number> = [], banned: ReadonlySet<number> = new Set()): Set<number> {
    const { budget, maxHours } = this.rm.cat.input.constraints;
    const chosen = new Set(start);
    const covered = new Uint8Array(this.weight.length);
    let price = 0;
    let hours = 0;
    for (const j of chosen) {
      price += this.price[j]!;
      hours += this.hours[j]!;
      for (const t of this.teach[j]!) covered[t] = 1;
    }
    const blocked = new Uint8Array(this.m);
    for (let j = 0; j < this.m; j++) if (banned.has(j) || this.closure[j]!.some((p) => banned.has(p))) blocked[j] = 1;
    const seen = new Int32Array(this.weight.length).fill(-1);
    for (;;) {
      let best = -1;
      let bestGain = 0;
      let bestRatio = -1;
      let bestCost = Infinity;
      for (let j = 0; j < this.m; j++) {
        if (blocked[j] || chosen.has(j)) continue;
        let gain = 0;
        let mc = 0;
        let mp = 0;
        let mh = 0;
        const take = (u: number) => {
          if (chosen.has(u)) return;
          mc += this.cost[u]!;
          mp += this.price[u]!;
          mh += this.hours[u]!;
          for (const t of this.teach[u]!) {
            if (!covered[t] && seen[t] !== j) {
              seen[t] = j;
              gain += this.weight[t]!;
            }
          }
        };
        take(j);
        for (const u of this.closure[j]!) take(u);
        if (gain <= 0 || !within(price + mp, budget) || !within(hours + mh, maxHours)) continue;
        const ratio = mc > 0 ? gain / mc : Infinity;
        if (ratio > bestRatio || (ratio === bestRatio && (gain > bestGain || (gain === bestGain && mc < bestCost)))) {
          best = j;
          bestGain = gain;
          bestRatio = ratio;
          bestCost = mc;
        }
      }
      if (best < 0) return chosen;
      for (const u of [best, ...this.closure[best]!]) {
        if (chosen.has(u)) continue;
        chosen.add(u);
        price += this.price[u]!;
        hours += this.hours[u]!;
        for (const t of this.teach[u]!) covered[t] = 1;
      }
    }
  }

  /** Drops achievements that cover nothing no other chosen one covers and that nothing chosen needs, dearest first. */
  prune(plan: Set<number>): Set<number> {
    const out = new Set(plan);
    const count = new Int32Array(this.weight.length);
    for (const j of out) for (const t of this.teach[j]!) count[t]!++;
    const order = [...out].sort((a, b) => this.cost[b]! - this.cost[a]! || b - a);
    let changed = true;
    while (changed) {
      changed = false;
      for (const j of order) {
        if (!out.has(j)) continue;
        if (this.dependents[j]!.some((d) => out.has(d))) continue;
        if (this.teach[j]!.some((t) => count[t] === 1)) continue;
        out.delete(j);
        for (const t of this.teach[j]!) count[t]!--;
        changed = true;
      }
    }
    return out;
  }

  /** `plan` without `j` and without everything in it that needs `j` (transitively). */
  without(plan: Set<number>, j: number): Set<number> {
    const out = new Set(plan);
    const stack = [j];
    while (stack.length) {
      const u = stack.pop()!;
      if (!out.delete(u)) continue;
      for (const d of this.dependents[u]!) if (out.has(d)) stack.push(d);
    }
    return out;
  }

  fits(plan: Iterable<number>): boolean {
    const { budget, maxHours } = this.rm.cat.input.constraints;
    let price = 0;
    let hours = 0;
    for (const j of plan) {
      price += this.price[j]!;
      hours += this.hours[j]!;
    }
    return within(price, budget) && within(hours, maxHours);
  }

  /** Greedy, then local improvement until no move helps or the deadline passes. */
  improve(start: Set<number>, deadline: number, banned: ReadonlySet<number> = new Set()): Set<number> {
    let best = this.prune(start);
    let bestScore = this.score(best);
    let improved = true;
    while (improved && performance.now() < deadline) {
      improved = false;
      // (a) remove one, ban it, complete.
      for (const j of [...best].sort((a, b) => this.cost[b]! - this.cost[a]!)) {
        if (performance.now() >= deadline) break;
        const ban = new Set(banned).add(j);
        const cand = this.prune(this.greedy(this.without(best, j), ban));
        const s = this.score(cand);
        if (better(s, bestScore, this.total)) {
          best = cand;
          bestScore = s;
          improved = true;
          break;
        }
      }
      if (improved) continue;
      // (b) force one in, prune, complete.
      for (let j = 0; j < this.m && performance.now() < deadline; j++) {
        if (best.has(j) || banned.has(j) || this.closure[j]!.some((p) => banned.has(p))) continue;
        const forced = new Set(best).add(j);
        for (const p of this.closure[j]!) forced.add(p);
        if (!this.fits(forced)) continue;
        const cand = this.prune(this.greedy(this.prune(forced), banned));
        const s = this.score(cand);
        if (better(s, bestScore, this.total)) {
          best = cand;
          bestScore = s;
          improved = true;
          break;
        }
      }
    }
    return best;
  }
}
