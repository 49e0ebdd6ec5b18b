import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseGap, buildProfile, plannerGap, RELATED_CREDIT, skillGraph, type SkillEvidence, type TargetSkill } from '../../src/pathways/index.js';

const at = new Date('2026-06-01T00:00:00Z');
const ev = (uri: string, kind: SkillEvidence['kind'], extra: Partial<SkillEvidence> = {}): SkillEvidence => ({ uri, label: uri.toUpperCase(), kind, at, ...extra });
const target = (uri: string, weight = 1, relation: TargetSkill['relation'] = 'essential'): TargetSkill => ({ uri, label: uri.toUpperCase(), weight, relation });
const noGraph = skillGraph([]);

describe('the skills profile', () => {
  it('keeps one entry per skill, its strongest evidence first, and says what the learner may edit', () => {
    const p = buildProfile([
      ev('sql', 'self', { level: 3, at: new Date('2026-09-01T00:00:00Z') }),
      ev('sql', 'credential', { source: { credentialId: 'c1' } }),
      ev('python', 'cv'),
      ev('r', 'self'),
    ]);
    expect(p.map((s) => s.uri)).toEqual(['sql', 'python', 'r']);
    const sql = p[0]!;
    expect(sql).toMatchObject({ kind: 'credential', strength: 1, verified: true, editable: true, level: 3 });
    expect(sql.evidence.map((e) => e.kind)).toEqual(['credential', 'self']);
    expect(sql.lastEvidenceAt.toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(p[1]).toMatchObject({ kind: 'cv', verified: false, editable: true });
    expect(buildProfile([ev('x', 'credential')])[0]!.editable).toBe(false);
  });
});

describe('the gap to a target', () => {
  it('sorts skills into covered (verified), partly covered (claims) and missing, with the documented score', () => {
    const profile = buildProfile([ev('a', 'credential'), ev('b', 'self'), ev('c', 'assessment')]);
    const g = analyseGap([target('a'), target('b'), target('c', 0.5, 'optional'), target('d')], profile, noGraph);
    expect(g.covered.map((s) => s.uri)).toEqual(['a']);
    expect(g.partial.map((s) => s.uri)).toEqual(['b', 'c']);
    expect(g.missing.map((s) => s.uri)).toEqual(['d']);
    // (1·1 + 1·0.4 + 0.5·0.8 + 1·0) / 3.5
    expect(g.score).toBe(Math.round((100 * (1 + 0.4 + 0.4)) / 3.5));
  });

  it('gives related-skill credit through the hierarchy, and says which skill earned it', () => {
    const graph = skillGraph([
      { uri: 'programming', broader: [] },
      { uri: 'python', broader: ['programming'] },
      { uri: 'pandas', broader: ['python', 'a-group-not-a-skill'] },
    ]);
    const profile = buildProfile([ev('pandas', 'credential')]);
    const g = analyseGap([target('python'), target('programming')], profile, graph);
    const python = g.partial.find((s) => s.uri === 'python')!;
    expect(python.coverage).toBe(RELATED_CREDIT);
    expect(python.via).toMatchObject({ uri: 'pandas', relation: 'narrower', verified: true });
    // Only direct parents and children count: pandas is two levels below programming.
    expect(g.missing.map((s) => s.uri)).toEqual(['programming']);
    const held = analyseGap([target('pandas')], buildProfile([ev('python', 'credential')]), graph);
    expect(held.partial[0]!.via).toMatchObject({ uri: 'python', relation: 'broader' });
  });

  it('scores 0–100, 100 exactly when every skill is verified, and never lower when evidence is added', () => {
    const kinds = ['credential', 'assessment', 'cv', 'self'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ w: fc.integer({ min: 1, max: 4 }), held: fc.option(fc.constantFrom(...kinds), { nil: undefined }) }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...kinds),
        (skills, extraKind) => {
          const t = skills.map((s, i) => target(`s${i}`, s.w / 2));
          const evidence = skills.flatMap((s, i) => (s.held ? [ev(`s${i}`, s.held)] : []));
          const g = analyseGap(t, buildProfile(evidence), noGraph);
          expect(g.score).toBeGreaterThanOrEqual(0);
          expect(g.score).toBeLessThanOrEqual(100);
          expect(g.score === 100).toBe(skills.every((s) => s.held === 'credential') || (g.coveredWeight / g.totalWeight > 0.995));
          expect(g.covered.length + g.partial.length + g.missing.length).toBe(skills.length);
          const more = analyseGap(t, buildProfile([...evidence, ev('s0', extraKind)]), noGraph);
          expect(more.coveredWeight).toBeGreaterThanOrEqual(g.coveredWeight - 1e-12);
          // What is left for the planner is exactly what the score lacks.
          const left = plannerGap(g).reduce((s, x) => s + x.weight, 0);
          expect(left).toBeCloseTo(g.totalWeight - g.coveredWeight, 5);
        },
      ),
      { numRuns: 300 },
    );
  });
});
