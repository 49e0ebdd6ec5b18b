/**
 * Pathway planning (issue #7): the set and order of achievements that covers
 * the most weighted skill gap at the least weighted cost, honouring
 * prerequisites, budget and hours (pure: planner, profile, gap; no HTTP, no
 * database — see docs/PATHWAYS.md), and the learner side over the database
 * (learner.ts, imports.ts — see docs/SKILLS-PROFILE.md).
 */
export * from './model.js';
export { planPathway, planValidated } from './planner.js';
export { buildCatalogue, reduce, type Catalogue, type ReducedModel } from './reduce.js';
export { PlanSpace } from './heuristic.js';
export { highsRuntime } from './solver.js';
export { buildProfile, EVIDENCE_KINDS, EVIDENCE_STRENGTH, VERIFIED_KINDS, type EvidenceKind, type ProfileSkill, type SkillEvidence } from './profile.js';
export { analyseGap, plannerGap, RELATED_CREDIT, skillGraph, type GapAnalysis, type GapSkillResult, type GapStatus, type SkillGraph, type TargetSkill } from './gap.js';
export * from './learner.js';
