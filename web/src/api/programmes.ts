import { api } from './client';
import type { Items } from './types';

export type RuleType = 'all' | 'n_of' | 'min_credits';
export type ProgrammeRule =
  | { type: 'all'; title?: string; achievementIds: string[] }
  | { type: 'n_of'; title?: string; n: number; achievementIds: string[] }
  | { type: 'min_credits'; title?: string; credits: number; achievementIds: string[] };

export interface ProgrammeDefinition {
  title: string;
  description: string;
  learningOutcomes: string[];
  rules: ProgrammeRule[];
  totalEcts: number;
  achievementType?: string;
  eqfLevel?: number;
  humanCode?: string;
}

export type CommitmentKind = 'guaranteed_interview' | 'scholarship' | 'credit_recognition' | 'other';
export type CommitmentStatus = 'requested' | 'confirmed' | 'declined' | 'withdrawn';

export interface Commitment {
  id: string;
  programmeId: string;
  partner: { id: string; name: string; slug: string; kind: string };
  kind: CommitmentKind;
  description: string;
  degree: string | null;
  ects: number | null;
  status: CommitmentStatus;
  requestedByOrgId: string;
  decidedAt: string | null;
  createdAt: string;
}

export interface Programme {
  id: string;
  leadOrgId: string;
  owners: { id: string; name: string; slug: string; kind: string }[];
  status: 'draft' | 'published' | 'retired';
  version: number;
  definition: ProgrammeDefinition;
  achievementId: string | null;
  commitments: Commitment[];
  achievements: Record<string, { name: string; ects: number; providerOrgId: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface RuleProgress {
  rule: ProgrammeRule;
  satisfied: boolean;
  held: string[];
  missing: string[];
  required: number;
  achieved: number;
}

export interface ProgrammeProgress {
  programme: Programme;
  complete: boolean;
  rules: RuleProgress[];
  creditsHeld: number;
  awardedCredentialId: string | null;
}

export interface TranscriptDegree {
  institution: { id: string; name: string; slug: string };
  degree: string;
  entries: { agreementId: string; kind: 'programme' | 'achievement'; targetId: string; name: string; ects: number; credentialId: string }[];
  includedInProgramme: { achievementId: string; name: string; programmeName: string }[];
  totalEcts: number;
}

export interface CatalogueItem {
  id: string;
  orgId: string;
  definition: { name: string; humanCode?: string; workload: { ects?: number; hours?: number }; tags: string[] };
  provider: { id: string; name: string; slug: string };
}

export interface OrgSummary {
  id: string;
  name: string;
  slug: string;
  kind: string;
}

export interface RecognitionAgreement {
  id: string;
  institution: { id: string; name: string; slug: string };
  degree: string;
  programmeId: string | null;
  achievementId: string | null;
  targetName: string;
  ects: number;
  validFrom: string;
  validUntil: string | null;
  note: string | null;
  commitmentId: string | null;
  withdrawnAt: string | null;
  createdAt: string;
}

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;

export const programmes = {
  listPublic: () => api.get<Items<Programme>>('/api/programmes'),
  getPublic: (id: string) => api.get<Programme>(`/api/programmes/${encodeURIComponent(id)}`),
  catalogue: () => api.get<Items<CatalogueItem>>('/api/catalogue/achievements'),
  partners: () => api.get<Items<OrgSummary>>('/api/programme-partners'),
  owned: (orgId: string) => api.get<Items<Programme>>(`${org(orgId)}/programmes`),
  create: (orgId: string, body: { definition: ProgrammeDefinition; coOwnerOrgIds?: string[] }) => api.post<Programme>(`${org(orgId)}/programmes`, body),
  revise: (orgId: string, id: string, definition: ProgrammeDefinition) => api.put<Programme>(`${org(orgId)}/programmes/${encodeURIComponent(id)}`, { definition }),
  setStatus: (orgId: string, id: string, status: Programme['status']) => api.post<Programme & { awarded: number }>(`${org(orgId)}/programmes/${encodeURIComponent(id)}/status`, { status }),
  requestCommitment: (orgId: string, id: string, body: { partnerOrgId: string; kind: CommitmentKind; description: string; degree?: string; ects?: number }) =>
    api.post<Commitment>(`${org(orgId)}/programmes/${encodeURIComponent(id)}/commitments`, body),
  commitmentsAsked: (orgId: string) => api.get<Items<Commitment & { programmeTitle: string }>>(`${org(orgId)}/commitments`),
  decide: (orgId: string, commitmentId: string, decision: 'confirmed' | 'declined') => api.post<Commitment>(`${org(orgId)}/commitments/${encodeURIComponent(commitmentId)}/decision`, { decision }),
  agreements: (orgId: string) => api.get<Items<RecognitionAgreement>>(`${org(orgId)}/recognition`),
  createAgreement: (orgId: string, body: { degree: string; programmeId?: string; achievementId?: string; ects: number; validFrom: string; validUntil?: string; note?: string }) =>
    api.post<RecognitionAgreement>(`${org(orgId)}/recognition`, body),
  withdrawAgreement: (orgId: string, id: string) => api.post<RecognitionAgreement>(`${org(orgId)}/recognition/${encodeURIComponent(id)}/withdraw`),
  myProgress: () => api.get<Items<ProgrammeProgress>>('/api/learner/programmes'),
  myTranscript: () => api.get<{ degrees: TranscriptDegree[] }>('/api/learner/transcript'),
};
