import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import type { Actor } from './actor.js';
import { authorize, can } from './policy.js';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const user = (over: Partial<Extract<Actor, { type: 'user' }>> = {}): Actor => ({
  type: 'user',
  userId: 'u',
  isLearner: false,
  platformAdmin: false,
  memberships: [],
  ...over,
});
const member = (role: 'admin' | 'staff', orgId = ORG): Actor =>
  user({ memberships: [{ orgId, orgName: 'O', orgSlug: 'o', orgKind: 'provider', role }] });

describe('the policy', () => {
  it('lets staff read but not manage their organisation', () => {
    expect(can(member('staff'), { do: 'org.read', orgId: ORG })).toBe(true);
    expect(can(member('staff'), { do: 'members.manage', orgId: ORG })).toBe(false);
    expect(can(member('admin'), { do: 'members.manage', orgId: ORG })).toBe(true);
  });

  it('gives nobody rights in an organisation they do not belong to', () => {
    for (const action of ['org.read', 'org.update', 'members.read', 'members.manage', 'api_keys.manage'] as const) {
      expect(can(member('admin', OTHER), { do: action, orgId: ORG })).toBe(false);
    }
  });

  it('keeps API keys out of the platform admin’s hands', () => {
    const op = user({ platformAdmin: true });
    expect(can(op, { do: 'org.update', orgId: ORG })).toBe(true);
    expect(can(op, { do: 'api_keys.manage', orgId: ORG })).toBe(false);
  });

  it('limits an API key to its own organisation and scopes, and never to key management', () => {
    const key: Actor = { type: 'api_key', keyId: 'k', orgId: ORG, orgKind: 'provider', scopes: ['org:read', 'members:write'] };
    expect(can(key, { do: 'org.read', orgId: ORG })).toBe(true);
    expect(can(key, { do: 'org.read', orgId: OTHER })).toBe(false);
    expect(can(key, { do: 'org.update', orgId: ORG })).toBe(false);
    expect(can(key, { do: 'members.manage', orgId: ORG })).toBe(true);
    expect(can(key, { do: 'api_keys.manage', orgId: ORG })).toBe(false);
    expect(can(key, { do: 'org.create' })).toBe(false);
  });

  it('throws unauthenticated for anonymous callers and forbidden for others', () => {
    const code = (a: Actor) => {
      try {
        authorize(a, { do: 'org.create' });
        return 'allowed';
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(code({ type: 'anonymous' })).toBe('unauthenticated');
    expect(code(member('admin'))).toBe('forbidden');
    expect(code(user({ platformAdmin: true }))).toBe('allowed');
  });
});
