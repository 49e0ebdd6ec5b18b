/**
 * LinkedIn's "Add to profile" link for a certification: it opens the member's
 * profile editor with the certification prefilled (name, issuing organisation,
 * issue and expiry month, the credential URL and id). No API key or app is
 * needed; the member confirms on LinkedIn.
 */
export interface LinkedInCertification {
  name: string;
  organizationName: string;
  issuedAt: Date;
  expiresAt?: Date | null;
  certUrl: string;
  certId: string;
}

export const LINKEDIN_ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

export function linkedInAddToProfileUrl(c: LinkedInCertification): string {
  const p = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: c.name,
    organizationName: c.organizationName,
    issueYear: String(c.issuedAt.getUTCFullYear()),
    issueMonth: String(c.issuedAt.getUTCMonth() + 1),
  });
  if (c.expiresAt) {
    p.set('expirationYear', String(c.expiresAt.getUTCFullYear()));
    p.set('expirationMonth', String(c.expiresAt.getUTCMonth() + 1));
  }
  p.set('certUrl', c.certUrl);
  p.set('certId', c.certId);
  return `${LINKEDIN_ADD_TO_PROFILE}?${p.toString()}`;
}
