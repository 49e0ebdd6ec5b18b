import type { Taxonomy } from '../taxonomy/index.js';
import { stems } from '../taxonomy/index.js';

/**
 * Everything the mapper precomputes from a taxonomy, as plain arrays so it can
 * be written to disk with `v8.serialize` and read back in a fraction of the
 * build time. Ids are array indexes.
 */
export interface MapperState {
  /** Identifies the taxonomy content and the learned weights the state was built from. */
  key: string;
  skills: { uri: string; label: string }[];
  vocab: string[];
  /** IDF of each stem over the skills' label sets. */
  labelIdf: Float64Array;
  /** Label forms: preferred, alternative and hidden labels, and labels without their parenthetical. */
  formSkill: Int32Array;
  formStems: Int32Array[];
  /** Sum of the IDF of a form's stems. */
  formMass: Float64Array;
  formPreferred: Uint8Array;
  /** Stem id → ids of the forms containing it. */
  formPostings: Int32Array[];
  /** Stem id → skills whose unit-length TF-IDF vector (labels and description) has it, with the weight. */
  docSkills: Int32Array[];
  docWeights: Float32Array[];
  docIdf: Float64Array;
  /** Stem id → learned association with skills (see scripts/train-skills-model.ts). */
  learnedSkills: Int32Array[];
  learnedWeights: Float32Array[];
  /** Skill → learned prior in 0–1 (how often the skill is asked for in the training data); 0 when unknown. */
  skillPrior: Float32Array;
  /** Skill → occupations (indexes) requiring it, for co-occurrence. */
  skillOccupations: Int32Array[];
}

/**
 * The learned component as committed in `weights/` (docs/MODEL-CARD-skills.md):
 * token → skill association weights and a per-skill prior, over the skill URIs
 * listed once in `skills`, plus the mapper parameters tuned with them. URIs a
 * taxonomy does not have are ignored, so another taxonomy (the demo one) just
 * gets no learned part.
 */
export interface LearnedWeights {
  version: 2;
  /** Where the weights come from (data sets, licences, commands); informative. */
  sources?: string[];
  skills: string[];
  /** Stem → [index into `skills`, weight][]. */
  weights: Record<string, [number, number][]>;
  /** [index into `skills`, prior in 0–1][]. */
  prior: [number, number][];
  /** Mapper parameters tuned together with these weights. */
  params?: Partial<Record<string, number>>;
}

const PAREN = /\s*\([^)]*\)\s*/g;

