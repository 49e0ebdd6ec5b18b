import { describe, expect, it } from 'vitest';
import { buildState, demandProfile, SkillMapper, TitleMatcher } from '../../src/mapping/index.js';
import { demoTaxonomy, SkillSearch } from '../../src/taxonomy/index.js';

const taxonomy = demoTaxonomy();
const mapper = new SkillMapper(buildState(taxonomy, 'test'));
const POSTING = `We are hiring a data engineer.
- Build ETL pipelines and model data in our warehouse.
- Strong SQL, Python and Apache Spark.
• Nice to have: Kubernetes and Terraform.`;

describe('when a job posting is mapped to skills', () => {
  const out = mapper.extract(POSTING, { top: 10 });

  it('finds the skills it names, best first', () => {
    const labels = out.map((m) => m.label);
    expect(labels).toEqual(expect.arrayContaining(['SQL', 'ETL pipelines', 'big data processing', 'Kubernetes', 'infrastructure as code']));
    expect(out.map((m) => m.score)).toEqual([...out.map((m) => m.score)].sort((a, b) => b - a));
  });

  it('points every evidence span at the words of the text that triggered it', () => {
    for (const m of out) {
      expect(m.evidence.length).toBeGreaterThan(0);
      for (const e of m.evidence) expect(POSTING.slice(e.start, e.end)).toBe(e.text);
    }
    expect(out.find((m) => m.label === 'infrastructure as code')!.evidence.map((e) => e.text)).toEqual(['Terraform']);
    expect(out.find((m) => m.label === 'big data processing')!.evidence.map((e) => e.text)).toEqual(['Apache Spark']);
  });

  it('gives the same answer every time', () => {
    expect(mapper.extract(POSTING, { top: 10 })).toEqual(out);
  });
});

describe('when a text says nothing about skills', () => {
  it('returns no skills', () => {
    expect(mapper.extract('', { top: 5 })).toEqual([]);
    expect(mapper.extract('and the of with', { top: 5 })).toEqual([]);
  });
});

describe('when words are inflected differently from the label', () => {
  it('matches managing projects to project management', () => {
    const [first] = mapper.extract('Experienced in managing projects for clients', { top: 3 });
    expect(first?.label).toBe('project management');
    expect(first?.evidence.map((e) => e.text)).toEqual(['managing projects']);
  });
});

describe('when many postings are profiled', () => {
  it('counts each skill once per posting that asks for it', () => {
    const p = demandProfile({ taxonomyId: taxonomy.id, skills: mapper, titles: TitleMatcher.fromTaxonomy(taxonomy) }, ['SQL and Python. SQL again.', 'Python developer', 'Registered nurse, wound care'], { perPosting: 5 });
    expect(p.postings).toBe(3);
    const python = p.skills.find((s) => s.label === 'Python');
    expect(python).toMatchObject({ count: 2, share: 0.6667 });
    expect(p.skills.find((s) => s.label === 'SQL')?.count).toBe(1);
  });
});

describe('when a job title is matched to occupations', () => {
  const titles = TitleMatcher.fromTaxonomy(taxonomy);
  it('ranks the occupation by its title and alternative titles, even misspelt', () => {
    expect(titles.match('Senior Data Scientist', { top: 3 })[0]?.label).toBe('data scientist');
    expect(titles.match('registred nurse', { top: 3 })[0]?.label).toBe('registered nurse');
    expect(titles.match('SOC analyst', { top: 3 })[0]?.label).toBe('security analyst');
  });
});

describe('when skills are searched', () => {
  const search = SkillSearch.of(taxonomy);
  it('tolerates typos and ranks the closest label first', () => {
    expect(search.search('pyhton')[0]?.label).toBe('Python');
    expect(search.search('kubernets')[0]?.label).toBe('Kubernetes');
  });
  it('finds skills by alternative label and by description', () => {
    expect(search.search('K8s')[0]).toMatchObject({ label: 'Kubernetes', matched: 'K8s' });
    expect(search.search('pivot tables').map((h) => h.label)).toContain('spreadsheet software');
  });
  it('puts an exact label before partial ones', () => {
    const hits = search.search('statistics');
    expect(hits[0]?.label).toBe('statistics');
    expect(hits.length).toBeGreaterThan(1);
  });
});
