/**
 * What both training scripts (skills and titles) estimate: for each word stem,
 * the labels (ESCO URIs) it comes with, weighted P(label | stem) with add-alpha
 * shrinkage towards 0 — a stem seen once says little, a stem that nearly always
 * comes with a label says much. Labels are numbered in order of first use.
 */

export class LabelIndex {
  readonly labels: string[] = [];
  private readonly index = new Map<string, number>();

  idx(label: string): number {
    let i = this.index.get(label);
    if (i === undefined) {
      i = this.labels.length;
      this.labels.push(label);
      this.index.set(label, i);
    }
    return i;
  }
}

export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export interface AssociationOptions {
  alpha: number;
  /** Pairs seen fewer times are dropped. */
  minCount: number;
  /** At most this many labels per stem, strongest first. */
  perStem: number;
}

/** stem → [[label index, weight]], stems in sorted order; every example counts once per distinct stem. */
export function stemAssociations(
  examples: Iterable<{ stems: Iterable<string>; labels: readonly string[] }>,
  opts: AssociationOptions,
  labels: LabelIndex,
): Record<string, [number, number][]> {
  const stemCount = new Map<string, number>();
  const pairCount = new Map<string, Map<string, number>>();
  for (const e of examples) {
    for (const st of new Set(e.stems)) {
      stemCount.set(st, (stemCount.get(st) ?? 0) + 1);
      let m = pairCount.get(st);
      if (!m) pairCount.set(st, (m = new Map()));
      for (const u of e.labels) m.set(u, (m.get(u) ?? 0) + 1);
    }
  }
  const weights: Record<string, [number, number][]> = {};
  for (const st of [...pairCount.keys()].sort()) {
    const n = stemCount.get(st)!;
    const pairs = [...pairCount.get(st)!]
      .filter(([, c]) => c >= opts.minCount)
      .map(([u, c]) => [u, c / (n + opts.alpha)] as const)
      .filter(([, w]) => w >= 0.02)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, opts.perStem);
    if (pairs.length) weights[st] = pairs.map(([u, w]) => [labels.idx(u), round4(w)]);
  }
  return weights;
}
