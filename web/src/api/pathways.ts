import { api, RawBody } from './client';
import type { Items } from './types';

// --- the learner's skills profile, gap and pathway (src/server/routes/pathways.ts) ---------------

export type EvidenceKind = 'credential' | 'assessment' | 'cv' | 'self';

export interface ProfileSkill {
  uri: string;
  label: string;
  strength: number;
  kind: EvidenceKind;
  verified: boolean;
  level: number | null;
  lastEvidenceAt: string;
  editable: boolean;
  evidence: { kind: EvidenceKind; at: string; level: number | null; credentialId: string | null; achievementName: string | null; issuerName: string | null; snippet: string | null }[];
}

export interface GapSkill {
  uri: string;
  label: string;
  weight: number;
  relation?: 'essential' | 'optional';
  status: 'covered' | 'partial' | 'missing';
  coverage: number;
  via: { uri: string; label: string; relation: 'same' | 'broader' | 'narrower'; kind: string; verified: boolean } | null;
}

export interface Gap {
  score: number;
  totalWeight: number;
  coveredWeight: number;
  covered: GapSkill[];
  partial: GapSkill[];
  missing: GapSkill[];
}

export interface Target {
  kind: 'occupation' | 'role';
  uri: string;
  label: string;
  employer?: string;
  postings?: number;
}

export interface PlanStep {
  achievementId: string;
  name: string;
  provider: string;
  price: number;
  currency: string | null;
  hours: number;
  durationWeeks: number | null;
  participation: string;
  covers: { uri: string; label: string; relation?: string }[];
  needs: string[];
  reason: string;
  explanation: string;
}

export interface LearnerPathway {
  target: Target;
  gap: Gap;
  steps: PlanStep[];
  programme: { id: string; title: string; achievements: string[] } | null;
  cost: number;
  price: number;
  hours: number;
  covered: string[];
  uncovered: { uri: string; label?: string; reason: string }[];
  optimal: boolean;
  optimalityGap: number;
  method: 'exact' | 'heuristic';
  alternatives: { achievements: string[]; cost: number; price: number; hours: number; covered: string[]; uncovered: string[] }[];
  explanation: string[];
}

export interface PathwayRequest {
  target: string;
  weights?: { money: number; hours: number };
  budget?: number | null;
  maxHours?: number | null;
  hoursPerWeek?: number | null;
  deadline?: string | null;
  onlineOnly?: boolean;
  programmeId?: string;
}

export interface OccupationMatch {
  uri: string;
  label: string;
  score: number;
}

export const learnerSkills = {
  profile: () => api.get<Items<ProfileSkill>>('/api/learner/skills'),
  declare: (uri: string, level?: number | null) => api.post<Items<ProfileSkill>>('/api/learner/skills', { uri, level: level ?? null }),
  remove: (uri: string) => api.delete(`/api/learner/skills?uri=${encodeURIComponent(uri)}`),
  fromCv: (text: string) => api.post<Items<ProfileSkill> & { added: { uri: string; label: string; snippet: string }[] }>('/api/learner/skills/from-cv', { text }),
};

export const pathways = {
  gap: (target: string) => api.get<Gap & { target: Target }>(`/api/learner/gap?target=${encodeURIComponent(target)}`),
  plan: (body: PathwayRequest) => api.post<LearnerPathway>('/api/learner/pathway', body),
  occupations: (q: string) => api.get<{ taxonomy: string; items: OccupationMatch[] }>(`/api/occupations?q=${encodeURIComponent(q)}&limit=8`),
};

export interface ImportedCredential {
  id: string;
  issuerId: string;
  issuerName: string;
  achievementName: string;
  skills: { uri: string; label: string }[];
  validUntil: string | null;
  verifiedAt: string;
  createdAt: string;
}

export const imports = {
  list: () => api.get<Items<ImportedCredential>>('/api/learner/imports'),
  /** JSON text, a JWT, or a baked badge as a data: URL. */
  add: (text: string) => api.post<{ imported: ImportedCredential }>('/api/learner/imports', new RawBody(text)),
  remove: (id: string) => api.delete(`/api/learner/imports/${encodeURIComponent(id)}`),
};