export function buildState(t: Taxonomy, key: string, learned?: LearnedWeights): MapperState {
  const vocabIndex = new Map<string, number>();
  const id = (s: string) => {
    let i = vocabIndex.get(s);
    if (i === undefined) {
      i = vocabIndex.size;
      vocabIndex.set(s, i);
    }
    return i;
  };
  const skills = t.skills.map((s) => ({ uri: s.uri, label: s.label }));
  const formSkill: number[] = [];
  const formStemList: number[][] = [];
  const formPreferred: number[] = [];
  const labelSets: Set<number>[] = [];
  const docs: Map<number, number>[] = [];

  t.skills.forEach((s, k) => {
    const seen = new Set<string>();
    const labelSet = new Set<number>();
    const addForm = (text: string, preferred: boolean) => {
      const st = stems(text).map(id);
      const key = st.join(' ');
      if (!st.length || seen.has(key)) return;
      seen.add(key);
      formSkill.push(k);
      formStemList.push(st);
      formPreferred.push(preferred ? 1 : 0);
      st.forEach((x) => labelSet.add(x));
    };
    for (const [i, label] of [s.label, ...s.altLabels].entries()) {
      addForm(label, i === 0);
      // "Python (computer programming)" is also written plain "Python".
      if (PAREN.test(label)) addForm(label.replace(PAREN, ' '), i === 0);
      PAREN.lastIndex = 0;
    }
    labelSets.push(labelSet);
    const doc = new Map<number, number>();
    for (const x of labelSet) doc.set(x, 2);
    for (const x of stems(s.description).map(id)) doc.set(x, (doc.get(x) ?? 0) + 1);
    docs.push(doc);
  });

  const V = vocabIndex.size;
  const N = skills.length;
  const labelDf = new Float64Array(V);
  for (const set of labelSets) for (const x of set) labelDf[x]! += 1;
  const docDf = new Float64Array(V);
  for (const d of docs) for (const x of d.keys()) docDf[x]! += 1;
  const labelIdf = labelDf.map((df) => Math.log((N + 1) / (df + 0.5)));
  const docIdf = docDf.map((df) => Math.log((N + 1) / (df + 0.5)));

  const formPostingsList: number[][] = Array.from({ length: V }, () => []);
  const formMass = new Float64Array(formStemList.length);
  formStemList.forEach((st, f) => {
    for (const x of new Set(st)) {
      formPostingsList[x]!.push(f);
      formMass[f]! += labelIdf[x]!;
    }
  });

  const docSkillList: number[][] = Array.from({ length: V }, () => []);
  const docWeightList: number[][] = Array.from({ length: V }, () => []);
  docs.forEach((d, k) => {
    const w = [...d].map(([x, tf]) => [x, (1 + Math.log(tf)) * docIdf[x]!] as const);
    const norm = Math.sqrt(w.reduce((a, [, v]) => a + v * v, 0)) || 1;
    for (const [x, v] of w) {
      docSkillList[x]!.push(k);
      docWeightList[x]!.push(v / norm);
    }
  });

  const learnedSkillList: number[][] = Array.from({ length: V }, () => []);
  const learnedWeightList: number[][] = Array.from({ length: V }, () => []);
  const skillPrior = new Float32Array(skills.length);
  if (learned?.version === 2) {
    const skillIndex = new Map(skills.map((s, k) => [s.uri, k]));
    // Learned skill index → this taxonomy's skill index (-1: not in this taxonomy).
    const local = learned.skills.map((uri) => skillIndex.get(uri) ?? -1);
    for (const [s, pairs] of Object.entries(learned.weights)) {
      const kept = pairs.filter(([i]) => (local[i] ?? -1) >= 0);
      // A stem that points at none of this taxonomy's skills must not grow the vocabulary.
      if (!kept.length) continue;
      const x = id(s);
      learnedSkillList[x] ??= [];
      learnedWeightList[x] ??= [];
      for (const [i, w] of kept) {
        learnedSkillList[x]!.push(local[i]!);
        learnedWeightList[x]!.push(w);
      }
    }
    for (const [i, w] of learned.prior) if ((local[i] ?? -1) >= 0) skillPrior[local[i]!] = w;
  }

  const occIndex = new Map(t.occupations.map((o, i) => [o.uri, i]));
  const skillIndex = new Map(skills.map((s, k) => [s.uri, k]));
  const skillOcc: number[][] = skills.map(() => []);
  for (const r of t.relations) {
    const k = skillIndex.get(r.skillUri);
    const o = occIndex.get(r.occupationUri);
    if (k !== undefined && o !== undefined) skillOcc[k]!.push(o);
  }

  // Stems first seen in the learned weights extend the vocabulary; pad the per-stem arrays.
  const size = vocabIndex.size;
  const pad = <T>(a: T[], make: () => T) => {
    while (a.length < size) a.push(make());
    return a;
  };
  return {
    key,
    skills,
    vocab: [...vocabIndex.keys()],
    labelIdf: Float64Array.from({ length: size }, (_, i) => labelIdf[i] ?? 0),
    docIdf: Float64Array.from({ length: size }, (_, i) => docIdf[i] ?? 0),
    formSkill: Int32Array.from(formSkill),
    formStems: formStemList.map((s) => Int32Array.from(s)),
    formMass,
    formPreferred: Uint8Array.from(formPreferred),
    formPostings: pad(formPostingsList, () => []).map((p) => Int32Array.from(p)),
    docSkills: pad(docSkillList, () => []).map((p) => Int32Array.from(p)),
    docWeights: pad(docWeightList, () => []).map((p) => Float32Array.from(p)),
    learnedSkills: pad(learnedSkillList, () => []).map((p) => Int32Array.from(p ?? [])),
    learnedWeights: pad(learnedWeightList, () => []).map((p) => Float32Array.from(p ?? [])),
    skillPrior,
    skillOccupations: skillOcc.map((o) => Int32Array.from(new Set(o))),
  };
}
