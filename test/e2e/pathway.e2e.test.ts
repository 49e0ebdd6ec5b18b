import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential, createSigner, didKeyFor, generateEd25519Key, signDataIntegrity } from '../../src/credentials/index.js';
import { demoSkillUri } from '../../src/taxonomy/index.js';
import { startTestServer } from '../helpers/server.js';
import { axeViolations, DEMO_LEARNER, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './browser.js';

describe('the learner skills profile and pathway pages (browser)', { timeout: 150_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ taxonomy: true, programmes: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('seeds skills from a CV and a search, each with its evidence, accessibly', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, DEMO_LEARNER);
    await page.goto('/learner/skills');
    await page.getByRole('heading', { name: 'My skills', level: 1 }).waitFor();
    const cv = 'Reporting analyst since 2021: I write SQL queries, clean messy data and build dashboards for managers.';
    await page.getByRole('textbox', { name: 'Your CV' }).fill(cv);
    await page.getByRole('button', { name: 'Find skills in my CV' }).click();
    await page.getByRole('status').filter({ hasText: /skills? found in your CV/ }).waitFor();
    const table = page.getByRole('table', { name: 'Your skills' });
    const sqlRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'SQL', exact: true }) });
    expect(await sqlRow.textContent()).toContain('From your CV');
    // The evidence is the CV's own words.
    const snippet = /Your CV: “([^”]+)”/.exec((await sqlRow.textContent())!)![1]!;
    expect(snippet).toContain('SQL');
    for (const piece of snippet.split(' … ')) expect(cv).toContain(piece);

    await page.getByRole('searchbox', { name: 'Search skills' }).fill('statistcs');
    await page.getByRole('button', { name: 'Add the skill statistics', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'statistics added to your profile' }).waitFor();
    expect(await table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'statistics', exact: true }) }).textContent()).toContain('Self-declared');

    // A credential from another issuer (did:key) for this learner's email: imported, its skill verified.
    const key = generateEd25519Key();
    const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
    const external = await signDataIntegrity(
      buildOpenBadgeCredential({
        id: 'urn:uuid:5d0f1f2e-8c1a-4f63-9d0e-2b7c1a9e4f10',
        issuer: { id: did, name: 'Académie Numérique Indépendante' },
        achievement: { id: 'https://academie.example/badges/forecasting', name: 'Forecasting with Time Series', description: 'Forecast demand.', criteria: { narrative: 'Pass the project.' }, achievementType: 'MicroCredential', alignment: [{ type: ['Alignment'], targetName: 'forecasting', targetUrl: demoSkillUri('forecasting') }] },
        recipient: { email: DEMO_LEARNER },
        validFrom: new Date(Date.now() - 86_400_000),
      }),
      createSigner(verificationMethod, key.secretKey),
      { created: new Date(Date.now() - 86_400_000) },
    );
    await page.getByRole('textbox', { name: 'Credential', exact: true }).fill(JSON.stringify(external));
    await page.getByRole('button', { name: 'Verify and import' }).click();
    await page.getByRole('status').filter({ hasText: 'Forecasting with Time Series imported' }).waitFor();
    const forecasting = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'forecasting', exact: true }) });
    await forecasting.waitFor();
    expect(await forecasting.textContent()).toContain('Verified credential');
    expect(await forecasting.textContent()).toContain('Académie Numérique Indépendante');

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'skills-desktop');
    await page.close();
  });

  it('shows the gap to a chosen role and an optimal pathway within the budget, at desktop and phone size', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, server.url, viewport);
      await signIn(page, DEMO_LEARNER);
      await page.goto('/learner/pathway');
      await page.getByRole('searchbox', { name: 'Search for a role or an occupation' }).fill('data analyst');
      await page.getByRole('button', { name: 'data analyst', exact: true }).click();
      await page.getByRole('heading', { name: 'Towards: data analyst' }).waitFor();
      const gap = page.getByRole('region', { name: 'Your skills against this role' }).or(page.locator('section[aria-labelledby="gap-heading"]'));
      expect(await gap.textContent()).toMatch(/Skill alignment: \d+ out of 100/);
      // SQL came from the CV in the first test: partly covered, not covered.
      expect(await page.locator('section[aria-labelledby="gap-heading"]').textContent()).toContain('from your CV, not yet verified');
      const plan = page.getByRole('region', { name: 'The planned pathway' });
      await plan.waitFor();
      expect(await plan.textContent()).toContain('This is the best plan for what you asked.');
      expect(await plan.locator('.mantine-Timeline-item').count()).toBeGreaterThan(1);

      await page.getByRole('textbox', { name: 'Budget' }).fill('500');
      await page.getByRole('button', { name: 'Plan again' }).click();
      // The earlier plan stays on screen until the new one arrives: wait for the new total.
      const total = async () => Number(/€([\d,]+)/.exec((await plan.getByText(/micro-credentials?, €/).textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
      await expect.poll(total, { timeout: 15_000 }).toBeLessThanOrEqual(500);
      expect(await plan.textContent()).toContain('Not covered by this plan');
      if (viewport === DESKTOP) {
        await page.getByRole('textbox', { name: 'Budget' }).fill('');
        await page.getByRole('combobox', { name: 'Also complete a programme' }).selectOption({ label: 'Data Analytics Professional Programme' });
        await page.getByRole('button', { name: 'Plan again' }).click();
        await plan.getByText(/complete Data Analytics Professional Programme\./).waitFor();
        expect(await plan.textContent()).toContain('Completes Data Analytics Professional Programme');
      }
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `pathway-${viewport === DESKTOP ? 'desktop' : 'phone'}`);
      await page.close();
    }
  });
});
