import { describe, expect, it } from 'vitest';
import { completionSet, evaluateProgramme, type ProgrammeRule, ProgrammeDefinitionSchema } from '../../src/programmes/index.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const D = '00000000-0000-4000-8000-00000000000d';
const credits = new Map([
  [A, 5],
  [B, 0.1],
  [C, 6],
  [D, 0.2],
]);
const held = (...ids: string[]) => new Map(ids.map((id) => [id, [`cred-${id.slice(-1)}`]]));

describe('programme rules', () => {
  it('all of: satisfied only when every listed achievement is held, and says which are missing', () => {
    const rules: ProgrammeRule[] = [{ type: 'all', achievementIds: [A, B, C] }];
    const p = evaluateProgramme(rules, held(A, C), credits);
    expect(p.complete).toBe(false);
    expect(p.rules[0]).toMatchObject({ held: [A, C], missing: [B], required: 3, achieved: 2, satisfied: false });
    expect(evaluateProgramme(rules, held(A, B, C), credits).complete).toBe(true);
  });

  it('n of m: counts distinct held achievements against n', () => {
    const rules: ProgrammeRule[] = [{ type: 'n_of', n: 2, achievementIds: [A, B, C] }];
    expect(evaluateProgramme(rules, held(C), credits).rules[0]).toMatchObject({ achieved: 1, required: 2, satisfied: false });
    expect(evaluateProgramme(rules, held(B, C), credits).complete).toBe(true);
  });

  it('minimum credits: sums ECTS without floating-point drift', () => {
    const rules: ProgrammeRule[] = [{ type: 'min_credits', credits: 0.3, achievementIds: [B, D] }];
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; it must meet 0.3 exactly.
    const p = evaluateProgramme(rules, held(B, D), credits);
    expect(p.rules[0]).toMatchObject({ achieved: 0.3, satisfied: true });
    expect(evaluateProgramme([{ type: 'min_credits', credits: 6, achievementIds: [A, B, C] }], held(A, B), credits).rules[0]).toMatchObject({ achieved: 5.1, satisfied: false });
  });

  it('ignores achievements the caller does not count (a revoked credential is simply not held)', () => {
    const rules: ProgrammeRule[] = [{ type: 'all', achievementIds: [A] }];
    expect(evaluateProgramme(rules, new Map([[A, []]]), credits).complete).toBe(false);
  });

  it('lists one credential per counted achievement as evidence, each once across rules', () => {
    const rules: ProgrammeRule[] = [
      { type: 'all', achievementIds: [A] },
      { type: 'n_of', n: 1, achievementIds: [A, C] },
    ];
    const p = evaluateProgramme(rules, held(A, C), credits);
    expect(p.evidence).toEqual([
      { achievementId: A, credentialId: 'cred-a' },
      { achievementId: C, credentialId: 'cred-c' },
    ]);
    expect(p.creditsHeld).toBe(11);
  });

  it('completion set: reuses achievements across rules, and is undefined when impossible', () => {
    const rules: ProgrammeRule[] = [
      { type: 'all', achievementIds: [C] },
      { type: 'min_credits', credits: 6, achievementIds: [A, C] },
    ];
    expect(completionSet(rules, new Set(), credits)).toEqual([C]);
    expect(completionSet([{ type: 'n_of', n: 2, achievementIds: [A, B, C] }], new Set([A]), credits)).toEqual([B]);
    expect(completionSet([{ type: 'min_credits', credits: 20, achievementIds: [A, C] }], new Set(), credits)).toBeUndefined();
    expect(completionSet(rules, new Set([C]), credits)).toEqual([]);
  });

  it('completion set really completes the programme (every subset of four achievements, three rule shapes)', () => {
    const rules: ProgrammeRule[] = [
      { type: 'n_of', n: 1, achievementIds: [B, D] },
      { type: 'min_credits', credits: 6, achievementIds: [A, B, C] },
      { type: 'all', achievementIds: [D] },
    ];
    const all = [A, B, C, D];
    for (let mask = 0; mask < 16; mask++) {
      const start = all.filter((_, i) => mask & (1 << i));
      const add = completionSet(rules, new Set(start), credits)!;
      expect(evaluateProgramme(rules, held(...start, ...add), credits).complete, `from ${start}`).toBe(true);
    }
  });

  it('rejects an n larger than the list and a duplicated achievement', () => {
    const base = { title: 'T', description: 'D', learningOutcomes: ['o'], totalEcts: 5 };
    expect(ProgrammeDefinitionSchema.safeParse({ ...base, rules: [{ type: 'n_of', n: 3, achievementIds: [A, B] }] }).success).toBe(false);
    expect(ProgrammeDefinitionSchema.safeParse({ ...base, rules: [{ type: 'all', achievementIds: [A, A] }] }).success).toBe(false);
    expect(ProgrammeDefinitionSchema.parse({ ...base, rules: [{ type: 'all', achievementIds: [A] }] }).achievementType).toBe('LearningProgram');
  });
});
