import type { Me, Membership, OrgKind, Role } from '../api/types';

/** URL prefix of each organisation kind's home; the platform has one home, /admin. */
const KIND_PATH: Record<OrgKind, string> = { provider: '/provider', employer: '/employer', qa_body: '/qa', platform: '/admin' };

export interface Home {
  path: string;
  kind: 'learner' | OrgKind;
  orgId?: string;
  orgName?: string;
  role?: Role;
}

export function orgHomePath(m: Pick<Membership, 'orgId' | 'orgKind'>): string {
  return m.orgKind === 'platform' ? KIND_PATH.platform : `${KIND_PATH[m.orgKind]}/${m.orgId}`;
}

/** Every home the user may open, learner first: the navigation and the `/` redirect use this. */
export function homesOf(me: Me): Home[] {
  const homes: Home[] = me.learner ? [{ path: '/learner', kind: 'learner' }] : [];
  for (const m of me.memberships) {
    homes.push({ path: orgHomePath(m), kind: m.orgKind, orgId: m.orgId, orgName: m.orgName, role: m.role });
  }
  return homes;
}

/** Where `/` and a fresh sign-in lead; null when the account has no home at all. */
export function defaultHome(me: Me): string | null {
  return homesOf(me)[0]?.path ?? null;
}
