// Runs the offline mapper over every benchmark dev split in ../shared/data/benchmarks
// and prints the metrics each benchmark's papers use, beside two naive baselines
// (exact label match, TF-IDF over labels + descriptions) and the published results.
//   npm run bench:skills -- [--data DIR] [--only tech,house] [--split dev|validation] [--no-learned]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PARAMS, loadModel, SkillMapper, TitleMatcher, type MappingModel } from '../../src/mapping/index.js';
import { fold, readEscoDir, type Taxonomy } from '../../src/taxonomy/index.js';
import { parseCsv } from '../../src/taxonomy/csv.js';

const { values: args } = parseArgs({
  options: { data: { type: 'string', default: path.resolve('../shared/data') }, only: { type: 'string' }, split: { type: 'string', default: 'dev' }, 'no-learned': { type: 'boolean', default: false } },
});
const DATA = path.resolve(args.data!);
if (!existsSync(DATA)) {
  console.error(`no benchmark data at ${DATA}; pass --data DIR`);
  process.exit(2);
}
const B = path.join(DATA, 'benchmarks');
const only = args.only ? new Set(args.only.split(',')) : undefined;

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const pct = (x: number) => (100 * x).toFixed(2);
const f4 = (x: number) => x.toFixed(4);

interface Query {
  text: string;
  gold: Set<string>;
}

/** RP@K, MRR and mean latency of a ranker over queries. */
function rankMetrics(queries: Query[], rank: (text: string) => string[]) {
  let rp5 = 0, rp10 = 0, mrr = 0, ms = 0;
  // Warm-up, untimed: the first calls pay for JIT compilation and lazy indexes.
  for (const q of queries.slice(0, 5)) rank(q.text);
  for (const q of queries) {
    const t = performance.now();
    const out = rank(q.text);
    ms += performance.now() - t;
    sample();
    const hits = (k: number) => out.slice(0, k).filter((u) => q.gold.has(u)).length;
    rp5 += hits(5) / Math.min(5, q.gold.size);
    rp10 += hits(10) / Math.min(10, q.gold.size);
    const i = out.findIndex((u) => q.gold.has(u));
    mrr += i >= 0 ? 1 / (i + 1) : 0;
  }
  const n = queries.length || 1;
  return { rp5: rp5 / n, rp10: rp10 / n, mrr: mrr / n, ms: ms / n };
}

