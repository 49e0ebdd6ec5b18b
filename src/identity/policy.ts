import { AppError } from '../core/errors.js';
import type { Actor } from './actor.js';
import type { Scope } from './scopes.js';

/**
 * The one authorisation policy: every route and command asks `can()` before
 * touching data. Decisions depend only on the actor and the target ids, never
 * on whether the target exists, so a denial does not reveal what exists.
 */
export type Action =
  | { do: 'org.create' }
  | { do: 'org.list_all' }
  | { do: 'org.read'; orgId: string }
  | { do: 'org.update'; orgId: string }
  | { do: 'members.read'; orgId: string }
  | { do: 'members.manage'; orgId: string }
  | { do: 'api_keys.manage'; orgId: string }
  | { do: 'learner.profile' }
  | { do: 'achievements.read'; orgId: string }
  | { do: 'achievements.write'; orgId: string }
  | { do: 'credentials.read'; orgId: string }
  | { do: 'credentials.issue'; orgId: string }
  | { do: 'credentials.revoke'; orgId: string }
  | { do: 'issuer_keys.rotate'; orgId: string }
  | { do: 'programmes.read'; orgId: string }
  | { do: 'programmes.write'; orgId: string }
  | { do: 'commitments.read'; orgId: string }
  | { do: 'commitments.decide'; orgId: string }
  | { do: 'recognition.read'; orgId: string }
  | { do: 'recognition.write'; orgId: string }
  | { do: 'roles.read'; orgId: string }
  | { do: 'roles.write'; orgId: string };

/** Scope an API key needs for each action it may perform at all; absent = keys may never do it. */
const KEY_SCOPE: Partial<Record<Action['do'], Scope>> = {
  'org.read': 'org:read',
  'org.update': 'org:write',
  'members.read': 'members:read',
  'members.manage': 'members:write',
  'achievements.read': 'achievements:read',
  'achievements.write': 'achievements:write',
  'credentials.read': 'credentials:read',
  'credentials.issue': 'credentials:issue',
  'credentials.revoke': 'credentials:revoke',
  'programmes.read': 'achievements:read',
  'programmes.write': 'achievements:write',
};

/** Actions only a provider organisation (or its keys) can take. */
const PROVIDER_ONLY = new Set<Action['do']>(['achievements.write', 'credentials.issue', 'credentials.revoke', 'programmes.write']);

export function can(actor: Actor, action: Action): boolean {
  if (actor.type === 'anonymous') return false;

  if (actor.type === 'api_key') {
    const scope = KEY_SCOPE[action.do];
    if (PROVIDER_ONLY.has(action.do) && actor.orgKind !== 'provider') return false;
    return !!scope && 'orgId' in action && action.orgId === actor.orgId && actor.scopes.includes(scope);
  }

  const roleIn = (orgId: string) => actor.memberships.find((m) => m.orgId === orgId)?.role;
  switch (action.do) {
    case 'org.create':
    case 'org.list_all':
      return actor.platformAdmin;
    case 'org.read':
    case 'members.read':
      return roleIn(action.orgId) !== undefined || actor.platformAdmin;
    case 'org.update':
    case 'members.manage':
      return roleIn(action.orgId) === 'admin' || actor.platformAdmin;
    case 'api_keys.manage':
      // Only the organisation's own admins hold its keys, not the platform operator.
      return roleIn(action.orgId) === 'admin';
    case 'issuer_keys.rotate':
      return actor.memberships.some((m) => m.orgId === action.orgId && m.orgKind === 'provider' && m.role === 'admin');
    case 'learner.profile':
      return actor.isLearner;
    case 'achievements.read':
    case 'credentials.read':
      return roleIn(action.orgId) !== undefined || actor.platformAdmin;
    case 'programmes.read':
    case 'commitments.read':
    case 'recognition.read':
    case 'roles.read':
      return roleIn(action.orgId) !== undefined || actor.platformAdmin;
    case 'commitments.decide':
      // A partner's own people confirm what it commits to; nobody decides for it.
      return actor.memberships.some((m) => m.orgId === action.orgId && m.orgKind !== 'platform');
    case 'recognition.write':
      // Institutions recognise credit: universities (providers) and quality-assurance bodies.
      return actor.memberships.some((m) => m.orgId === action.orgId && (m.orgKind === 'provider' || m.orgKind === 'qa_body'));
    case 'roles.write':
      // Employers describe the roles they hire for.
      return actor.memberships.some((m) => m.orgId === action.orgId && m.orgKind === 'employer');
    case 'achievements.write':
    case 'programmes.write':
    case 'credentials.issue':
    case 'credentials.revoke':
      // Any member of a provider: staff assess, define and issue; admins manage people and keys.
      return actor.memberships.some((m) => m.orgId === action.orgId && m.orgKind === 'provider');
  }
}

/** Throws `unauthenticated` for anonymous callers and `forbidden` for everyone else denied. */
export function authorize(actor: Actor, action: Action): void {
  if (actor.type === 'anonymous') throw new AppError('unauthenticated');
  if (!can(actor, action)) throw new AppError('forbidden');
}
