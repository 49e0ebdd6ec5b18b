import { fold, stems } from './text.js';
import type { Skill, Taxonomy } from './model.js';

export interface SkillHit {
  uri: string;
  label: string;
  /** The label or alternative label that matched best. */
  matched: string;
  description: string;
  score: number;
}

const DESCRIPTION_WEIGHT = 0.35;

/**
 * Typo-tolerant skill search: character-trigram similarity (Dice) against every
 * preferred and alternative label, plus a smaller share for query words found
 * in the description. "pyhton programing" still finds Python.
 */
export class SkillSearch {
  private readonly forms: { skill: number; text: string; grams: number }[] = [];
  private readonly gramPostings = new Map<string, number[]>();
  private readonly descPostings = new Map<string, number[]>();

  constructor(private readonly skills: Skill[]) {
    skills.forEach((s, k) => {
      for (const label of [s.label, ...s.altLabels]) {
        const g = trigrams(label);
        const f = this.forms.length;
        this.forms.push({ skill: k, text: label, grams: g.size });
        for (const x of g) push(this.gramPostings, x, f);
      }
      for (const st of new Set(stems(s.description))) push(this.descPostings, st, k);
    });
  }

  static of(t: Taxonomy): SkillSearch {
    let s = built.get(t);
    if (!s) built.set(t, (s = new SkillSearch(t.skills)));
    return s;
  }

  search(query: string, opts: { limit?: number } = {}): SkillHit[] {
    const limit = opts.limit ?? 20;
    const q = trigrams(query);
    const common = new Map<number, number>();
    for (const g of q) for (const f of this.gramPostings.get(g) ?? []) common.set(f, (common.get(f) ?? 0) + 1);
    const best = new Map<number, { score: number; form: number }>();
    const needle = fold(query).trim();
    for (const [f, n] of common) {
      const form = this.forms[f]!;
      let score = (2 * n) / (q.size + form.grams);
      const text = fold(form.text);
      if (text === needle) score += 0.5;
      else if (text.startsWith(needle)) score += 0.2;
      const cur = best.get(form.skill);
      if (!cur || score > cur.score) best.set(form.skill, { score, form: f });
    }
    const words = [...new Set(stems(query))];
    const desc = new Map<number, number>();
    for (const w of words) for (const k of this.descPostings.get(w) ?? []) desc.set(k, (desc.get(k) ?? 0) + 1 / words.length);
    const total = new Map<number, number>();
    for (const [k, { score }] of best) total.set(k, score);
    for (const [k, v] of desc) total.set(k, (total.get(k) ?? 0) + DESCRIPTION_WEIGHT * v);
    return [...total]
      .filter(([, v]) => v >= 0.25)
      .sort((a, b) => b[1] - a[1] || this.skills[a[0]]!.label.localeCompare(this.skills[b[0]]!.label))
      .slice(0, limit)
      .map(([k, score]) => {
        const s = this.skills[k]!;
        const f = best.get(k)?.form;
        return { uri: s.uri, label: s.label, matched: f === undefined ? s.label : this.forms[f]!.text, description: s.description, score: Math.round(score * 1e4) / 1e4 };
      });
  }
}

const built = new WeakMap<Taxonomy, SkillSearch>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Trigrams of each word padded with spaces, so short words and word starts count. */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of fold(s).split(/[^\p{L}\p{N}+#]+/u).filter(Boolean)) {
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  }
  return out;
}
