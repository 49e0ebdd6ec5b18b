/**
 * Programmes: stackable micro-credentials. A programme is rules over
 * achievements (all of, n of m, minimum ECTS) owned by one or more providers,
 * with partner commitments its partners confirm; completing it issues the
 * programme credential automatically. Institutions record credit recognition
 * agreements, from which a learner's credit transcript is drawn.
 *
 * For the pathway planner: `achievementsToComplete(db, programmeId, learnerId, now)`
 * gives the achievement ids that would complete a programme for a learner
 * (`[]` when complete, `undefined` when it cannot be completed), and
 * `completionSet(rules, held, credits)` is the same, pure.
 */
export * from './definition.js';
export * from './rules.js';
export * from './service.js';
export * from './awards.js';
export * from './recognition.js';
