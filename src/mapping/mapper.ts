import type { MapperState } from './state.js';
import { tokenize, type Token } from '../taxonomy/index.js';

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface SkillMatch {
  uri: string;
  label: string;
  score: number;
  evidence: Span[];
}

/** Weights of the score's parts; the defaults were tuned on the benchmark dev/validation splits (docs/SKILLS-EVALUATION.md). */
export interface MapperParams {
  /** Label coverage is raised to this power: partial matches fade fast. */
  coveragePower: number;
  /** Matched IDF mass at which a label match counts half: single common words count little. */
  massHalf: number;
  /** Bonus factor when a whole multiword label occurs contiguously. */
  phraseBonus: number;
  /** Bonus factor for the preferred label over alternatives. */
  preferredBonus: number;
  label: number;
  doc: number;
  learned: number;
  /** Weight of co-occurrence in occupation profiles among the top candidates. */
  coherence: number;
  /** Share of a skill's other segment scores added to its best one, in long texts. */
  spread: number;
  /** A candidate's score is multiplied by 1 + prior × its learned prior (0–1). */
  prior: number;
}

export const DEFAULT_PARAMS: MapperParams = {
  coveragePower: 2,
  massHalf: 4,
  phraseBonus: 0.3,
  preferredBonus: 0.1,
  label: 1,
  doc: 0.6,
  learned: 0.5,
  coherence: 0.15,
  spread: 0.2,
  prior: 0,
};

interface Candidate {
  skill: number;
  score: number;
  /** Token indexes (into the segment's tokens) that support the match. */
  support: number[];
}

const MAX_SEGMENT_TOKENS = 48;
const EVIDENCE_SHARE = 0.5;
const COHERENCE_POOL = 30;

export class SkillMapper {
  constructor(
    readonly state: MapperState,
    readonly params: MapperParams = DEFAULT_PARAMS,
  ) {}

  /**
   * Ranks taxonomy skills for a text. Long texts are cut into sentences and
   * lines; each skill keeps its best segment plus a share of the others, and
   * its evidence spans come from the segments that support it.
   */
  extract(text: string, opts: { top?: number } = {}): SkillMatch[] {
    const top = opts.top ?? 10;
    const all = tokenize(text);
    const total = new Map<number, { best: number; sum: number; hits: { score: number; spans: Span[] }[] }>();
    for (const seg of segments(text, all)) {
      for (const c of this.scoreSegment(seg)) {
        const t = total.get(c.skill) ?? { best: 0, sum: 0, hits: [] };
        t.best = Math.max(t.best, c.score);
        t.sum += c.score;
        t.hits.push({ score: c.score, spans: spansOf(text, seg, c.support) });
        total.set(c.skill, t);
      }
    }
    return [...total]
      // Evidence comes from the segments that really support the skill, not from weak partial matches elsewhere.
      .map(([k, t]) => ({ k, score: t.best + this.params.spread * (t.sum - t.best), spans: t.hits.filter((h) => h.score >= EVIDENCE_SHARE * t.best).flatMap((h) => h.spans) }))
      .sort((a, b) => b.score - a.score || a.k - b.k)
      .slice(0, top)
      .map(({ k, score, spans }) => ({
        uri: this.state.skills[k]!.uri,
        label: this.state.skills[k]!.label,
        score: Math.round(score * 1e4) / 1e4,
        evidence: spans.sort((a, b) => a.start - b.start).slice(0, 5),
      }));
  }

