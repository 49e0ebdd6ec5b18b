import { getAchievement, type Achievement } from '../achievements/index.js';
import type { VerifyResult } from '../credentials/index.js';
import type { DbOrTx } from '../db/index.js';
import { getOrganisation } from '../identity/index.js';
import { type CredentialRow, stateOf } from '../issuance/index.js';
import { bakedBadge, type BadgeText } from './badge.js';
import { certificatePdf } from './certificate.js';
import { linkedInAddToProfileUrl } from './linkedin.js';

/**
 * What the wallet shows and hands out for one credential: the facts of the
 * award, the files (signed JSON, baked badges, PDF certificate) and the
 * sharing links. Sharing needs a credential that verifies now: a revoked,
 * suspended or expired credential cannot be put on a profile.
 */
export interface WalletEntry {
  credential: CredentialRow;
  achievement: Achievement;
  issuer: { id: string; name: string; slug: string; country: string | null };
  /** The public verification page. */
  url: string;
  verification: VerifyResult;
}

export type WalletFile = 'json' | 'pdf' | 'png' | 'svg';
export const WALLET_FILES: readonly WalletFile[] = ['json', 'pdf', 'png', 'svg'];

export interface WalletDeps {
  db: DbOrTx;
  publicUrl: string;
  verify: (document: unknown) => Promise<VerifyResult>;
}

export async function walletEntry(deps: WalletDeps, c: CredentialRow): Promise<WalletEntry> {
  // One query at a time: `db` may be a transaction, which runs one statement at once.
  const org = await getOrganisation(deps.db, c.orgId);
  const achievement = await getAchievement(deps.db, null, c.achievementId, c.achievementVersion);
  const verification = await deps.verify(c.document);
  return {
    credential: c,
    achievement,
    issuer: { id: org.id, name: org.name, slug: org.slug, country: org.country },
    url: `${deps.publicUrl}/c/${c.id}`,
    verification,
  };
}

/** A credential may be shared (LinkedIn, share links) only while it verifies. */
export function shareable(e: WalletEntry): boolean {
  return e.verification.verified && stateOf(e.credential) === 'active';
}

export function linkedInUrl(e: WalletEntry): string | null {
  if (!shareable(e)) return null;
  return linkedInAddToProfileUrl({
    name: e.achievement.definition.name,
    organizationName: e.issuer.name,
    issuedAt: e.credential.issuedAt,
    expiresAt: e.credential.validUntil,
    certUrl: e.url,
    certId: e.credential.id,
  });
}

function badgeText(e: WalletEntry): BadgeText {
  return {
    achievementId: e.achievement.id,
    achievementName: e.achievement.definition.name,
    issuerName: e.issuer.name,
    image: e.achievement.definition.image?.id,
  };
}

/** The signed credential as text: the JWT when it was issued as one, else the JSON-LD document. */
function signedText(c: CredentialRow): string {
  return c.format === 'jwt' && c.jwt ? c.jwt : JSON.stringify(c.document, null, 2);
}

/** A file name from the achievement name: letters and digits of any script, hyphens between words. */
export function fileStem(e: WalletEntry): string {
  const words = e.achievement.definition.name.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return (words.join('-').slice(0, 60) || 'credential').replace(/-+$/, '');
}

/** One of the wallet's downloads: bytes, media type and a file name. */
export async function walletFile(e: WalletEntry, kind: WalletFile): Promise<{ body: Buffer | string; type: string; name: string }> {
  const stem = fileStem(e);
  switch (kind) {
    case 'json':
      return { body: JSON.stringify(e.credential.document, null, 2), type: 'application/vc+ld+json; charset=utf-8', name: `${stem}.json` };
    case 'png':
      return { body: Buffer.from((await bakedBadge('png', badgeText(e), signedText(e.credential))) as Uint8Array), type: 'image/png', name: `${stem}.png` };
    case 'svg':
      return { body: (await bakedBadge('svg', badgeText(e), signedText(e.credential))) as string, type: 'image/svg+xml; charset=utf-8', name: `${stem}.svg` };
    case 'pdf': {
      const d = e.achievement.definition;
      const body = await certificatePdf({
        credentialId: e.credential.id,
        verifyUrl: e.url,
        learnerName: e.credential.recipientName,
        achievementName: d.name,
        achievementDescription: d.description,
        issuerName: e.issuer.name,
        issuerDid: String((e.credential.document as { issuer?: { id?: string } }).issuer?.id ?? ''),
        issuedOn: e.credential.issuedAt,
        validUntil: e.credential.validUntil,
        ects: d.workload?.ects,
        hours: d.workload?.hours,
        eqfLevel: d.eqfLevel,
        skills: d.alignments.map((a) => a.targetName),
        badge: badgeText(e),
      });
      return { body, type: 'application/pdf', name: `${stem}.pdf` };
    }
  }
}
