// Shapes of the microcred HTTP API, as the server sends them (dates are ISO 8601 strings).

export type OrgKind = 'provider' | 'employer' | 'qa_body' | 'platform';
export type Role = 'admin' | 'staff';
export type AccountType = 'learner' | 'provider' | 'employer';

export interface User {
  id: string;
  email: string;
  name: string;
  headline: string | null;
  locale: string | null;
  platformAdmin: boolean;
}

export interface Membership {
  orgId: string;
  orgName: string;
  orgSlug: string;
  orgKind: OrgKind;
  role: Role;
}

export interface Me {
  user: User;
  learner: boolean;
  memberships: Membership[];
  csrfToken: string;
}

export interface Organisation {
  id: string;
  name: string;
  slug: string;
  kind: OrgKind;
  country: string | null;
  createdAt: string;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  secret: string;
}

export interface ScopeInfo {
  scope: string;
  description: string;
}

export interface Items<T> {
  items: T[];
}

/** RFC 9457 problem details, as every API error is sent. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
}

export interface VerificationCheck {
  id: string;
  ok: boolean | null;
  reason: string;
  /** The check does not apply to this credential (ok is then true). */
  skipped?: boolean;
  warnings?: string[];
}

export interface Verification {
  verified: boolean;
  format: string;
  checks: VerificationCheck[];
}

export interface PublicCredential {
  credential: Record<string, unknown>;
  state: 'active' | 'suspended' | 'revoked';
  recipientName: string;
  issuer: { name: string; slug: string; country: string | null };
  achievement: { name: string; description: string; version: number; skills: { targetName: string; targetUrl: string }[] };
  verification: Verification;
}

export type NameDisplay = 'full' | 'initials' | 'hidden';

export interface ShareLink {
  id: string;
  credentialId: string;
  url: string;
  nameDisplay: NameDisplay;
  state: 'active' | 'revoked' | 'expired';
  expiresAt: string | null;
  revokedAt: string | null;
  viewCount: number;
  lastViewedAt: string | null;
  createdAt: string;
}

export type WalletFileKind = 'json' | 'pdf' | 'png' | 'svg';

export interface WalletItem {
  id: string;
  url: string;
  recipientName: string;
  achievement: { id: string; name: string; description: string; achievementType: string; skills: { targetName: string; targetUrl: string }[] };
  issuer: { name: string; slug: string; country: string | null };
  issuedAt: string;
  validUntil: string | null;
  state: 'active' | 'suspended' | 'revoked';
  verified: boolean;
  shareable: boolean;
  linkedInUrl: string | null;
  files: Record<WalletFileKind, string>;
  shares: ShareLink[];
}

export interface SharedCredential {
  recipientName: string | null;
  nameDisplay: NameDisplay;
  state: 'active' | 'suspended' | 'revoked';
  issuer: { name: string; slug: string; country: string | null };
  achievement: { name: string; description: string; version: number; skills: { targetName: string; targetUrl: string }[] };
  issuedAt: string;
  validUntil: string | null;
  sharedAt: string;
  expiresAt: string | null;
  verification: Verification;
  credential: Record<string, unknown> | null;
}

export interface VerifyResult extends Verification {
  issuer?: string;
  credential?: Record<string, unknown>;
}