  private scoreSegment(tokens: Token[]): Candidate[] {
    const s = this.state;
    const p = this.params;
    const vocab = this.vocabIndex();
    const ids = tokens.map((t) => (t.stop ? -1 : (vocab.get(t.stem) ?? -1)));
    const uniq = [...new Set(ids.filter((x) => x >= 0))];
    if (!uniq.length) return [];

    const formMass = new Map<number, number>();
    for (const x of uniq) {
      const idf = s.labelIdf[x]!;
      for (const f of s.formPostings[x]!) formMass.set(f, (formMass.get(f) ?? 0) + idf);
    }
    const labelScore = new Map<number, { v: number; form: number }>();
    for (const [f, m] of formMass) {
      const cov = m / s.formMass[f]!;
      let v = cov ** p.coveragePower * (m / (m + p.massHalf));
      if (cov >= 0.999 && s.formStems[f]!.length > 1 && contiguous(ids, s.formStems[f]!)) v *= 1 + p.phraseBonus;
      if (s.formPreferred[f]) v *= 1 + p.preferredBonus;
      const k = s.formSkill[f]!;
      const cur = labelScore.get(k);
      if (!cur || v > cur.v) labelScore.set(k, { v, form: f });
    }

    let qNorm = 0;
    for (const x of uniq) qNorm += s.docIdf[x]! ** 2;
    qNorm = Math.sqrt(qNorm) || 1;
    // Dense accumulators over all skills: far cheaper than maps for common stems.
    const base = (this.scratch ??= new Float64Array(s.skills.length));
    const touched: number[] = [];
    const add = (k: number, v: number) => {
      if (base[k] === 0) touched.push(k);
      base[k]! += v;
    };
    for (const [k, { v }] of labelScore) add(k, p.label * v);
    const learned = new Map<number, number>();
    for (const x of uniq) {
      const q = (p.doc * s.docIdf[x]!) / qNorm;
      const ks = s.docSkills[x]!;
      const ws = s.docWeights[x]!;
      for (let i = 0; i < ks.length; i++) add(ks[i]!, q * ws[i]!);
      const ls = s.learnedSkills[x]!;
      const lw = s.learnedWeights[x]!;
      for (let i = 0; i < ls.length; i++) learned.set(ls[i]!, (learned.get(ls[i]!) ?? 0) + lw[i]!);
    }
    for (const [k, v] of learned) add(k, p.learned * Math.tanh(v));
    const prior = s.skillPrior;
    const scored = touched.map((k) => [k, base[k]! * (1 + p.prior * prior[k]!)] as [number, number]);
    for (const k of touched) base[k] = 0;

    const ranked = top(scored, 200).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 200);
    const pool = ranked.slice(0, COHERENCE_POOL);
    const poolMass = pool.reduce((a, [, v]) => a + v, 0) || 1;
    const coherence = p.coherence > 0 ? this.coherence(pool) : undefined;
    return ranked.map(([k, v]) => ({ skill: k, score: v + (coherence ? (p.coherence * coherence(k)) / poolMass : 0), support: this.support(ids, k, labelScore.get(k)?.form) }));
  }

  /**
   * Σ over the other pool skills j of w_j × cosine overlap of the occupation
   * lists of k and j. Spreading each pool skill's weight over its occupations
   * once makes this one pass over k's occupations instead of a set
   * intersection per pair: |k ∩ j| / √(|k||j|) summed over j is
   * Σ_{o ∈ k} acc[o] / √|k|, with acc[o] = Σ_{j ∋ o} w_j / √|j|; k's own term is w_k.
   */
  private coherence(pool: [number, number][]): (k: number) => number {
    const occ = this.state.skillOccupations;
    const acc = (this.occScratch ??= new Float64Array(this.occupationCount()));
    acc.fill(0);
    const inPool = new Map<number, number>();
    for (const [j, w] of pool) {
      const list = occ[j]!;
      inPool.set(j, w);
      if (!list.length) continue;
      const share = w / Math.sqrt(list.length);
      for (const o of list) acc[o]! += share;
    }
    return (k) => {
      const list = occ[k]!;
      if (!list.length) return 0;
      let sum = 0;
      for (const o of list) sum += acc[o]!;
      return Math.max(0, sum / Math.sqrt(list.length) - (inPool.get(k) ?? 0));
    };
  }

  private occScratch?: Float64Array;
  private occupationCount(): number {
    let n = 0;
    for (const list of this.state.skillOccupations) for (const o of list) if (o >= n) n = o + 1;
    return n;
  }

  /** Which tokens explain a skill: those of its best label form, else those it weighs most. */
  private support(ids: number[], k: number, form: number | undefined): number[] {
    const s = this.state;
    if (form !== undefined) {
      const want = new Set(s.formStems[form]);
      return ids.flatMap((x, i) => (x >= 0 && want.has(x) ? [i] : []));
    }
    const weight = (x: number) => {
      let w = 0;
      const ks = s.docSkills[x]!;
      for (let i = 0; i < ks.length; i++) if (ks[i] === k) w += s.docWeights[x]![i]! * s.docIdf[x]!;
      const ls = s.learnedSkills[x]!;
      for (let i = 0; i < ls.length; i++) if (ls[i] === k) w += s.learnedWeights[x]![i]!;
      return w;
    };
    const scored = ids.map((x, i) => ({ i, w: x >= 0 ? weight(x) : 0 })).filter((e) => e.w > 0);
    scored.sort((a, b) => b.w - a.w || a.i - b.i);
    return scored.slice(0, 3).map((e) => e.i);
  }

  private scratch?: Float64Array;
  private vocabCache?: Map<string, number>;
  private vocabIndex(): Map<string, number> {
    return (this.vocabCache ??= new Map(this.state.vocab.map((v, i) => [v, i])));
  }
}

/** The n best by score, without sorting everything. */
function top(items: [number, number][], n: number): [number, number][] {
  if (items.length <= n) return items;
  const sorted = items.map((x) => x[1]).sort((a, b) => b - a);
  const cut = sorted[n - 1]!;
  return items.filter((x) => x[1] >= cut).slice(0, n * 2);
}

/** Whether the form's stems occur in order, next to each other (stop words between are allowed). */
function contiguous(ids: number[], form: Int32Array): boolean {
  const content = ids.filter((x) => x >= 0);
  outer: for (let i = 0; i + form.length <= content.length; i++) {
    for (let j = 0; j < form.length; j++) if (content[i + j] !== form[j]) continue outer;
    return true;
  }
  return false;
}

/** Sentences, lines and bullets; over-long ones are cut into windows. */
function segments(text: string, tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let prevEnd = 0;
  for (const t of tokens) {
    const gap = text.slice(prevEnd, t.start);
    if (cur.length && (/[.!?;:•·*]\s|\n|[.!?]$/.test(gap) || cur.length >= MAX_SEGMENT_TOKENS)) {
      out.push(cur);
      cur = [];
    }
    cur.push(t);
    prevEnd = t.end;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Merges supporting tokens into spans; neighbours separated only by stop words or punctuation join. */
function spansOf(text: string, seg: Token[], support: number[]): Span[] {
  const idx = [...new Set(support)].sort((a, b) => a - b);
  const spans: Span[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && seg.slice(idx[j]! + 1, idx[j + 1]!).every((t) => t.stop) && idx[j + 1]! - idx[j]! <= 3) j++;
    const start = seg[idx[i]!]!.start;
    const end = seg[idx[j]!]!.end;
    spans.push({ start, end, text: text.slice(start, end) });
    i = j + 1;
  }
  return spans;
}
