/** Employer roles described by skills (from job postings): targets for learners' pathways. */
export * from './definition.js';
export * from './service.js';
