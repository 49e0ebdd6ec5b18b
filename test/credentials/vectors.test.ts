import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonize, contextLoader, createSigner, decodeStatusList, signDataIntegrity, verify } from '../../src/credentials/index.js';
import { multibaseDecode } from '../../src/credentials/multibase.js';
import { readJson, readText, README_NOW, standardsDocuments } from './standards.js';

const TV = 'vc-di-eddsa/TestVectors/';
const hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('when reproducing the W3C eddsa-rdfc-2022 test vectors', () => {
  const keyPair = readJson<{ privateKeyMultibase: string }>(`${TV}keyPair.json`);
  // Multicodec ed25519-priv (0x8026) + 32-byte seed.
  const secret = multibaseDecode(keyPair.privateKeyMultibase).subarray(2);

  for (const [dir, unsigned] of [['eddsa-rdfc-2022/', 'unsigned.json'], ['eddsa-rdfc-2022/employ/', 'employmentAuth.json']] as const) {
    describe(`when the document is ${unsigned}`, () => {
      const doc = readJson(`${TV}${unsigned}`);
      const config = readJson(`${TV}${dir}proofConfigDataInt.json`);

      it('gives the canonical N-Quads and hashes byte for byte', async () => {
        const canon = await canonize(doc, contextLoader);
        expect(canon).toBe(readText(`${TV}${dir}canonDocDataInt.txt`));
        expect(hex(canon)).toBe(readText(`${TV}${dir}docHashDataInt.txt`).trim());
        const proofCanon = await canonize(config, contextLoader);
        expect(proofCanon).toBe(readText(`${TV}${dir}proofCanonDataInt.txt`));
        expect(hex(proofCanon)).toBe(readText(`${TV}${dir}proofHashDataInt.txt`).trim());
        expect(hex(proofCanon) + hex(canon)).toBe(readText(`${TV}${dir}combinedHashDataInt.txt`).trim());
      });

      it('signs to the published proofValue', async () => {
        const signed = await signDataIntegrity(doc, createSigner(String(config.verificationMethod), secret), { created: new Date(String(config.created)) });
        const expected = readJson<{ proof: { proofValue: string } }>(`${TV}${dir}signedDataInt.json`);
        expect((signed.proof as { proofValue: string }).proofValue).toBe(expected.proof.proofValue);
        expect(Buffer.from(multibaseDecode(expected.proof.proofValue)).toString('hex')).toBe(readText(`${TV}${dir}sigHexDataInt.txt`).trim());
      });
    });
  }

  describe('when the 1EdTech OB 3.0 implementation-guide vector is signed', () => {
    it('gives its canonical document and proofValue', async () => {
      const kp = readJson<{ privateKeyHex: string; id: string }>('openbadges/test-vectors/obv3p0/keypair.json');
      const unsigned = readJson('openbadges/test-vectors/obv3p0/unsigned.json');
      expect(await canonize(unsigned, contextLoader)).toBe(readText('openbadges/test-vectors/obv3p0/document-canon.txt'));
      const cfg = readJson('openbadges/test-vectors/obv3p0/proof-config.json');
      const signed = await signDataIntegrity(unsigned, createSigner(kp.id, Buffer.from(kp.privateKeyHex.slice(0, 64), 'hex')), { created: new Date(String(cfg.created)) });
      expect(signed.proof).toEqual(readJson('openbadges/test-vectors/obv3p0/signed.json').proof);
    });
  });
});

describe('when verifying the other suites of the W3C vectors', () => {
  const cases = [
    'eddsa-rdfc-2022/signedDataInt.json',
    'eddsa-rdfc-2022/employ/signedDataInt.json',
    'eddsa-jcs-2022/signedJCS.json',
    'Ed25519Signature2020/signedEdSig.json',
    'proof-set-chain/signedProofSet2.json',
    'proof-set-chain/signedProofChain2.json',
  ];
  for (const file of cases) {
    it(`checks every signature of ${file}, and refuses the issuer who does not control the key`, async () => {
      const r = await verify(readText(`${TV}${file}`), { now: README_NOW, documents: standardsDocuments() });
      expect(r.checks.find((c) => c.id === 'proof')).toMatchObject({ ok: true });
      // The vectors claim issuer https://vc.example/issuers/5678 but are signed by a did:key.
      expect(r.checks.find((c) => c.id === 'key')).toMatchObject({ ok: false });
      expect(r.verified).toBe(false);
    });
  }

  it('detects a tampered eddsa-jcs-2022 credential', async () => {
    const doc = readJson(`${TV}eddsa-jcs-2022/signedJCS.json`);
    (doc.credentialSubject as Record<string, unknown>).alumniOf = 'Somewhere Else';
    const r = await verify(doc, { now: README_NOW });
    expect(r.checks.find((c) => c.id === 'proof')).toMatchObject({ ok: false });
  });
});

describe('when decoding a published status list', () => {
  it('reads the DCC list with bits 6 and 8 set and 7 clear', () => {
    const list = readJson<{ credentialSubject: { encodedList: string } }>('credentials/dcc-vc-test-fixtures/statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj');
    const bits = decodeStatusList(list.credentialSubject.encodedList);
    const bit = (i: number) => (bits[i >> 3]! >> (7 - (i & 7))) & 1;
    expect([bit(6), bit(7), bit(8)]).toEqual([1, 0, 1]);
  });
});
