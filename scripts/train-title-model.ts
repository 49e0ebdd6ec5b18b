// Trains the learned part of the job title → occupation matcher
// (docs/MODEL-CARD-skills.md): title word → ESCO occupation association
// weights from the official JobBERT validation titles in
// ../shared/data/benchmarks/jobbert-titles/validation.csv. Its weight beside the
// lexical score is chosen on a held-in fifth of those same validation titles
// (split by normalised title, so no title string is on both sides), then the
// weights are re-estimated on all of them. The benchmark's dev third is never
// read. Deterministic, CPU only.
//
//   npx tsx scripts/train-title-model.ts [--data ../shared/data] [--alpha 2] [--min-count 2] [--per-stem 30] [--out FILE] [--dry-run]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type LearnedTitleWeights, TitleMatcher } from '../src/mapping/index.js';
import { parseCsv } from '../src/taxonomy/csv.js';
import { readEscoDir, stems } from '../src/taxonomy/index.js';
import { LabelIndex, stemAssociations } from './stem-associations.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve('../shared/data') },
    alpha: { type: 'string', default: '2' },
    'min-count': { type: 'string', default: '2' },
    'per-stem': { type: 'string', default: '30' },
    out: { type: 'string', default: path.resolve('src/mapping/weights/esco-occupations.json') },
    'dry-run': { type: 'boolean', default: false },
  },
});
const DATA = path.resolve(args.data!);
const file = path.join(DATA, 'benchmarks/jobbert-titles/validation.csv');
if (!existsSync(file)) {
  console.error(`no JobBERT validation titles at ${file}; pass --data DIR`);
  process.exit(2);
}
const alpha = Number(args.alpha);
const minCount = Number(args['min-count']);
const perStem = Number(args['per-stem']);

const t0 = performance.now();
const taxonomy = readEscoDir(path.join(DATA, 'esco/v1.1.1'));
const known = new Set(taxonomy.occupations.map((o) => o.uri));
const rows = parseCsv(readFileSync(file, 'utf8'))
  .map((r) => ({ title: r.title!, uri: r.esco_uri! }))
  .filter((r) => known.has(r.uri));
const normal = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
// A fixed fifth by hash of the normalised title: the same split on every run and machine.
const heldIn = (t: string) => createHash('sha256').update(normal(t)).digest()[0]! % 5 === 0;
console.log(`ESCO v1.1.1: ${taxonomy.occupations.length} occupations; ${rows.length} JobBERT validation titles`);

function train(examples: { title: string; uri: string }[]): LearnedTitleWeights {
  const index = new LabelIndex();
  const weights = stemAssociations(
    examples.map((e) => ({ stems: stems(e.title), labels: [e.uri] })),
    { alpha, minCount, perStem },
    index,
  );
  return { version: 1, occupations: index.labels, weights };
}

/** Micro MRR over titles. */
function mrr(matcher: TitleMatcher, examples: { title: string; uri: string }[]): number {
  let rr = 0;
  for (const e of examples) {
    const i = matcher.match(e.title, { top: 100 }).findIndex((o) => o.uri === e.uri);
    rr += i >= 0 ? 1 / (i + 1) : 0;
  }
  return rr / examples.length;
}

const fit = rows.filter((r) => !heldIn(r.title));
const check = rows.filter((r) => heldIn(r.title));
const partial = train(fit);
const entries = TitleMatcher.fromTaxonomy(taxonomy).entries;
let best = { learned: 0, mrr: -1 };
for (const learned of [0, 0.3, 0.8, 1.2, 2]) {
  const m = mrr(new TitleMatcher(entries, { ...partial, params: { learned } }), check);
  console.log(`  learned ${learned.toFixed(1)}  held-in MRR ${m.toFixed(4)} (${check.length} titles)`);
  if (m > best.mrr + 1e-9) best = { learned, mrr: m };
}
console.log(`chosen: learned ${best.learned}`);

const final = train(rows);
final.params = { learned: best.learned };
final.sources = [
  `trained by scripts/train-title-model.ts --alpha ${alpha} --min-count ${minCount} --per-stem ${perStem}; weight chosen on a held-in fifth of the same titles`,
  'JobBERT evaluation set, official validation titles (Decorte et al., FEAST @ ECML-PKDD 2021; jensjorisdecorte/JobBERT-evaluation-dataset@127d5e4; MIT)',
  'occupation URIs: ESCO classification v1.1.1, © European Union, 2022, https://esco.ec.europa.eu — used under Commission Decision 2011/833/EU',
];
console.log(`${Object.keys(final.weights).length} stems, ${Object.values(final.weights).reduce((a, p) => a + p.length, 0)} stem→occupation weights over ${final.occupations.length} occupations`);
if (!args['dry-run']) {
  mkdirSync(path.dirname(args.out!), { recursive: true });
  const text = `${JSON.stringify(final)}\n`;
  writeFileSync(args.out!, text);
  console.log(`wrote ${args.out} (${(text.length / 2 ** 20).toFixed(2)} MiB)`);
}
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
