import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWitness, formatAddCheckpoint, generateNoteKey, memoryWitnessState, sequenceOnce, SIG_TYPE } from '../../src/ledger/index.js';
import { findWebRoot } from '../../src/server/plugins/web.js';
import { signIn as apiSignIn, testApp, type TestApp } from '../helpers/app.js';
import { axeViolations, DESKTOP, launchBrowser, newPage, PHONE, screenshot } from './browser.js';

async function axeClean(page: Page, name: string) {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    expect(await axeViolations(page), `${name} at ${viewport.width}px`).toEqual([]);
    await screenshot(page, `${name}-${viewport === DESKTOP ? 'desktop' : 'phone'}`);
  }
  await page.setViewportSize(DESKTOP);
}

describe('transparency log audit page (browser)', { timeout: 120_000 }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let dataDir: string;
  let credential: { id: string; credential: { id: string } };
  // The log of the platform at PUBLIC_URL http://localhost:3000 (the default): its key is named after that origin.
  const logKey = generateNoteKey('localhost:3000/log');
  const witnessKey = generateNoteKey('witness.example', SIG_TYPE.cosignatureV1);
  const witness = createWitness({ key: witnessKey.signer, logs: [logKey.verifier], state: memoryWitnessState() });

  /** Sequences pending entries and publishes a checkpoint co-signed by the witness, as `serve` does with LOG_WITNESSES. */
  const publish = () =>
    sequenceOnce(t.database.db, logKey.signer, 4096, async (note) => {
      const a = await witness.addCheckpoint(formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: note }));
      return a.ok ? note + a.cosignatures : note;
    });

  beforeAll(async () => {
    if (!findWebRoot()) throw new Error('dist/web is missing: run `npm run build`');
    dataDir = mkdtempSync(path.join(tmpdir(), 'mc-log-e2e-'));
    writeFileSync(path.join(dataDir, 'log.key'), `${logKey.skey}\n`);
    browser = await launchBrowser();
    t = await testApp({
      demo: true,
      env: { AUTH_RATE_LIMIT: '1000', PUBLIC_URL: 'http://localhost:3000', MICROCRED_DATA: dataDir, LOG_WITNESSES: `${witnessKey.vkey} http://127.0.0.1:9/witness`, LOG_WITNESS_QUORUM: '1' },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const provider = await apiSignIn(t.app, 'teacher@lumiere.example');
    const orgId = provider.me.memberships[0]!.orgId;
    const list = (await provider.inject({ url: `/api/orgs/${orgId}/achievements` })).json().items;
    const achievementId = list.find((a: { definition: { humanCode?: string } }) => a.definition.humanCode === 'LUM-DATA-101').id;
    for (const [name, email] of [['Amara Okafor', 'amara.okafor@learners.example'], ['Zoë Müller', 'zoe.muller@learners.example'], ['Søren Ødegaard', 'soren.odegaard@learners.example']]) {
      const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials`, payload: { achievementId, recipient: { name, email } } });
      expect(res.statusCode, res.body).toBe(201);
      credential = res.json();
    }
    await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials/${credential.id}/status`, payload: { action: 'revoke' } });
    await publish();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the size, the signed checkpoint, the witness cosignature (checked in the browser) and the newest entries without personal data', async () => {
    const page = await newPage(browser, base);
    await page.goto(`${base}/log`);
    await page.getByRole('heading', { level: 1, name: 'Transparency log' }).waitFor();
    await expect.poll(() => page.getByText('Log signature: verified in your browser').count()).toBe(1);
    await page.getByText(/Cosignature: verified in your browser, signed at/).waitFor();
    await page.getByText('4 entries').waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('localhost:3000/log\n4\n');
    expect(text).toContain('— witness.example ');
    expect(text).toContain('this site\'s verifier requires 1 of the witnesses to co-sign');
    expect(text).toMatch(/#3\s+Revoked/);
    for (const personal of ['Søren', 'Amara', '@learners.example']) expect(text).not.toContain(personal);
    await axeClean(page, 'log-page');
  });

  it('finds a credential by its address, verifies its inclusion proofs in the browser, and reports the revocation', async () => {
    const page = await newPage(browser, base);
    await page.goto(`${base}/log`);
    await page.getByRole('textbox', { name: 'Credential address, id or hash' }).fill(credential.credential.id);
    await page.getByRole('button', { name: 'Search the log' }).click();
    await page.getByText('2 entries found, and their inclusion in the checkpoint of size 4 was verified in your browser').waitFor();
    const results = page.getByRole('list', { name: 'Entries found' });
    await results.getByText('✔ Entry #2 is in the checkpoint of size 4: the root recomputed from this proof matches').waitFor();
    await results.getByText('✔ Entry #3 is in the checkpoint of size 4: the root recomputed from this proof matches').waitFor();
    expect(await results.getByText('Revoked').count()).toBe(1);
    await results.getByText('Inclusion proof (2 hashes):').first().waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(credential.credential.id);
    await axeClean(page, 'log-search');

    // An unknown hash is a clear message, not an empty page.
    await page.getByRole('textbox', { name: 'Credential address, id or hash' }).fill('ab'.repeat(32));
    await page.getByRole('button', { name: 'Search the log' }).click();
    await page.getByRole('alert').getByText(/^The log has no entry for this\./).waitFor();
    expect(await page.getByRole('list', { name: 'Entries found' }).count()).toBe(0);
  });

  it('links the credential page’s log check to its entries', async () => {
    const page = await newPage(browser, base);
    await page.goto(`${base}/c/${credential.id}`);
    await page.getByText(/Recorded in the transparency log: Failed/).waitFor();
    await page.getByRole('link', { name: 'See its entries in the transparency log' }).click();
    await page.getByText(/2 entries found/).waitFor();
  });
});
