/**
 * A learner's skills profile: every skill they can show, with its evidence
 * and how much that evidence is worth. Pure domain code: callers gather the
 * evidence (credentials, CV extraction, self-declarations) and pass it in.
 */

/** Kinds of evidence, strongest first. */
export const EVIDENCE_KINDS = ['credential', 'assessment', 'cv', 'self'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * What one piece of evidence is worth, 0–1. A verified credential is proof;
 * a passed assessment nearly so; a skill found in an uploaded CV or declared
 * by the learner is a claim, worth less, the CV a little more for naming a context.
 */
export const EVIDENCE_STRENGTH: Record<EvidenceKind, number> = { credential: 1, assessment: 0.8, cv: 0.5, self: 0.4 };

/** Only verified evidence counts as "covering" a skill; claims count as "partly". */
export const VERIFIED_KINDS: ReadonlySet<EvidenceKind> = new Set(['credential', 'assessment']);

export interface SkillEvidence {
  uri: string;
  label: string;
  kind: EvidenceKind;
  /** When the evidence was earned or stated. */
  at: Date;
  /** Proficiency 1 (basic) … 4 (expert), where known. */
  level?: number | null;
  /** What the evidence is: a credential (id, achievement, issuer), a CV snippet… */
  source?: { credentialId?: string; achievementName?: string; issuerName?: string; snippet?: string };
}

export interface ProfileSkill {
  uri: string;
  label: string;
  /** The strongest evidence's worth, 0–1. */
  strength: number;
  /** The kind of the strongest evidence. */
  kind: EvidenceKind;
  verified: boolean;
  level: number | null;
  /** The most recent evidence of any kind. */
  lastEvidenceAt: Date;
  /** Strongest first, then newest. */
  evidence: SkillEvidence[];
  /** The learner may edit (or remove) their own claims, never verified evidence. */
  editable: boolean;
}

const rank = (k: EvidenceKind) => EVIDENCE_KINDS.indexOf(k);

/** Folds evidence into one entry per skill, strongest first, then by label. */
export function buildProfile(evidence: SkillEvidence[]): ProfileSkill[] {
  const bySkill = new Map<string, SkillEvidence[]>();
  for (const e of evidence) {
    const list = bySkill.get(e.uri) ?? [];
    list.push(e);
    bySkill.set(e.uri, list);
  }
  const skills: ProfileSkill[] = [];
  for (const [uri, list] of bySkill) {
    list.sort((a, b) => rank(a.kind) - rank(b.kind) || b.at.getTime() - a.at.getTime());
    const best = list[0]!;
    const levels = list.map((e) => e.level).filter((l): l is number => typeof l === 'number');
    skills.push({
      uri,
      label: best.label,
      strength: EVIDENCE_STRENGTH[best.kind],
      kind: best.kind,
      verified: VERIFIED_KINDS.has(best.kind),
      // The level the strongest evidence states, else the highest claimed.
      level: best.level ?? (levels.length ? Math.max(...levels) : null),
      lastEvidenceAt: new Date(Math.max(...list.map((e) => e.at.getTime()))),
      evidence: list,
      editable: list.some((e) => e.kind === 'self' || e.kind === 'cv'),
    });
  }
  return skills.sort((a, b) => b.strength - a.strength || a.label.localeCompare(b.label));
}
