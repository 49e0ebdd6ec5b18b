import type { ProfileSkill } from './profile.js';

/**
 * Gap and alignment: how far a learner's skills profile is from a target
 * (an occupation of the taxonomy). Formula (docs/SKILLS-PROFILE.md):
 *
 *   coverage(s) = max( strength of s in the profile,
 *                      RELATED_CREDIT × strength of a held broader or narrower skill of s )
 *   score       = round(100 × Σ weight(s) × coverage(s) / Σ weight(s))
 *
 * weight(s) is 1 for an essential skill and 0.5 for an optional one (or the
 * role's own weight). A skill is *covered* when verified evidence (a
 * credential, a passed assessment) holds it, *partly covered* when only a
 * claim (CV, self-declared) or a related skill does, and *missing* otherwise.
 */

/** Credit for holding the broader or a narrower skill instead of the one asked for. */
export const RELATED_CREDIT = 0.5;

export interface TargetSkill {
  uri: string;
  label: string;
  weight: number;
  relation?: 'essential' | 'optional';
}

/** Skill-to-skill hierarchy edges of a taxonomy (groups left out: too coarse to give credit). */
export interface SkillGraph {
  broader(uri: string): readonly string[];
  narrower(uri: string): readonly string[];
}

export function skillGraph(skills: { uri: string; broader: string[] }[]): SkillGraph {
  const known = new Set(skills.map((s) => s.uri));
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const s of skills) {
    for (const b of s.broader) {
      if (!known.has(b)) continue;
      up.set(s.uri, [...(up.get(s.uri) ?? []), b]);
      down.set(b, [...(down.get(b) ?? []), s.uri]);
    }
  }
  return { broader: (u) => up.get(u) ?? [], narrower: (u) => down.get(u) ?? [] };
}

export type GapStatus = 'covered' | 'partial' | 'missing';

export interface GapSkillResult extends TargetSkill {
  status: GapStatus;
  /** 0–1, as in the formula. */
  coverage: number;
  /** The held skill that earns the coverage: this one, or a broader/narrower one. */
  via: { uri: string; label: string; relation: 'same' | 'broader' | 'narrower'; kind: ProfileSkill['kind']; verified: boolean } | null;
}

export interface GapAnalysis {
  /** Skill alignment, 0–100. */
  score: number;
  totalWeight: number;
  coveredWeight: number;
  covered: GapSkillResult[];
  partial: GapSkillResult[];
  missing: GapSkillResult[];
}

export function analyseGap(target: TargetSkill[], profile: ProfileSkill[], graph: SkillGraph): GapAnalysis {
  const held = new Map(profile.map((p) => [p.uri, p]));
  const results = target.map((t): GapSkillResult => {
    const direct = held.get(t.uri);
    let best: GapSkillResult['via'] = direct ? { uri: direct.uri, label: direct.label, relation: 'same', kind: direct.kind, verified: direct.verified } : null;
    let coverage = direct?.strength ?? 0;
    for (const [relation, uris] of [['broader', graph.broader(t.uri)], ['narrower', graph.narrower(t.uri)]] as const) {
      for (const u of uris) {
        const h = held.get(u);
        if (h && RELATED_CREDIT * h.strength > coverage) {
          coverage = RELATED_CREDIT * h.strength;
          best = { uri: h.uri, label: h.label, relation, kind: h.kind, verified: h.verified };
        }
      }
    }
    const status: GapStatus = coverage === 0 ? 'missing' : best?.relation === 'same' && best.verified && coverage >= 1 ? 'covered' : 'partial';
    return { ...t, status, coverage, via: best };
  });
  const totalWeight = results.reduce((s, r) => s + r.weight, 0);
  const coveredWeight = results.reduce((s, r) => s + r.weight * r.coverage, 0);
  const byWeight = (a: GapSkillResult, b: GapSkillResult) => b.weight - a.weight || a.label.localeCompare(b.label);
  return {
    score: totalWeight > 0 ? Math.round((100 * coveredWeight) / totalWeight) : 0,
    totalWeight,
    coveredWeight,
    covered: results.filter((r) => r.status === 'covered').sort(byWeight),
    partial: results.filter((r) => r.status === 'partial').sort(byWeight),
    missing: results.filter((r) => r.status === 'missing').sort(byWeight),
  };
}

/** What is left to learn, for the planner: each not-covered skill weighted by what it still lacks. */
export function plannerGap(a: GapAnalysis): { uri: string; weight: number }[] {
  return [...a.missing, ...a.partial].map((r) => ({ uri: r.uri, weight: Number((r.weight * (1 - r.coverage)).toFixed(6)) })).filter((g) => g.weight > 0);
}
