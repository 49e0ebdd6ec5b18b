import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { axeViolations, DEMO_PASSWORD, DEMO_PROVIDER_ADMIN, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './browser.js';

const LEARNER = 'zoe.muller@learners.example';
const TITLE = 'Applied Data Analytics Programme';

/** An API session over plain HTTP, for what the test sets up without the UI. */
async function apiAs(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const me = await res.json();
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return r.json();
  };
  return { orgId: me.memberships[0]?.orgId as string, call };
}

async function axeClean(page: Page, name: string) {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    expect(await axeViolations(page), `${name} at ${viewport.width}px`).toEqual([]);
    await screenshot(page, `${name}-${viewport === DESKTOP ? 'desktop' : 'phone'}`);
  }
  await page.setViewportSize(DESKTOP);
}

describe('programmes (browser)', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let programmeId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a provider builds a programme from rules, publishes it and asks an employer for a commitment', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, DEMO_PROVIDER_ADMIN);
    await page.waitForURL('**/provider/*');
    await page.getByRole('link', { name: 'Programmes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
    await page.getByText('This organisation owns no programmes yet.').waitFor();

    await page.getByRole('textbox', { name: 'Title' }).fill(TITLE);
    await page.getByRole('textbox', { name: 'Description' }).fill('Python, SQL and one specialisation.');
    await page.getByRole('textbox', { name: 'Learning outcomes' }).fill('Analyse data with Python and SQL\nBuild a model or secure its data');
    await page.getByRole('textbox', { name: 'Total ECTS' }).fill('11');
    await page.getByRole('group', { name: 'Owned together with' }).getByRole('checkbox', { name: 'Northbridge Institute of Technology' }).check();
    const rule1 = page.getByRole('group', { name: 'Rule 1' });
    await rule1.getByRole('checkbox', { name: /^Analyse de données avec Python/ }).check();
    await rule1.getByRole('checkbox', { name: /^SQL for Analysts/ }).check();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule2 = page.getByRole('group', { name: 'Rule 2' });
    await rule2.getByRole('combobox', { name: 'Requirement' }).selectOption('min_credits');
    await rule2.getByRole('textbox', { name: 'Minimum ECTS' }).fill('5');
    await rule2.getByRole('textbox', { name: 'Rule name (optional)' }).fill('Specialisation');
    await rule2.getByRole('checkbox', { name: /^Machine Learning Foundations/ }).check();
    await rule2.getByRole('checkbox', { name: /^Cloud Security Essentials/ }).check();
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('status').filter({ hasText: 'was saved as a draft' }).waitFor();

    const card = page.getByRole('region', { name: TITLE });
    await expect.poll(() => card.textContent()).toContain('Specialisation: At least 5 ECTS from');
    await card.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'is published' }).waitFor();
    await expect.poll(() => card.textContent()).toContain('Published');

    await card.getByRole('combobox', { name: 'Partner organisation' }).selectOption({ label: 'Helix Health GmbH (Employer)' });
    await card.getByRole('combobox', { name: 'Commitment' }).selectOption('guaranteed_interview');
    await card.getByRole('textbox', { name: 'What the partner commits to' }).fill('A first-round interview for every graduate.');
    await card.getByRole('button', { name: 'Send the request' }).click();
    await card.getByRole('status').filter({ hasText: 'The request was sent to Helix Health GmbH' }).waitFor();
    await expect.poll(() => card.textContent()).toContain('Awaiting the partner');

    // Editing saves a new version; the builder opens prefilled inside the programme's card.
    await card.getByRole('button', { name: 'Edit' }).click();
    const editor = card.getByRole('region', { name: `Edit “${TITLE}”` });
    expect(await editor.getByRole('group', { name: 'Rule 2' }).getByRole('checkbox', { name: /^Machine Learning Foundations/ }).isChecked()).toBe(true);
    await editor.getByRole('textbox', { name: 'Description' }).fill('Python, SQL and one specialisation of your choice.');
    await axeClean(page, 'programmes-provider-edit');
    await editor.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByRole('status').filter({ hasText: 'was saved as version 2' }).waitFor();
    await expect.poll(() => card.textContent()).toContain('Version 2');
    await axeClean(page, 'programmes-provider');
    await page.context().close();
    const lumiere = await apiAs(server.url, DEMO_PROVIDER_ADMIN);
    programmeId = (await lumiere.call('GET', `/api/orgs/${lumiere.orgId}/programmes`)).items[0].id;
  });

  it('the employer confirms the request; only then the public page shows it', async () => {
    const anon = await newPage(browser, server.url);
    await anon.goto(`/programmes/${programmeId}`);
    await anon.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await anon.getByText('No partner commitments yet.').waitFor();
    await anon.context().close();

    const page = await newPage(browser, server.url);
    await signIn(page, 'admin@helix.example');
    await page.waitForURL('**/employer/*');
    await page.getByRole('link', { name: 'Commitment requests' }).click();
    const request = page.getByRole('article', { name: `Guaranteed interview for “${TITLE}”` });
    await request.waitFor();
    await axeClean(page, 'programmes-employer-requests');
    await request.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: 'You confirmed the commitment' }).waitFor();
    await expect.poll(() => request.textContent()).toContain('Confirmed');
    await page.context().close();

    const pub = await newPage(browser, server.url);
    await pub.goto('/programmes');
    await pub.getByRole('link', { name: TITLE }).click();
    await pub.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expect.poll(() => pub.locator('main').textContent()).toContain('Guaranteed interview · Helix Health GmbH');
    expect(await pub.locator('main').textContent()).toContain('Specialisation: At least 5 ECTS from');
    expect(await pub.locator('main').textContent()).toContain('Offered by Université de Lumière and Northbridge Institute of Technology');
    await axeClean(pub, 'programmes-public');
    await pub.context().close();
  });

  it('a learner who earns the components sees the programme complete, its credential issued, and the credit it earns', async () => {
    const lumiere = await apiAs(server.url, DEMO_PROVIDER_ADMIN);
    const northbridge = await apiAs(server.url, 'admin@northbridge.example');
    const catalogue = (await lumiere.call('GET', '/api/catalogue/achievements')).items as { id: string; orgId: string; definition: { humanCode?: string } }[];
    const ach = (code: string) => catalogue.find((a) => a.definition.humanCode === code)!;
    const recipient = { name: 'Zoë Müller', email: LEARNER };

    // Before: in progress, with what is missing.
    const page = await newPage(browser, server.url);
    await signIn(page, LEARNER);
    await page.goto('/learner/programmes');
    const card = page.getByRole('region', { name: TITLE });
    await expect.poll(() => card.textContent()).toContain('In progress');
    expect(await card.textContent()).toContain('0 of 2 rules met');
    expect(await card.textContent()).toContain('SQL for Analysts — missing');

    for (const [api, code] of [[lumiere, 'LUM-DATA-101'], [northbridge, 'NIT-DATA-105'], [lumiere, 'LUM-ML-201']] as const) {
      const r = await api.call('POST', `/api/orgs/${api.orgId}/credentials`, { achievementId: ach(code).id, recipient });
      expect(r.id, JSON.stringify(r)).toBeDefined();
    }

    // The university records, on its recognition page, that the programme counts toward its MSc.
    const uni = await newPage(browser, server.url);
    await signIn(uni, DEMO_PROVIDER_ADMIN);
    await uni.waitForURL('**/provider/*');
    await uni.getByRole('link', { name: 'Credit recognition' }).click();
    await uni.getByText('No recognition agreements yet.').waitFor();
    await uni.getByRole('textbox', { name: 'Degree' }).fill('MSc Data Science');
    await expect.poll(() => uni.getByRole('combobox', { name: 'Recognises' }).locator('option').count()).toBeGreaterThan(2);
    await uni.getByRole('combobox', { name: 'Recognises' }).selectOption({ label: `${TITLE} (programme)` });
    await uni.getByRole('textbox', { name: 'ECTS' }).fill('11');
    await uni.getByLabel('Valid from').fill('2020-01-01');
    await uni.getByRole('button', { name: 'Record the agreement' }).click();
    await uni.getByRole('status').filter({ hasText: 'Recorded: Applied Data Analytics Programme counts toward MSc Data Science' }).waitFor();
    await expect.poll(() => uni.getByRole('table', { name: 'Credit recognition' }).textContent()).toContain('MSc Data Science');
    await axeClean(uni, 'programmes-recognition');
    await uni.context().close();

    await page.reload();
    await expect.poll(() => card.textContent()).toContain('Complete');
    expect(await card.textContent()).toContain('2 of 2 rules met');
    expect(await card.textContent()).toContain('SQL for Analysts — held');
    await card.getByRole('link', { name: 'View your programme credential' }).waitFor();
    await axeClean(page, 'programmes-learner-progress');

    await page.getByRole('link', { name: 'See what counts toward a degree' }).click();
    const degree = page.getByRole('region', { name: 'MSc Data Science — Université de Lumière' });
    await degree.waitFor();
    expect(await degree.textContent()).toContain(`${TITLE} (programme)`);
    expect(await degree.getByRole('row', { name: /Total/ }).textContent()).toContain('11 ECTS');
    await axeClean(page, 'programmes-learner-transcript');

    // The programme credential verifies on its public page.
    await page.goto('/learner/programmes');
    await card.getByRole('link', { name: 'View your programme credential' }).click();
    await page.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(TITLE);
    await page.context().close();
  });
});
