// Trains the learned part of the skill mapper (docs/MODEL-CARD-skills.md):
// token → skill association weights and a per-skill prior, estimated from the
// official training data of the skill benchmarks in ../shared/data/benchmarks,
// then the two mapper weights that scale them are chosen on a tuning set by a
// small grid search that may not make any tuning set worse than the mapper
// without its learned part (by more than half an RP@5 point). Deterministic, CPU only, about five minutes.
//
//   npx tsx scripts/train-skills-model.ts [--data ../shared/data] [--train skillskape-train,...]
//       [--tune tech-validation,...] [--alpha 3] [--min-count 2] [--per-stem 25] [--out FILE] [--dry-run]
//
// Training sets: skillskape-train, skillskape-dev (SkillSkape, MIT), tech-validation,
// house-validation (TECH/HOUSE validation, CC BY 4.0). Tuning sets: the same names,
// plus tech-dev, house-dev, techwolf-dev, skillskape-testdev (the benchmark dev thirds).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildState, DEFAULT_PARAMS, type LearnedWeights, type MapperParams, SkillMapper } from '../src/mapping/index.js';
import { parseCsv } from '../src/taxonomy/csv.js';
import { readEscoDir, tokenize } from '../src/taxonomy/index.js';
import { LabelIndex, round4, stemAssociations } from './stem-associations.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve('../shared/data') },
    train: { type: 'string', default: 'skillskape-train,skillskape-dev' },
    tune: { type: 'string', default: 'tech-validation,house-validation,tech-dev,house-dev,techwolf-dev,skillskape-testdev' },
    alpha: { type: 'string', default: '3' },
    'min-count': { type: 'string', default: '2' },
    'per-stem': { type: 'string', default: '25' },
    out: { type: 'string', default: path.resolve('src/mapping/weights/esco-skills.json') },
    'dry-run': { type: 'boolean', default: false },
  },
});
const DATA = path.resolve(args.data!);
const B = path.join(DATA, 'benchmarks');
if (!existsSync(B)) {
  console.error(`no benchmark data at ${B}; pass --data DIR`);
  process.exit(2);
}

interface Example {
  text: string;
  gold: string[];
}

/** A named data set: benchmark sentences with at least one gold ESCO skill. */
function load(name: string): Example[] {
  const jsonl = (file: string) =>
    readFileSync(path.join(B, file), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { sentence: string; esco_uris: string[] })
      .map((r) => ({ text: r.sentence, gold: r.esco_uris }));
  const csv = (file: string) => parseCsv(readFileSync(path.join(B, file), 'utf8')).map((r) => ({ text: r.sentence!, gold: JSON.parse(r.esco_uris!) as string[] }));
  const files: Record<string, () => Example[]> = {
    'skillskape-train': () => csv('skillskape/train.csv'),
    'skillskape-dev': () => csv('skillskape/dev.csv'),
    'skillskape-testdev': () => csv('skillskape/test_dev.csv'),
    'tech-validation': () => jsonl('tech/validation_sentences.jsonl'),
    'house-validation': () => jsonl('house/validation_sentences.jsonl'),
    'tech-dev': () => jsonl('tech/dev_sentences.jsonl'),
    'house-dev': () => jsonl('house/dev_sentences.jsonl'),
    'techwolf-dev': () => jsonl('techwolf/dev_sentences.jsonl'),
  };
  const read = files[name];
  if (!read) throw new Error(`unknown data set ${name}; known: ${Object.keys(files).join(', ')}`);
  // Gold URIs are ESCO skill URIs; "UNK" and empty label lists carry nothing to learn.
  return read()
    .map((e) => ({ text: e.text, gold: [...new Set(e.gold.filter((u) => u.startsWith('http://data.europa.eu/esco/skill/')))] }))
    .filter((e) => e.gold.length);
}

const trainSets = args.train!.split(',').filter(Boolean);
const tuneSets = args.tune!.split(',').filter(Boolean);
const overlap = trainSets.filter((s) => tuneSets.includes(s));
if (overlap.length) throw new Error(`a data set cannot be used for training and tuning: ${overlap.join(', ')}`);

const t0 = performance.now();
const taxonomy = readEscoDir(path.join(DATA, 'esco/v1.1.1'));
const known = new Set(taxonomy.skills.map((s) => s.uri));
const train = trainSets.flatMap(load);
console.log(`ESCO v1.1.1: ${taxonomy.skills.length} skills; training on ${train.length} sentences (${trainSets.join(', ')})`);

