export { bakedBadge, badgePng, badgeSvg, generatedBadgeSvg, renderPng, type BadgeText } from './badge.js';
export { certificatePdf, type CertificateInput } from './certificate.js';
export { linkedInAddToProfileUrl, LINKEDIN_ADD_TO_PROFILE, type LinkedInCertification } from './linkedin.js';
export { createShare, displayName, learnerCredential, listShares, NAME_DISPLAYS, openShare, revokeShare, shareState, type Learner, type NameDisplay, type ShareRow } from './shares.js';
export { fileStem, linkedInUrl, shareable, WALLET_FILES, walletEntry, walletFile, type WalletDeps, type WalletEntry, type WalletFile } from './service.js';
