import { api } from './client';
import type { Items } from './types';

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;

// --- achievements (src/achievements/definition.ts) -------------------------------------------

export const PARTICIPATION_FORMS = ['online', 'onsite', 'hybrid'] as const;
export const SUPERVISION_MODES = ['unsupervised', 'supervised-online', 'supervised-onsite'] as const;
export const INTEGRATION_MODES = ['stand-alone', 'integrated'] as const;
/** The OB 3.0 AchievementType values a provider picks from here (the API accepts the whole vocabulary and ext: names). */
export const ACHIEVEMENT_TYPES = ['MicroCredential', 'Course', 'Certificate', 'CertificateOfCompletion', 'Badge', 'Competency', 'Assessment', 'Award', 'LearningProgram'] as const;
export const RESULT_TYPES = ['LetterGrade', 'Percent', 'PerformanceLevel', 'RawScore', 'ScaledScore', 'Status', 'Result'] as const;

export interface Alignment {
  targetName: string;
  targetUrl: string;
  targetFramework?: string;
  targetCode?: string;
  targetDescription?: string;
}

export interface ResultDescription {
  name: string;
  resultType: string;
  allowedValue?: string[];
  requiredValue?: string;
  valueMin?: string;
  valueMax?: string;
}

export interface AchievementDefinition {
  name: string;
  description: string;
  criteria: { narrative: string };
  image?: { id: string; caption?: string };
  achievementType: string;
  tags: string[];
  alignments: Alignment[];
  resultDescriptions: ResultDescription[];
  fieldOfStudy?: string;
  humanCode?: string;
  inLanguage: string[];
  learningOutcomes: string[];
  workload: { ects?: number; hours?: number };
  eqfLevel?: number;
  assessment: string;
  participation: (typeof PARTICIPATION_FORMS)[number];
  qualityAssurance: string;
  prerequisites?: string;
  /** Catalogue ids of achievements a learner must hold first. */
  prerequisiteAchievements?: string[];
  supervision?: { mode: (typeof SUPERVISION_MODES)[number]; identityVerified: boolean };
  gradingScheme?: string;
  integration?: { mode: (typeof INTEGRATION_MODES)[number]; description?: string };
  furtherInformation?: string;
  price?: { amount: number; currency: string };
  durationWeeks?: number;
}

export type AchievementStatus = 'draft' | 'published' | 'archived';

export interface Achievement {
  id: string;
  orgId: string;
  status: AchievementStatus;
  version: number;
  definition: AchievementDefinition;
  createdAt: string;
  updatedAt: string;
}

export const achievements = {
  list: (orgId: string) => api.get<Items<Achievement>>(`${org(orgId)}/achievements`),
  create: (orgId: string, definition: AchievementDefinition, publish: boolean) => api.post<Achievement>(`${org(orgId)}/achievements?publish=${publish}`, definition),
  revise: (orgId: string, id: string, definition: AchievementDefinition) => api.put<Achievement>(`${org(orgId)}/achievements/${encodeURIComponent(id)}`, definition),
  setStatus: (orgId: string, id: string, status: AchievementStatus) => api.post<Achievement>(`${org(orgId)}/achievements/${encodeURIComponent(id)}/status`, { status }),
};

// --- skills (src/server/routes/skills.ts) -----------------------------------------------------

export interface SkillHit {
  uri: string;
  label: string;
  matched: string;
  description: string;
  score: number;
}

export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface SkillMatch {
  uri: string;
  label: string;
  score: number;
  evidence: EvidenceSpan[];
}

export const skills = {
  search: (q: string, limit = 8) => api.get<{ taxonomy: string; items: SkillHit[] }>(`/api/skills?q=${encodeURIComponent(q)}&limit=${limit}`),
  extract: (text: string, top = 10) => api.post<{ taxonomy: string; skills: SkillMatch[] }>('/api/skills/extract', { text, top }),
};

// --- issued credentials (src/server/routes/credentials.ts) ------------------------------------

export type CredentialState = 'active' | 'suspended' | 'revoked';
export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

export interface IssuedCredential {
  id: string;
  url: string;
  achievementId: string;
  achievementVersion: number;
  recipientName: string;
  recipientEmail: string | null;
  recipientDid: string | null;
  state: CredentialState;
  statusReason: string | null;
  issuedAt: string;
  validUntil: string | null;
  format: 'di' | 'jwt';
}

export interface IssueRequest {
  achievementId: string;
  recipient: { name: string; email?: string; did?: string };
  result?: string;
}

export interface IssuanceJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  issued: number;
  failed: number;
  pending: number;
  errors: { row: number; reason: string }[];
  createdAt: string;
  finishedAt: string | null;
}

export const credentials = {
  list: (orgId: string, opts: { limit?: number; offset?: number } = {}) => api.get<Items<IssuedCredential>>(`${org(orgId)}/credentials?limit=${opts.limit ?? 100}&offset=${opts.offset ?? 0}`),
  issue: (orgId: string, body: IssueRequest) => api.post<IssuedCredential>(`${org(orgId)}/credentials`, body),
  changeStatus: (orgId: string, id: string, action: StatusAction, reason?: string) =>
    api.post<IssuedCredential>(`${org(orgId)}/credentials/${encodeURIComponent(id)}/status`, { action, ...(reason ? { reason } : {}) }),
  startBulk: (orgId: string, body: { csv: string; achievementId?: string }) => api.post<IssuanceJob>(`${org(orgId)}/issuance-jobs`, body),
  job: (orgId: string, jobId: string) => api.get<IssuanceJob>(`${org(orgId)}/issuance-jobs/${encodeURIComponent(jobId)}`),
};
