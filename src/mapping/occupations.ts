import { stems, trigrams, type Taxonomy } from '../taxonomy/index.js';

export interface OccupationMatch {
  uri: string;
  label: string;
  score: number;
}

/** A surface form (title) of a concept. */
export interface TitleEntry {
  concept: string;
  label: string;
  text: string;
}

const WORD_WEIGHT = 0.7;

/**
 * Learned title word → occupation weights as committed in `weights/`
 * (scripts/train-title-model.ts, docs/MODEL-CARD-skills.md). URIs the taxonomy
 * does not have are ignored, so another taxonomy just gets no learned part.
 */
export interface LearnedTitleWeights {
  version: 1;
  sources?: string[];
  occupations: string[];
  /** Stem → [index into `occupations`, weight][]. */
  weights: Record<string, [number, number][]>;
  /** Weight of the learned score beside the lexical one. */
  params?: { learned?: number };
}

/**
 * Job title → occupation. Each title form is scored by an IDF-weighted F1 of
 * shared word stems (how much of the query and of the form is covered) plus a
 * character-trigram cosine that absorbs typos and spelling variants; a concept
 * takes its best form.
 */
export class TitleMatcher {
  private readonly formStems: string[][];
  private readonly formGrams: Set<string>[];
  private readonly idf = new Map<string, number>();
  private readonly stemPostings = new Map<string, number[]>();
  private readonly gramPostings = new Map<string, number[]>();
  private readonly formMass: number[];
  private scratch?: Int32Array;
  /** Stem → [concept URI, weight][] for the concepts of these entries. */
  private readonly learned = new Map<string, [string, number][]>();
  private readonly learnedWeight: number;
  private readonly conceptLabel = new Map<string, string>();

  constructor(
    readonly entries: TitleEntry[],
    learned?: LearnedTitleWeights,
  ) {
    for (const e of entries) if (!this.conceptLabel.has(e.concept)) this.conceptLabel.set(e.concept, e.label);
    this.learnedWeight = learned?.version === 1 ? (learned.params?.learned ?? 0) : 0;
    if (learned?.version === 1 && this.learnedWeight > 0) {
      for (const [st, pairs] of Object.entries(learned.weights)) {
        const kept = pairs.flatMap(([i, w]) => {
          const uri = learned.occupations[i];
          return uri !== undefined && this.conceptLabel.has(uri) ? [[uri, w] as [string, number]] : [];
        });
        if (kept.length) this.learned.set(st, kept);
      }
    }
    this.formStems = entries.map((e) => [...new Set(stems(e.text))]);
    this.formGrams = entries.map((e) => trigrams(e.text));
    const df = new Map<string, number>();
    this.formStems.forEach((st, f) => {
      for (const s of st) {
        df.set(s, (df.get(s) ?? 0) + 1);
        push(this.stemPostings, s, f);
      }
    });
    this.formGrams.forEach((g, f) => {
      for (const x of g) push(this.gramPostings, x, f);
    });
    for (const [s, n] of df) this.idf.set(s, Math.log((entries.length + 1) / (n + 0.5)));
    this.formMass = this.formStems.map((st) => st.reduce((a, s) => a + this.idf.get(s)!, 0) || 1);
  }

  static fromTaxonomy(t: Taxonomy, learned?: LearnedTitleWeights): TitleMatcher {
    return new TitleMatcher(
      t.occupations.flatMap((o) => [o.label, ...o.altLabels].map((text) => ({ concept: o.uri, label: o.label, text }))),
      learned,
    );
  }

  /** Scores of every form sharing something with the query, by form index. */
  scoreForms(query: string): Map<number, number> {
    const q = [...new Set(stems(query))];
    const qGrams = trigrams(query);
    const unknown = Math.log(this.entries.length + 1);
    const qMass = q.reduce((a, s) => a + (this.idf.get(s) ?? unknown), 0) || 1;
    const shared = new Map<number, number>();
    for (const s of q) for (const f of this.stemPostings.get(s) ?? []) shared.set(f, (shared.get(f) ?? 0) + this.idf.get(s)!);
    // Dense counters: common trigrams touch thousands of forms.
    const counts = (this.scratch ??= new Int32Array(this.entries.length));
    const touched: number[] = [];
    for (const g of qGrams) {
      for (const f of this.gramPostings.get(g) ?? []) {
        if (counts[f] === 0) touched.push(f);
        counts[f]!++;
      }
    }
    const out = new Map<number, number>();
    for (const f of touched) {
      const n = counts[f]!;
      counts[f] = 0;
      const m = shared.get(f) ?? 0;
      const fMass = this.formMass[f]!;
      const rq = m / qMass;
      const rf = m / fMass;
      const wordF1 = m > 0 ? (2 * rq * rf) / (rq + rf) : 0;
      const cos = n / Math.sqrt(qGrams.size * this.formGrams[f]!.size);
      out.set(f, WORD_WEIGHT * wordF1 + (1 - WORD_WEIGHT) * cos);
    }
    return out;
  }

  /**
   * A concept scores its best form; with learned weights, plus
   * learned × tanh(Σ weights of the query's stems for it), which also brings in
   * concepts whose titles share no word with the query.
   */
  match(query: string, opts: { top?: number } = {}): OccupationMatch[] {
    const best = new Map<string, { score: number; label: string }>();
    for (const [f, score] of this.scoreForms(query)) {
      const e = this.entries[f]!;
      const cur = best.get(e.concept);
      if (!cur || score > cur.score) best.set(e.concept, { score, label: e.label });
    }
    if (this.learned.size) {
      const sums = new Map<string, number>();
      for (const st of new Set(stems(query))) for (const [uri, w] of this.learned.get(st) ?? []) sums.set(uri, (sums.get(uri) ?? 0) + w);
      for (const [uri, v] of sums) {
        const cur = best.get(uri);
        best.set(uri, { score: (cur?.score ?? 0) + this.learnedWeight * Math.tanh(v), label: cur?.label ?? this.conceptLabel.get(uri)! });
      }
    }
    return [...best]
      .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
      .slice(0, opts.top ?? 10)
      .map(([uri, { score, label }]) => ({ uri, label, score: Math.round(score * 1e4) / 1e4 }));
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
