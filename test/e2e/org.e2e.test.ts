import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { DEMO_LEARNER, DEMO_PROVIDER_ADMIN, launchBrowser, newPage, PHONE, screenshot, signIn } from './browser.js';

describe('organisation homes (browser)', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // Browser first: without Chromium this fails at once with how to install it.
    browser = await launchBrowser();
    server = await startTestServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The provider home of the demo admin, reached from the navigation as a person would. */
  async function providerHomeUrl(): Promise<string> {
    const page = await newPage(browser, server.url);
    await signIn(page, DEMO_PROVIDER_ADMIN);
    await page.waitForURL('**/provider/*');
    const url = new URL(page.url()).pathname;
    await page.context().close();
    return url;
  }

  it('the demo provider admin signs in and sees the provider home: details, members and API keys', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, DEMO_PROVIDER_ADMIN);
    await page.waitForURL('**/provider/*');
    await page.getByRole('heading', { level: 1, name: 'Université de Lumière' }).waitFor();
    expect(await page.title()).toBe('Université de Lumière · microcred');
    expect(await page.getByRole('banner').textContent()).toContain('Signed in as Hélène Dupré');

    const members = page.getByRole('table', { name: 'Members' });
    await members.waitFor();
    expect(await members.textContent()).toContain('François Lefèvre');
    await page.getByRole('heading', { level: 2, name: 'API keys' }).waitFor();
    const country = page.locator('dl.details');
    expect(await country.textContent()).toContain('France');
    await screenshot(page, 'provider-home-desktop');

    // Create an API key: the secret is shown once, in a read-only field.
    await page.getByRole('textbox', { name: 'Key name' }).fill('Student records sync');
    await page.getByRole('checkbox', { name: 'members:read' }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByRole('textbox', { name: 'Secret key' });
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^mck_/);
    expect(await page.getByRole('region', { name: /Your new API key/ }).textContent()).toContain('It is shown only once');
    await screenshot(page, 'provider-api-key-created');
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await expect.poll(() => secret.count()).toBe(0);

    // Revoke it, through the confirmation dialog.
    await page.getByRole('button', { name: 'Revoke key Student records sync' }).click();
    await page.getByRole('dialog', { name: 'Revoke API key' }).getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'has been revoked' }).count()).toBe(1);
    // The list reloads after the announcement: wait for it rather than read it at once.
    await expect.poll(() => page.getByRole('table', { name: 'API keys' }).textContent()).toContain('Revoked');

    // Add a member by email, then remove them again.
    await page.getByRole('textbox', { name: 'Their email address' }).fill('nobody@nowhere.example');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Their email address' }).getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByRole('textbox', { name: 'Their email address' }).fill('jose.martinez@learners.example');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => members.textContent()).toContain('José Martínez');
    await page.getByRole('button', { name: 'Remove José Martínez' }).click();
    await page.getByRole('dialog', { name: 'Remove member' }).getByRole('button', { name: 'Remove member' }).click();
    await expect.poll(() => members.textContent()).not.toContain('José Martínez');
  });

  it('staff see the members read-only and no API keys', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'teacher@lumiere.example');
    await page.getByRole('heading', { level: 1, name: 'Université de Lumière' }).waitFor();
    await page.getByRole('table', { name: 'Members' }).waitFor();
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'API keys' }).count()).toBe(0);
  });

  it('on a phone the navigation is a burger menu', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signIn(page, DEMO_PROVIDER_ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Université de Lumière' }).waitFor();
    const nav = page.locator('nav');
    // Closed: off-screen and inert, so out of reach of keyboard and screen readers.
    expect(await nav.evaluate((n) => (n as HTMLElement).inert)).toBe(true);
    const burger = page.getByRole('button', { name: 'Open navigation' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    await burger.click();
    await nav.getByRole('link', { name: /Université de Lumière/ }).waitFor();
    expect(await nav.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Close navigation' }).getAttribute('aria-expanded')).toBe('true');
    expect(await nav.evaluate((n) => (n as HTMLElement).inert)).toBe(false);
    await page.waitForTimeout(300); // let the slide-in transition finish before the picture
    await screenshot(page, 'provider-nav-open-phone', { fullPage: false });
    // Escape closes it again and gives focus back to the burger.
    await nav.getByRole('link', { name: /Université de Lumière/ }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => nav.evaluate((n) => (n as HTMLElement).inert)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Open navigation');
  });

  it('a learner opening a provider page is told they have no access, and unknown pages are "not found"', async () => {
    const url = await providerHomeUrl();
    const page = await newPage(browser, server.url);
    await signIn(page, DEMO_LEARNER);
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: "You don't have access to this page" }).waitFor();
    expect(await page.title()).toBe('Access denied · microcred');
    expect(await page.getByRole('table').count()).toBe(0);
    await screenshot(page, 'learner-forbidden');

    await page.goto('/admin');
    await page.getByRole('heading', { level: 1, name: "You don't have access to this page" }).waitFor();

    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.title()).toBe('Page not found · microcred');
    // A provider id that does not exist is "not found" for a platform operator, "forbidden" for others.
    await page.goto('/provider/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: "You don't have access to this page" }).waitFor();
  });

  it('signed-out visitors are sent to sign-in and come back to the page they asked for', async () => {
    const url = await providerHomeUrl();
    const page = await newPage(browser, server.url);
    await page.goto(url);
    await page.waitForURL(`**/sign-in?next=${encodeURIComponent(url)}`);
    await page.getByRole('textbox', { name: 'Email address' }).fill(DEMO_PROVIDER_ADMIN);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('microcred-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${url}`);
    await page.getByRole('heading', { level: 1, name: 'Université de Lumière' }).waitFor();

    await page.context().clearCookies();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await screenshot(page, 'not-found-signed-out');
  });
});
