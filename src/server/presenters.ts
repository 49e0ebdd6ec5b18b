import { z } from 'zod';
import { ORG_KINDS, ROLES } from '../db/index.js';
import type { Membership, Organisation, PublicUser } from '../identity/index.js';

/** Response shapes shared by several routes; dates travel as ISO 8601 strings. */
export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    headline: z.string().nullable(),
    locale: z.string().nullable(),
    platformAdmin: z.boolean(),
  })
  .meta({ id: 'User' });

export const MembershipSchema = z
  .object({
    orgId: z.uuid(),
    orgName: z.string(),
    orgSlug: z.string(),
    orgKind: z.enum(ORG_KINDS),
    role: z.enum(ROLES),
  })
  .meta({ id: 'Membership' });

export const MeSchema = z
  .object({
    user: UserSchema,
    learner: z.boolean(),
    memberships: z.array(MembershipSchema),
    csrfToken: z.string().describe('Send as x-csrf-token on unsafe requests made with the session cookie.'),
  })
  .meta({ id: 'Me' });

export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    kind: z.enum(ORG_KINDS),
    country: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Organisation' });

export function presentUser(u: PublicUser, memberships: Membership[]): z.infer<typeof UserSchema> {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    headline: u.headline,
    locale: u.locale,
    platformAdmin: memberships.some((m) => m.orgKind === 'platform' && m.role === 'admin'),
  };
}

export function presentOrganisation(o: Organisation): z.infer<typeof OrganisationSchema> {
  return { id: o.id, name: o.name, slug: o.slug, kind: o.kind, country: o.country, createdAt: o.createdAt.toISOString() };
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The skills an achievement certifies, as the public pages show them. */
export const presentSkills = (alignments: readonly { targetName: string; targetUrl: string }[]) => alignments.map(({ targetName, targetUrl }) => ({ targetName, targetUrl }));

const CheckSchema = z.object({ id: z.string(), ok: z.boolean().nullable(), reason: z.string(), skipped: z.boolean().optional(), warnings: z.array(z.string()).optional() });
/** The verdict of `verify()`: every check with pass (true), fail (false) or could not check (null). */
export const VerifyResultSchema = z
  .object({
    verified: z.boolean(),
    format: z.string(),
    checks: z.array(CheckSchema),
    issuer: z.string().optional(),
    credential: z.record(z.string(), z.unknown()).optional(),
    credentials: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .meta({ id: 'VerifyResult' });
