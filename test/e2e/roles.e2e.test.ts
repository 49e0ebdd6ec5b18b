import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { axeViolations, DEMO_LEARNER, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './browser.js';

const POSTINGS = `Reporting analyst wanted. You write SQL queries against our warehouse, clean data and build dashboards.
---
Junior data analyst: SQL and spreadsheets every day; you present findings in written reports to managers.`;

describe('employer roles from job postings, and learners planning towards them (browser)', { timeout: 150_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ taxonomy: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an employer pastes postings, gets the skills with their counts, and publishes the role', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'admin@orbital.example');
    await page.getByRole('link', { name: 'Roles we hire for' }).click();
    await page.getByRole('button', { name: 'Describe a role' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Logistics reporting analyst');
    await page.getByRole('textbox', { name: 'Job postings' }).fill(POSTINGS);
    await page.getByRole('button', { name: 'Find skills in the postings' }).click();
    const table = page.getByRole('table', { name: 'Skills of this role' });
    const sql = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'SQL', exact: true }) });
    await sql.waitFor();
    expect(await sql.textContent()).toContain('in 2 of 2 postings');
    await page.getByRole('checkbox', { name: 'Published' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'roles-editor');
    await page.getByRole('button', { name: 'Save role' }).click();
    await page.getByRole('status').filter({ hasText: 'Logistics reporting analyst saved.' }).waitFor();
    const card = page.getByRole('article', { name: 'Logistics reporting analyst' });
    expect(await card.getByText('Published', { exact: true }).count()).toBe(1);

    // Its public page: the skills it asks for and how many postings asked.
    await card.getByRole('link', { name: 'Public page' }).click();
    await page.getByRole('heading', { name: 'Logistics reporting analyst', level: 1 }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('At Orbital Logistics S.L.');
    expect(main).toContain('SQL — in 2 of 2 postings');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a learner finds the role, sees its page, and plans towards it', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, server.url, viewport);
      await signIn(page, DEMO_LEARNER);
      await page.goto('/learner/pathway');
      await page.getByRole('searchbox', { name: 'Search for a role or an occupation' }).fill('logistics reporting');
      await page.getByRole('list', { name: 'Roles at employers' }).getByRole('button', { name: 'Logistics reporting analyst at Orbital Logistics S.L.' }).click();
      await page.getByRole('heading', { name: 'Towards: Logistics reporting analyst at Orbital Logistics S.L.' }).waitFor();
      const plan = page.getByRole('region', { name: 'The planned pathway' });
      await plan.waitFor();
      expect(await plan.textContent()).toMatch(/asked for in 2 of 2 postings for this role/);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `pathway-role-${viewport === DESKTOP ? 'desktop' : 'phone'}`);
      await page.close();
    }
  });
});
