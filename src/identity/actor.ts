import type { OrgKind, Role } from '../db/index.js';
import type { Scope } from './scopes.js';

export interface Membership {
  orgId: string;
  orgName: string;
  orgSlug: string;
  orgKind: OrgKind;
  role: Role;
}

/** Who is calling. Every access decision starts from one of these. */
export type Actor =
  | { type: 'anonymous' }
  | {
      type: 'user';
      userId: string;
      isLearner: boolean;
      /** Admin of an organisation of kind `platform`. */
      platformAdmin: boolean;
      memberships: Membership[];
    }
  | { type: 'api_key'; keyId: string; orgId: string; orgKind: OrgKind; scopes: Scope[] };

export const ANONYMOUS: Actor = { type: 'anonymous' };
