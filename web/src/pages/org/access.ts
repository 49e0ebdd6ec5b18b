import type { Me, OrgKind, Role } from '../../api/types';

/**
 * What the signed-in user may do on an organisation's pages, mirroring the
 * server's policy (src/identity/policy.ts): members read, admins manage
 * members and API keys; platform admins read and manage members of any
 * organisation but never hold its API keys. The server still decides.
 */
export interface OrgAccess {
  role: Role | null; // null: a platform admin who is not a member
  canManageMembers: boolean;
  canManageApiKeys: boolean;
}

export type AccessResult = { ok: true; access: OrgAccess } | { ok: false; reason: 'forbidden' | 'not_found' };

export function orgAccess(me: Me, kind: OrgKind, orgId: string): AccessResult {
  const m = me.memberships.find((x) => x.orgId === orgId);
  // A member following a link with the wrong kind (/employer/<a provider>): that page does not exist.
  if (m && m.orgKind !== kind) return { ok: false, reason: 'not_found' };
  if (m) return { ok: true, access: { role: m.role, canManageMembers: m.role === 'admin' || me.user.platformAdmin, canManageApiKeys: m.role === 'admin' } };
  if (me.user.platformAdmin) return { ok: true, access: { role: null, canManageMembers: true, canManageApiKeys: false } };
  return { ok: false, reason: 'forbidden' };
}