function exactMatchBaseline(t: Taxonomy) {
  const forms = t.skills.flatMap((s) => [s.label, ...s.altLabels].map((l) => ({ uri: s.uri, norm: ` ${norm(l)} ` })));
  return (text: string) => {
    const hay = ` ${norm(text)} `;
    const hits = forms.filter((f) => hay.includes(f.norm)).sort((a, b) => b.norm.length - a.norm.length);
    return [...new Set(hits.map((h) => h.uri))];
  };
}
const norm = (s: string) => fold(s).replace(/[^\p{L}\p{N}+#]+/gu, ' ').trim();

function sentences(name: string, split: string): Query[] {
  const file = path.join(B, name, `${split}_sentences.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { sentence: string; esco_uris: string[] })
    .filter((r) => r.esco_uris.length)
    .map((r) => ({ text: r.sentence, gold: new Set(r.esco_uris) }));
}

function skillskape(split: string): Query[] {
  const file = path.join(B, 'skillskape', split === 'dev' ? 'test_dev.csv' : 'dev.csv');
  return parseCsv(readFileSync(file, 'utf8'))
    .map((r) => ({ text: r.sentence!, gold: new Set(JSON.parse(r.esco_uris!) as string[]) }))
    .filter((q) => q.gold.size);
}

const published = (JSON.parse(readFileSync(path.join(B, 'published_results.json'), 'utf8')) as { results: { benchmark: string; system: string; metric: string; value: number }[] }).results;
function printPublished(benchmark: string, metrics: string[]) {
  const rows = published.filter((r) => r.benchmark === benchmark && metrics.includes(r.metric));
  const systems = [...new Set(rows.map((r) => r.system))];
  for (const s of systems) console.log(`  published  ${s.slice(0, 60).padEnd(60)} ${metrics.map((m) => `${m} ${rows.find((r) => r.system === s && r.metric === m)?.value ?? '—'}`).join('  ')}`);
}

const t0 = performance.now();
const taxonomy = readEscoDir(path.join(DATA, 'esco/v1.1.1'));
const model: MappingModel = await loadModel('bench', () => taxonomy, { noLearned: args['no-learned'] });
const tfidf = new SkillMapper(model.skills.state, { ...DEFAULT_PARAMS, label: 0, learned: 0, prior: 0, coherence: 0, doc: 1, spread: 0 });
// The same mapper with its learned part switched off: the before/after of the learned component in one run.
const lexical = new SkillMapper(model.skills.state, { ...model.skills.params, learned: 0, prior: 0 });
const learnedOn = !args['no-learned'] && model.skills.state.learnedSkills.some((l) => l.length > 0);
const exact = exactMatchBaseline(taxonomy);
console.log(`ESCO v1.1.1 loaded and model built in ${((performance.now() - t0) / 1000).toFixed(1)} s (${taxonomy.skills.length} skills, ${taxonomy.occupations.length} occupations)`);
console.log(`split: ${args.split}; learned weights: ${learnedOn ? `on (learned ${model.skills.params.learned}, prior ${model.skills.params.prior})` : 'off'}\n`);

for (const name of ['tech', 'house', 'techwolf', 'skillskape']) {
  if (only && !only.has(name)) continue;
  const qs = name === 'skillskape' ? skillskape(args.split!) : sentences(name, args.split!);
  if (!qs.length) continue;
  console.log(`${name.toUpperCase()} (${qs.length} sentences with ≥1 ESCO skill; ranking all ${taxonomy.skills.length} skills)`);
  for (const [label, rank] of [
    ['microcred mapper', (t: string) => model.skills.extract(t, { top: 100 }).map((m) => m.uri)],
    ...(learnedOn ? [['  same, learned part off', (t: string) => lexical.extract(t, { top: 100 }).map((m) => m.uri)] as const] : []),
    ['baseline: exact label match', exact],
    ['baseline: TF-IDF labels+descriptions', (t: string) => tfidf.extract(t, { top: 100 }).map((m) => m.uri)],
  ] as const) {
    const m = rankMetrics(qs, rank);
    console.log(`  ${label.padEnd(38)} RP@5 ${pct(m.rp5)}  RP@10 ${pct(m.rp10)}  MRR ${f4(m.mrr)}  ${m.ms.toFixed(1)} ms/text`);
  }
  printPublished(name, ['RP@5', 'RP@10', 'micro-F1']);
  console.log('');
}

if (!only || only.has('jobbert-titles')) {
  const file = path.join(B, 'jobbert-titles', args.split === 'dev' ? 'test_dev.csv' : 'validation.csv');
  const rows = parseCsv(readFileSync(file, 'utf8'));
  console.log(`JOBBERT TITLES (${rows.length} titles; ranking all ${taxonomy.occupations.length} occupations)`);
  if (args.split !== 'dev' && !args['no-learned']) console.log('  (the learned title weights were trained on these validation titles: in-sample figures)');
  const titleRuns: [string, TitleMatcher][] = [['microcred title matcher', model.titles]];
  if (!args['no-learned']) titleRuns.push(['  same, learned part off', new TitleMatcher(model.titles.entries)]);
  for (const [name, matcher] of titleRuns) {
    const per = new Map<string, { rr: number; r1: number; r5: number; r10: number; n: number }>();
    const micro = { rr: 0, r1: 0, r5: 0, r10: 0, n: 0 };
    let ms = 0;
    for (const r of rows.slice(0, 5)) matcher.match(r.title!, { top: 100 });
    for (const r of rows) {
      const t = performance.now();
      const out = matcher.match(r.title!, { top: 100 }).map((o) => o.uri);
      ms += performance.now() - t;
      const i = out.indexOf(r.esco_uri!);
      const v = { rr: i >= 0 ? 1 / (i + 1) : 0, r1: +(i === 0), r5: +(i >= 0 && i < 5), r10: +(i >= 0 && i < 10) };
      const g = per.get(r.esco_uri!) ?? { rr: 0, r1: 0, r5: 0, r10: 0, n: 0 };
      for (const k of ['rr', 'r1', 'r5', 'r10'] as const) {
        g[k] += v[k];
        micro[k] += v[k];
      }
      g.n++;
      micro.n++;
      per.set(r.esco_uri!, g);
    }
    sample();
    const macro = (k: 'rr' | 'r1' | 'r5' | 'r10') => [...per.values()].reduce((a, g) => a + g[k] / g.n, 0) / per.size;
    console.log(`  ${name.padEnd(24)} MRR macro ${f4(macro('rr'))} micro ${f4(micro.rr / micro.n)}  R@1 ${f4(macro('r1'))}/${f4(micro.r1 / micro.n)}  R@5 ${f4(macro('r5'))}/${f4(micro.r5 / micro.n)}  R@10 ${f4(macro('r10'))}/${f4(micro.r10 / micro.n)} (macro/micro)  ${(ms / rows.length).toFixed(2)} ms/title`);
  }
  printPublished('jobbert-titles', ['MRR macro', 'MRR micro']);
  console.log('');
}

if ((!only || only.has('melo')) && args.split === 'dev') {
  const dir = path.join(B, 'melo-usa-en');
  const tsv = (f: string) => readFileSync(path.join(dir, f), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const concept = new Map(tsv('concept_mapping.tsv').map(([id, uri]) => [id!, uri!]));
  const elements = tsv('corpus_elements.tsv').map(([id, text]) => ({ id: id!, concept: concept.get(id!)!, label: text!, text: text! }));
  const gold = new Map<string, Set<string>>();
  for (const [q, , el] of tsv('annotations.tsv')) gold.set(q!, (gold.get(q!) ?? new Set()).add(el!));
  const matcher = new TitleMatcher(elements);
  let ap = 0, rr = 0, s1 = 0, s5 = 0, s10 = 0, crr = 0, cs1 = 0, cs10 = 0;
  const queries = tsv('queries.tsv');
  for (const [qid, text] of queries) {
    const g = gold.get(qid!)!;
    const ranked = [...matcher.scoreForms(text!)].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([f]) => elements[f]!.id);
    let hits = 0, sum = 0;
    ranked.forEach((id, i) => {
      if (g.has(id)) sum += ++hits / (i + 1);
    });
    ap += sum / g.size;
    const first = ranked.findIndex((id) => g.has(id));
    rr += first >= 0 ? 1 / (first + 1) : 0;
    s1 += +(first === 0);
    s5 += +(first >= 0 && first < 5);
    s10 += +(first >= 0 && first < 10);
    const goldConcept = concept.get([...g][0]!)!;
    const concepts = matcher.match(text!, { top: 100 }).map((o) => o.uri);
    const ci = concepts.indexOf(goldConcept);
    crr += ci >= 0 ? 1 / (ci + 1) : 0;
    cs1 += +(ci === 0);
    cs10 += +(ci >= 0 && ci < 10);
  }
  const n = queries.length;
  console.log(`MELO usa_q_en_c_en (${n} queries; ranking ${elements.length} surface forms)`);
  console.log(`  microcred title matcher (surface forms)  MAP ${f4(ap / n)}  MRR ${f4(rr / n)}  success@1 ${f4(s1 / n)}  @5 ${f4(s5 / n)}  @10 ${f4(s10 / n)}`);
  console.log(`  microcred title matcher (concepts)       MRR ${f4(crr / n)}  success@1 ${f4(cs1 / n)}  @10 ${f4(cs10 / n)}  (not comparable with the published surface-form figures)`);
  printPublished('melo-usa-en', ['MAP', 'MRR']);
  console.log('');
}

console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
