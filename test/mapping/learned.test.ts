import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildState, DEFAULT_PARAMS, type LearnedTitleWeights, loadLearnedWeights, type LearnedWeights, SkillMapper, TitleMatcher, tunedParams, loadLearnedTitleWeights } from '../../src/mapping/index.js';
import { demoTaxonomy, stem, type Taxonomy } from '../../src/taxonomy/index.js';

/** Three skills whose labels share no word with the toy sentences below. */
const toy: Taxonomy = {
  id: 'toy',
  source: 'test',
  version: '1',
  title: 'toy',
  groups: [],
  occupations: [],
  relations: [],
  skills: [
    ['u:teamwork', 'teamwork principles', 'Cooperation with colleagues towards shared goals.'],
    ['u:present', 'present reports', 'Show results and conclusions to an audience.'],
    ['u:motivate', 'motivate employees', 'Encourage staff to reach their goals.'],
  ].map(([uri, label, description]) => ({ uri: uri!, label: label!, altLabels: [], description: description!, skillType: 'skill/competence' as const, reuseLevel: null, broader: [] })),
};

/** What a training run learns from sentences like "you thrive in a collaborative environment" → teamwork. */
const weights: LearnedWeights = {
  version: 2,
  skills: ['u:teamwork', 'u:present', 'u:unknown-elsewhere'],
  weights: { [stem('collaborative')]: [[0, 0.8]], [stem('thrive')]: [[0, 0.3]], [stem('audience')]: [[1, 0.6]], ghost: [[2, 0.9]] },
  prior: [
    [0, 1],
    [1, 0.4],
    [2, 1],
  ],
  params: { learned: 1, prior: 0.5, nonsense: 3 },
};

const SENTENCE = 'You thrive in a collaborative environment.';

describe('when learned weights are given to the mapper', () => {
  const learned = new SkillMapper(buildState(toy, 'k', weights), tunedParams(weights));
  const plain = new SkillMapper(buildState(toy, 'k'), DEFAULT_PARAMS);

  it('finds a skill the text only implies, which the lexical mapper misses', () => {
    expect(plain.extract(SENTENCE, { top: 3 }).map((m) => m.uri)).not.toContain('u:teamwork');
    const [first] = learned.extract(SENTENCE, { top: 3 });
    expect(first?.uri).toBe('u:teamwork');
    // The evidence is the words that carry the learned association.
    expect(first?.evidence.map((e) => e.text)).toEqual(['thrive in a collaborative']);
  });

  it('scores deterministically', () => {
    const a = learned.extract(SENTENCE, { top: 3 });
    const b = new SkillMapper(buildState(toy, 'k', weights), tunedParams(weights)).extract(SENTENCE, { top: 3 });
    expect(b).toEqual(a);
    expect(a[0]!.score).toBeCloseTo(1 * Math.tanh(0.8 + 0.3) * (1 + 0.5 * 1), 3);
  });

  it('ignores skills and stems the taxonomy does not have, and unknown parameters', () => {
    const state = buildState(toy, 'k', weights);
    expect(state.vocab).not.toContain('ghost');
    expect([...state.skillPrior]).toEqual([1, expect.closeTo(0.4, 5), 0]);
    expect(tunedParams(weights)).toEqual({ ...DEFAULT_PARAMS, learned: 1, prior: 0.5 });
  });
});

describe('when the weights do not cover the taxonomy (the built-in demo one)', () => {
  const taxonomy = demoTaxonomy();
  const committed = loadLearnedWeights().weights;
  const text = 'Strong SQL and Python; you will build ETL pipelines and dashboards in a collaborative team.';

  it('falls back to the lexical mapper: same ranking as without weights', () => {
    const withWeights = new SkillMapper(buildState(taxonomy, 'd', committed ?? weights), tunedParams(committed ?? weights));
    const without = new SkillMapper(buildState(taxonomy, 'd'), tunedParams(committed ?? weights));
    expect(withWeights.extract(text, { top: 10 })).toEqual(without.extract(text, { top: 10 }));
    expect(withWeights.extract(text, { top: 10 }).map((m) => m.label)).toContain('SQL');
  });
});

describe('when the committed weights file is read', () => {
  const file = new URL('../../src/mapping/weights/esco-skills.json', import.meta.url);

  it('is small, versioned and records its sources', () => {
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeLessThan(20 * 2 ** 20);
    const w = JSON.parse(text) as LearnedWeights;
    expect(w.version).toBe(2);
    expect(w.sources?.join(' ')).toMatch(/SkillSkape/);
    expect(w.skills.every((u) => u.startsWith('http://data.europa.eu/esco/skill/'))).toBe(true);
    for (const pairs of Object.values(w.weights)) for (const [i, v] of pairs) expect(i < w.skills.length && v > 0 && v <= 1).toBe(true);
    expect(loadLearnedWeights().weights?.version).toBe(2);
  });
});

describe('when learned title weights are given to the title matcher', () => {
  const entries = [
    { concept: 'o:marketing', label: 'marketing assistant', text: 'marketing assistant' },
    { concept: 'o:marketing', label: 'marketing assistant', text: 'marketing coordinator' },
    { concept: 'o:digital', label: 'digital games designer', text: 'digital games designer' },
  ];
  const titles: LearnedTitleWeights = {
    version: 1,
    occupations: ['o:marketing', 'o:elsewhere'],
    weights: { [stem('digital')]: [[0, 0.6]], [stem('marketer')]: [[0, 0.9]], [stem('staff')]: [[1, 0.9]] },
    params: { learned: 0.8 },
  };

  it('ranks the occupation the training titles point to, even without a shared word', () => {
    expect(new TitleMatcher(entries).match('Digital Marketer')[0]?.uri).toBe('o:digital');
    const out = new TitleMatcher(entries, titles).match('Digital Marketer');
    expect(out[0]).toMatchObject({ uri: 'o:marketing', label: 'marketing assistant' });
    // The learned part adds to the lexical score (here a few shared trigrams of "market").
    const lexical = new TitleMatcher(entries).match('Digital Marketer').find((o) => o.uri === 'o:marketing')?.score ?? 0;
    expect(out[0]!.score - lexical).toBeCloseTo(0.8 * Math.tanh(0.6 + 0.9), 3);
    expect(new TitleMatcher(entries, titles).match('Digital Marketer')).toEqual(out);
  });

  it('ignores occupations the taxonomy does not have, and a zero weight switches it off', () => {
    expect(new TitleMatcher(entries, titles).match('staff').map((o) => o.uri)).not.toContain('o:elsewhere');
    expect(new TitleMatcher(entries, { ...titles, params: { learned: 0 } }).match('Digital Marketer')).toEqual(new TitleMatcher(entries).match('Digital Marketer'));
  });

  it('leaves the demo taxonomy as it is with the committed weights', () => {
    const committed = loadLearnedTitleWeights();
    const taxonomy = demoTaxonomy();
    for (const q of ['Senior Data Engineer', 'staff nurse', 'Digital Marketer']) {
      expect(TitleMatcher.fromTaxonomy(taxonomy, committed ?? titles).match(q)).toEqual(TitleMatcher.fromTaxonomy(taxonomy).match(q));
    }
  });
});
