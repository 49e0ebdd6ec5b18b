import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import type { VerifyResult } from '../credentials/index.js';
import { type DbOrTx, schema } from '../db/index.js';

/**
 * Credentials from other issuers a learner brings in: kept only when they
 * verify now and name this learner, so their skills can count as verified.
 */

const { importedCredentials } = schema;
export type ImportedCredential = typeof importedCredentials.$inferSelect;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Whether an OB 3.0 credential's subject is the learner with this email: an
 * `emailAddress` identifier, plain or salted-hashed (`sha256$hex` of email + salt).
 */
export function subjectIsLearner(credential: Json, email: string): { ok: boolean; reason: string } {
  const subject = obj([credential.credentialSubject].flat()[0]);
  if (!subject) return { ok: false, reason: 'it has no credentialSubject' };
  const normalised = email.trim().toLowerCase();
  const identifiers = [subject.identifier ?? []].flat().map(obj).filter((x): x is Json => !!x);
  const emails = identifiers.filter((i) => i.identityType === 'emailAddress');
  for (const i of emails) {
    const value = str(i.identityHash) ?? '';
    if (i.hashed === true) {
      const [alg, hex] = value.includes('$') ? value.split('$', 2) : ['sha256', value];
      if (alg?.toLowerCase() === 'sha256' && hex && createHash('sha256').update(normalised + (str(i.salt) ?? ''), 'utf8').digest('hex') === hex.toLowerCase()) {
        return { ok: true, reason: 'its subject is identified by the hash of your email address' };
      }
    } else if (value.trim().toLowerCase() === normalised) {
      return { ok: true, reason: 'its subject is identified by your email address' };
    }
  }
  return {
    ok: false,
    reason: emails.length
      ? 'its subject is identified by another email address than your account’s'
      : `its subject is identified ${str(subject.id) ? `as ${str(subject.id)}` : 'by no email address'}, which cannot be matched to your account`,
  };
}

/** What the wallet and the skills profile need from an imported credential. */
export function describeImported(credential: Json): { issuerId: string; issuerName: string; achievementName: string; skills: { uri: string; label: string }[]; validUntil: Date | null } {
  const issuer = obj(credential.issuer);
  const issuerId = str(issuer?.id) ?? str(credential.issuer) ?? 'unknown issuer';
  const subject = obj([credential.credentialSubject].flat()[0]);
  const achievement = obj(subject?.achievement);
  const skills = [achievement?.alignment ?? []]
    .flat()
    .map(obj)
    .filter((a): a is Json => !!a && !!str(a.targetUrl))
    .map((a) => ({ uri: str(a.targetUrl)!, label: str(a.targetName) ?? str(a.targetUrl)! }));
  const until = str(credential.validUntil) ?? str(credential.expirationDate);
  return {
    issuerId,
    issuerName: str(issuer?.name) ?? issuerId,
    achievementName: str(achievement?.name) ?? str(credential.name) ?? 'Credential',
    skills,
    validUntil: until && !Number.isNaN(Date.parse(until)) ? new Date(until) : null,
  };
}

/**
 * Verifies and keeps a credential for this learner. Importing the same
 * credential again returns the earlier import.
 */
export async function importCredential(
  db: DbOrTx,
  learner: { id: string; email: string },
  original: string,
  verify: (input: string) => Promise<VerifyResult>,
  now: Date,
): Promise<{ imported: ImportedCredential; created: boolean; verification: VerifyResult }> {
  const verification = await verify(original);
  if (!verification.verified) {
    const failed = verification.checks.filter((c) => c.ok !== true).map((c) => `${c.id}: ${c.reason}`);
    throw new AppError('credential_not_verified', `It cannot be imported: ${failed.join('; ') || 'it did not verify'}.`);
  }
  const credential = obj(verification.credential);
  if (!credential) throw new AppError('credential_not_verified', 'Only a single credential can be imported, not a presentation.');
  const mine = subjectIsLearner(credential, learner.email);
  if (!mine.ok) throw new AppError('credential_not_yours', `It cannot be imported: ${mine.reason}.`);
  const facts = describeImported(credential);
  const contentHash = createHash('sha256').update(original.trim(), 'utf8').digest('hex');
  const inserted = await db
    .insert(importedCredentials)
    .values({ userId: learner.id, contentHash, original: original.trim(), ...facts, verifiedAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { imported: inserted[0], created: true, verification };
  const [existing] = await db.select().from(importedCredentials).where(and(eq(importedCredentials.userId, learner.id), eq(importedCredentials.contentHash, contentHash)));
  return { imported: existing!, created: false, verification };
}

export async function listImported(db: DbOrTx, learnerId: string): Promise<ImportedCredential[]> {
  return db.select().from(importedCredentials).where(eq(importedCredentials.userId, learnerId)).orderBy(desc(importedCredentials.createdAt));
}

export async function removeImported(db: DbOrTx, learnerId: string, id: string): Promise<void> {
  const gone = await db.delete(importedCredentials).where(and(eq(importedCredentials.id, id), eq(importedCredentials.userId, learnerId))).returning({ id: importedCredentials.id });
  if (gone.length === 0) throw new AppError('not_found', 'No such imported credential.');
}
