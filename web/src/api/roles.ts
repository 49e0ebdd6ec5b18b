import { api } from './client';
import type { Items } from './types';

// --- employer roles (src/server/routes/roles.ts) ---------------------------------------------------

export interface RoleSkill {
  uri: string;
  label: string;
  relation: 'essential' | 'optional';
  count: number;
}

export interface EmployerRole {
  id: string;
  orgId: string;
  title: string;
  description: string;
  postings: number;
  skills: RoleSkill[];
  status: 'draft' | 'published';
  /** What a learner passes as a pathway target. */
  target: string;
  createdAt: string;
  updatedAt: string;
}

export interface PublishedRole extends EmployerRole {
  employer: { id: string; name: string; slug: string };
}

export type RoleBody = Pick<EmployerRole, 'title' | 'description' | 'postings' | 'skills' | 'status'>;

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/roles`;

export const roles = {
  list: (orgId: string) => api.get<Items<EmployerRole>>(org(orgId)),
  create: (orgId: string, body: RoleBody) => api.post<EmployerRole>(org(orgId), body),
  update: (orgId: string, id: string, body: RoleBody) => api.put<EmployerRole>(`${org(orgId)}/${encodeURIComponent(id)}`, body),
  remove: (orgId: string, id: string) => api.delete(`${org(orgId)}/${encodeURIComponent(id)}`),
  demand: (postings: string[]) => api.post<{ taxonomy: string; postings: number; skills: { uri: string; label: string; count: number; share: number }[] }>('/api/skills/demand', { postings }),
  published: (q?: string) => api.get<Items<PublishedRole>>(`/api/roles${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  get: (id: string) => api.get<PublishedRole>(`/api/roles/${encodeURIComponent(id)}`),
};