// Counts: sentences containing a stem, and sentences containing a stem labelled with a skill.
const alpha = Number(args.alpha);
const minCount = Number(args['min-count']);
const perStem = Number(args['per-stem']);
const skillCount = new Map<string, number>();
for (const e of train) for (const u of e.gold) if (known.has(u)) skillCount.set(u, (skillCount.get(u) ?? 0) + 1);
const skillIndex = new LabelIndex();
const weights = stemAssociations(
  train.map((e) => ({ stems: tokenize(e.text).filter((t) => !t.stop).map((t) => t.stem), labels: e.gold.filter((u) => known.has(u)) })),
  { alpha, minCount, perStem },
  skillIndex,
);
const maxLog = Math.log1p(Math.max(...skillCount.values()));
const prior: [number, number][] = [...skillCount]
  .sort((a, b) => (a[0] < b[0] ? -1 : 1))
  .map(([u, c]) => [skillIndex.idx(u), round4(Math.log1p(c) / maxLog)]);

const learned: LearnedWeights = {
  version: 2,
  sources: [
    `trained by scripts/train-skills-model.ts --train ${trainSets.join(',')} --alpha ${alpha} --min-count ${minCount} --per-stem ${perStem}; tuned on ${tuneSets.join(',') || '(nothing)'}`,
    'skill URIs: ESCO classification v1.1.1, © European Union, 2022, https://esco.ec.europa.eu — used under Commission Decision 2011/833/EU',
    ...(trainSets.some((s) => s.startsWith('skillskape')) ? ['SkillSkape train/dev (Magron et al., NLP4HR @ EACL 2024; magantoine/JobSkape@2dec110; MIT, © 2024 Antoine Magron)'] : []),
    ...(trainSets.some((s) => s.startsWith('tech') || s.startsWith('house')) ? ['TECH/HOUSE validation (Decorte et al. 2022, CC BY 4.0; SkillSpan sentences, MIT)'] : []),
  ],
  skills: skillIndex.labels,
  weights,
  prior,
};
console.log(`${Object.keys(weights).length} stems, ${Object.values(weights).reduce((a, p) => a + p.length, 0)} stem→skill weights, prior over ${prior.length} skills`);

// Tuning: the weights of the learned association and of the prior, on a coarse grid.
const state = buildState(taxonomy, 'train', learned);
function rp(qs: Example[], params: MapperParams): { rp5: number; rp10: number } {
  const mapper = new SkillMapper(state, params);
  let rp5 = 0;
  let rp10 = 0;
  for (const q of qs) {
    const out = mapper.extract(q.text, { top: 10 }).map((m) => m.uri);
    const g = new Set(q.gold);
    rp5 += out.slice(0, 5).filter((u) => g.has(u)).length / Math.min(5, g.size);
    rp10 += out.filter((u) => g.has(u)).length / Math.min(10, g.size);
  }
  return { rp5: rp5 / qs.length, rp10: rp10 / qs.length };
}
const tune = tuneSets.map((s) => ({ name: s, qs: load(s) }));
let best = { params: { learned: 0, prior: 0 }, score: -1 };
if (tune.length) {
  let floor: number[] = [];
  for (const l of [0, 0.25, 0.5, 0.75, 1]) {
    for (const pr of [0, 0.25, 0.5, 1]) {
      const params = { ...DEFAULT_PARAMS, learned: l, prior: pr };
      const per = tune.map((t) => ({ name: t.name, ...rp(t.qs, params) }));
      // The first grid point is the mapper without its learned part: no tuning set may fall below it.
      if (!floor.length) floor = per.map((p) => p.rp5 - 0.005);
      const harmless = per.every((p, i) => p.rp5 >= floor[i]!);
      // Every tuning set counts the same, whatever its size: no one benchmark's style wins the grid.
      const score = per.reduce((a, p) => a + p.rp5 + p.rp10, 0) / (2 * per.length);
      console.log(`  learned ${l.toFixed(2)} prior ${pr.toFixed(2)}  ${per.map((p) => `${p.name} ${(100 * p.rp5).toFixed(1)}/${(100 * p.rp10).toFixed(1)}`).join('  ')}  mean ${(100 * score).toFixed(2)}${harmless ? '' : '  (worse somewhere: not eligible)'}`);
      if (harmless && score > best.score + 1e-9) best = { params: { learned: l, prior: pr }, score };
    }
  }
  console.log(`chosen: learned ${best.params.learned}, prior ${best.params.prior}`);
}
learned.params = best.params;

if (!args['dry-run']) {
  mkdirSync(path.dirname(args.out!), { recursive: true });
  const text = `${JSON.stringify(learned)}\n`;
  writeFileSync(args.out!, text);
  console.log(`wrote ${args.out} (${(text.length / 2 ** 20).toFixed(2)} MiB)`);
}
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
