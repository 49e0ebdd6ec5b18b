export { DbKeyStore } from './keystore.js';
export { achievementUrl, toObAchievement } from './achievement-json.js';
export { type BatchOutcome, contentHash, credentialUrl, issueCredential, issueCredentialsBatch, issuerDid, type CredentialRow, type IssuanceContext, type IssuanceTimings, type IssueRequest } from './issue.js';
export { changeCredentialStatus, getCredential, listIssuedCredentials, listLearnerCredentials, ofLearner, stateOf, validAt, STATUS_ACTIONS, type CredentialState, type StatusAction } from './manage.js';
export { canBeSuspended, readStatusBit, statusListDocument, statusListUrl } from './status.js';
export { Publisher, type PublisherOptions } from './publish.js';
export { BULK_ISSUE_JOB, bulkIssueHandler, bulkJobReport, bulkJobSummary, createBulkIssueJob, CSV_COLUMNS, parseIssuanceCsv } from './bulk.js';
