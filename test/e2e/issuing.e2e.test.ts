import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWebRoot } from '../../src/server/plugins/web.js';
import { ensureDemoTaxonomy } from '../../src/taxonomy/index.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { axeViolations, DEMO_PROVIDER_ADMIN, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './browser.js';

const TITLE = 'Sales Data with SQL';
const OUTCOMES = 'Write SQL queries that answer questions about sales data\nBuild dashboards that present the results to managers';
/** Screenshots also go to scratch/ for a person to look at (it is not committed). */
const SCRATCH = path.resolve('scratch/e2e-issuing');

async function axeClean(page: Page, name: string) {
  mkdirSync(SCRATCH, { recursive: true });
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    expect(await axeViolations(page), `${name} at ${viewport.width}px`).toEqual([]);
    const shot = `${name}-${viewport === DESKTOP ? 'desktop' : 'phone'}`;
    await screenshot(page, shot);
    await page.screenshot({ path: path.join(SCRATCH, `${shot}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

describe('provider issuing pages (browser)', { timeout: 180_000 }, () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!findWebRoot()) throw new Error('dist/web is missing: build the web app first');
    browser = await launchBrowser();
    t = await testApp({ demo: true, env: { AUTH_RATE_LIMIT: '1000' } });
    // `microcred serve` loads the demo taxonomy on start; skills search and suggestions read it.
    await ensureDemoTaxonomy(t.database.db);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    // As `microcred serve` does: bulk issuance runs in the background job runner.
    t.app.services.jobs.start();
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    page = await newPage(browser, url);
    await signIn(page, DEMO_PROVIDER_ADMIN);
    await page.waitForURL('**/provider/*');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('defines an achievement with a suggested and a searched skill, after fixing an error the API reports', async () => {
    await page.getByRole('link', { name: 'Achievements', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Achievements' }).waitFor();
    await page.getByRole('button', { name: 'Define a new achievement' }).click();
    const editor = page.getByRole('region', { name: 'New achievement' });
    await editor.getByRole('textbox', { name: 'Title', exact: true }).fill(TITLE);
    await editor.getByRole('textbox', { name: 'Description', exact: true }).fill('Querying and presenting sales data for small businesses.');
    await editor.getByRole('textbox', { name: 'Criteria', exact: true }).fill('Pass a practical exam and submit a dashboard project.');
    await editor.getByRole('textbox', { name: 'Learning outcomes', exact: true }).fill(OUTCOMES);
    await editor.getByRole('textbox', { name: 'Workload (ECTS)', exact: true }).fill('2');
    await editor.getByRole('combobox', { name: 'EQF level', exact: true }).selectOption('5');
    await editor.getByRole('textbox', { name: 'Type of assessment', exact: true }).fill('Proctored online exam and project review');
    await editor.getByRole('combobox', { name: 'Form of participation', exact: true }).selectOption('hybrid');
    await editor.getByRole('textbox', { name: 'Type of quality assurance', exact: true }).fill('Internal review under the accredited QA system');
    await editor.getByRole('combobox', { name: 'Supervision during assessment', exact: true }).selectOption('supervised-online');
    await editor.getByRole('checkbox', { name: /identity is verified/ }).check();
    await editor.getByRole('textbox', { name: 'Name of the result', exact: true }).fill('Grade');
    await editor.getByRole('textbox', { name: 'Allowed values', exact: true }).fill('A, B, C');

    // Suggestions come from the learning outcomes, each with the words it was found in.
    await editor.getByRole('button', { name: 'Suggest skills from the learning outcomes' }).click();
    const suggestions = editor.getByRole('list', { name: 'Suggested skills' });
    const sql = suggestions.getByRole('listitem', { name: 'SQL', exact: true });
    await sql.waitFor();
    expect(await sql.locator('mark').first().textContent()).toMatch(/SQL/i);
    const others = await suggestions.getByRole('listitem').count();
    expect(others).toBeGreaterThan(1);
    await axeClean(page, 'issuing-achievement-suggestions');
    await sql.getByRole('button', { name: 'Accept the suggested skill SQL' }).click();
    // Reject the next one, whatever it is: it must not be added.
    const next = suggestions.getByRole('listitem').first();
    const rejected = (await next.getAttribute('aria-label'))!;
    await next.getByRole('button', { name: `Reject the suggested skill ${rejected}` }).click();
    await expect.poll(() => suggestions.getByRole('listitem').count()).toBe(others - 2);

    // The typo-tolerant search adds another.
    await editor.getByRole('searchbox', { name: 'Search skills' }).fill('kubernets');
    await editor.getByRole('button', { name: 'Add the skill Kubernetes' }).click();
    const chosen = editor.getByRole('list', { name: /chosen/ });
    await expect.poll(() => chosen.textContent()).toContain('Kubernetes');
    expect(await chosen.textContent()).toContain('SQL');
    expect(await chosen.textContent()).not.toContain(rejected);

    // A field only the server checks: its message lands under the field.
    await editor.getByRole('textbox', { name: 'Further information', exact: true }).fill('not a web address');
    await editor.getByRole('button', { name: 'Save the achievement' }).click();
    const further = editor.getByRole('textbox', { name: 'Further information', exact: true });
    await expect.poll(() => further.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('furtherInformation');
    await axeClean(page, 'issuing-achievement-field-error');
    await further.fill('https://lumiere.example/courses/sales-sql');
    await editor.getByRole('button', { name: 'Save the achievement' }).click();
    await page.getByRole('status').filter({ hasText: `“${TITLE}” was saved and published.` }).waitFor();

    const card = page.getByRole('region', { name: TITLE });
    await expect.poll(() => card.textContent()).toContain('Published');
    expect(await card.textContent()).toMatch(/Skills: .*SQL.*Kubernetes|Skills: .*Kubernetes.*SQL/);
    expect(await card.textContent()).toContain('EQF level 5');

    // Editing saves a new version, prefilled with everything saved before.
    await card.getByRole('button', { name: `Edit “${TITLE}”` }).click();
    const revise = card.getByRole('region', { name: `Edit “${TITLE}”` });
    expect(await revise.getByRole('textbox', { name: 'Allowed values', exact: true }).inputValue()).toBe('A, B, C');
    expect(await revise.getByRole('checkbox', { name: /identity is verified/ }).isChecked()).toBe(true);
    await revise.getByRole('textbox', { name: 'Workload (hours)', exact: true }).fill('50');
    await revise.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByRole('status').filter({ hasText: `“${TITLE}” was saved as version 2.` }).waitFor();
    await expect.poll(() => card.textContent()).toContain('Version 2');
    expect(await card.textContent()).toContain('50 hours');
    await axeClean(page, 'issuing-achievements');
  });

  it('issues one credential, then a CSV with one bad row, reported by row number', async () => {
    await page.getByRole('link', { name: 'Credentials', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Credentials' }).waitFor();

    const one = page.getByRole('region', { name: 'Issue one credential' });
    await one.getByRole('combobox', { name: 'Achievement', exact: true }).selectOption({ label: `${TITLE} (Version 2)` });
    await one.getByRole('textbox', { name: "Learner's name", exact: true }).fill('Léa Fontaine');
    await one.getByRole('textbox', { name: "Learner's email address", exact: true }).fill('lea.fontaine@learners.example');
    await one.getByRole('combobox', { name: 'Grade (optional)', exact: true }).selectOption('A');
    await one.getByRole('button', { name: 'Issue the credential' }).click();
    await one.getByRole('status').filter({ hasText: 'The credential for Léa Fontaine was issued.' }).waitFor();

    const bulk = page.getByRole('region', { name: 'Issue from a CSV file' });
    await bulk.getByRole('combobox', { name: 'Achievement', exact: true }).selectOption({ label: `${TITLE} (Version 2)` });
    const csv = ['name,email,result', 'Tomás Ferreira,tomas.ferreira@learners.example,B', 'Broken Row,not-an-email,A', '王芳,wang.fang@learners.example,C'].join('\n');
    await bulk.getByLabel('CSV file').setInputFiles({ name: 'cohort.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await bulk.getByRole('button', { name: 'Start issuing' }).click();
    await bulk.getByRole('progressbar', { name: 'Issuing progress' }).waitFor();
    await bulk.getByRole('status').filter({ hasText: 'Finished: 2 issued, 1 not issued, of 3 rows.' }).waitFor({ timeout: 30_000 });
    expect(await bulk.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const errors = bulk.getByRole('table', { name: '1 row was not issued' });
    const row = errors.getByRole('row').nth(1);
    expect(await row.getByRole('cell').first().textContent()).toBe('3');
    expect(await row.getByRole('cell').nth(1).textContent()).toContain('not-an-email');

    const issued = page.getByRole('region', { name: 'Issued credentials' });
    for (const name of ['Léa Fontaine', 'Tomás Ferreira', '王芳']) await issued.getByRole('listitem', { name: `${name}, ${TITLE}` }).waitFor();
    expect(await issued.getByRole('listitem', { name: `Léa Fontaine, ${TITLE}` }).textContent()).toContain('Version 2');
    await axeClean(page, 'issuing-credentials');
  });

  it('suspends and reinstates one credential and revokes another, confirming each', async () => {
    const issued = page.getByRole('region', { name: 'Issued credentials' });
    const tomas = issued.getByRole('listitem', { name: `Tomás Ferreira, ${TITLE}` });
    await tomas.getByRole('button', { name: 'Suspend the credential of Tomás Ferreira' }).click();
    const suspend = page.getByRole('dialog', { name: 'Suspend this credential?' });
    await suspend.getByRole('textbox', { name: 'Reason (optional)', exact: true }).fill('Assessment under appeal');
    await axeClean(page, 'issuing-confirm-suspend');
    await suspend.getByRole('button', { name: 'Suspend' }).click();
    await page.getByRole('status').filter({ hasText: 'The credential of Tomás Ferreira is suspended.' }).waitFor();
    await expect.poll(() => tomas.textContent()).toContain('Suspended');
    expect(await tomas.textContent()).toContain('Reason: Assessment under appeal');
    await tomas.getByRole('button', { name: 'Reinstate the credential of Tomás Ferreira' }).click();
    await page.getByRole('dialog', { name: 'Reinstate this credential?' }).getByRole('button', { name: 'Reinstate' }).click();
    await page.getByRole('status').filter({ hasText: 'The credential of Tomás Ferreira is reinstated.' }).waitFor();
    await expect.poll(() => tomas.textContent()).toContain('Active');

    const lea = issued.getByRole('listitem', { name: `Léa Fontaine, ${TITLE}` });
    await lea.getByRole('button', { name: 'Revoke the credential of Léa Fontaine' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke this credential?' });
    await revoke.getByRole('textbox', { name: 'Reason (optional)', exact: true }).fill('Issued in error');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'The credential of Léa Fontaine is revoked.' }).waitFor();
    await expect.poll(() => lea.textContent()).toContain('Revoked');
    // Revocation is final: no action is offered any more.
    expect(await lea.getByRole('button').count()).toBe(0);
    // Axe reads colours mid-fade: wait until the closing dialog has left the page.
    await revoke.waitFor({ state: 'detached' });
    await axeClean(page, 'issuing-credentials-after-revoke');

    // The public page of each credential tells the same story.
    const leaHref = (await lea.getByRole('link', { name: 'View the credential of Léa Fontaine' }).getAttribute('href'))!;
    const tomasHref = (await tomas.getByRole('link', { name: 'View the credential of Tomás Ferreira' }).getAttribute('href'))!;
    const publicOf = async (href: string) => (await fetch(`${url}/api/public/credentials/${href.split('/').pop()}`)).json();
    const [leaPublic, tomasPublic] = await Promise.all([publicOf(leaHref), publicOf(tomasHref)]);
    expect(leaPublic.state).toBe('revoked');
    expect(leaPublic.verification.verified).toBe(false);
    expect(leaPublic.verification.checks.find((c: { id: string }) => c.id === 'status').reason).toMatch(/^revoked/);
    expect(tomasPublic.state).toBe('active');
    expect(tomasPublic.verification.verified).toBe(true);
    await page.goto(leaHref);
    await page.getByText('The issuer has revoked this credential.').waitFor();
    await axeClean(page, 'issuing-revoked-public-page');
  });
});
