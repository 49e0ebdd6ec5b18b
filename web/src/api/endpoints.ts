import { api, RawBody } from './client';
import type { AccountType, ApiKey, CreatedApiKey, Items, Me, Member, Organisation, PublicCredential, Role, ScopeInfo, SharedCredential, ShareLink, NameDisplay, User, VerifyResult, WalletItem } from './types';

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;

export const auth = {
  me: () => api.get<Me>('/api/me'),
  signIn: (body: { email: string; password: string }) => api.post<Me>('/api/auth/sign-in', body),
  signUp: (body: { email: string; password: string; name: string; account: AccountType; organisationName?: string }) =>
    api.post<Me>('/api/auth/sign-up', body),
  signOut: () => api.post<void>('/api/auth/sign-out'),
};

export const learner = {
  updateProfile: (body: { name?: string; headline?: string | null; locale?: string | null }) =>
    api.patch<User>('/api/learner/profile', body),
};

export const orgs = {
  get: (orgId: string) => api.get<Organisation>(org(orgId)),
  members: (orgId: string) => api.get<Items<Member>>(`${org(orgId)}/members`),
  addMember: (orgId: string, body: { email: string; role: Role }) => api.post<Member>(`${org(orgId)}/members`, body),
  removeMember: (orgId: string, userId: string) => api.delete(`${org(orgId)}/members/${encodeURIComponent(userId)}`),
  apiKeys: (orgId: string) => api.get<Items<ApiKey>>(`${org(orgId)}/api-keys`),
  createApiKey: (orgId: string, body: { name: string; scopes: string[] }) => api.post<CreatedApiKey>(`${org(orgId)}/api-keys`, body),
  revokeApiKey: (orgId: string, keyId: string) => api.delete(`${org(orgId)}/api-keys/${encodeURIComponent(keyId)}`),
  scopes: () => api.get<Items<ScopeInfo>>('/api/api-key-scopes'),
};

export const publicCredentials = {
  get: (id: string) => api.get<PublicCredential>(`/api/public/credentials/${encodeURIComponent(id)}`),
};

export const wallet = {
  list: () => api.get<Items<WalletItem>>('/api/learner/wallet'),
  createShare: (credentialId: string, body: { nameDisplay: NameDisplay; expiresAt?: string | null }) =>
    api.post<ShareLink>(`/api/learner/credentials/${encodeURIComponent(credentialId)}/shares`, body),
  revokeShare: (shareId: string) => api.post<ShareLink>(`/api/learner/shares/${encodeURIComponent(shareId)}/revoke`),
};

export const shares = {
  open: (token: string) => api.get<SharedCredential>(`/api/public/shares/${encodeURIComponent(token)}`),
};

export const verification = {
  /** A credential or presentation: JSON text, a JWT / SD-JWT, or a badge image as a data: URL. */
  verify: (text: string) => api.post<VerifyResult>('/api/verify', new RawBody(text)),
};
