import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { DEMO_LEARNER, launchBrowser, newPage, screenshot, signIn } from './browser.js';

describe('signing up, out and in (browser)', { timeout: 60_000 }, () => {
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

  it('a new learner signs up, signs out, signs in again and sees the learner home', async () => {
    const page = await newPage(browser, server.url);
    const email = `ngugi.e2e.${Date.now()}@learners.example`;
    const name = 'Ngũgĩ Zoë 李明';
    const password = 'a long enough passphrase';

    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect.poll(() => page.title()).toBe('Create an account · microcred');

    // A too-short password is refused before anything is sent, with the message under the field.
    await page.getByRole('textbox', { name: 'Full name' }).fill(name);
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Please correct the highlighted fields.');
    expect(await page.getByRole('textbox', { name: 'Password', exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Use at least 12 characters.').isVisible()).toBe(true);
    await screenshot(page, 'sign-up-errors');

    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/learner');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${name}` }).waitFor();
    expect(await page.title()).toBe('My learning · microcred');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    // Signed out for real: the home now sends us back to sign-in.
    await page.goto('/learner');
    await page.waitForURL('**/sign-in?next=%2Flearner');

    // A wrong password is announced and keeps us on the form.
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The email address or password is not correct.');

    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/learner');
    await page.getByRole('heading', { level: 1, name: `Welcome, ${name}` }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My learning' }).getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'learner-home-new-account');
  });

  it('signing up with an email already in use says so under the email field', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/sign-up');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Amara Again');
    await page.getByRole('textbox', { name: 'Email address' }).fill(DEMO_LEARNER);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('another long passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    const email = page.getByRole('textbox', { name: 'Email address' });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(described.join(' ')).toContain('An account with this email address already exists.');
  });

  it('the learner profile form saves through the API', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, DEMO_LEARNER);
    await page.waitForURL('**/learner');
    await page.getByRole('textbox', { name: 'Headline' }).fill('Data analyst — now with ML');
    await page.getByRole('combobox', { name: 'Preferred language' }).selectOption('fr');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'saved' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Headline' }).inputValue()).toBe('Data analyst — now with ML');
    expect(await page.getByRole('combobox', { name: 'Preferred language' }).inputValue()).toBe('fr');
  });

  it('signs in with the keyboard alone (Tab and Enter), with a visible focus ring on the way', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');

    /** Presses Tab until the element matching `selector` has focus; each stop must show a focus outline. */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate((sel) => {
          const el = document.activeElement as HTMLElement | null;
          // The ring may be drawn by the visible box around the input (the password field's wrapper).
          const ringed = [el, el?.parentElement].find((e) => e && getComputedStyle(e).outlineStyle === 'solid');
          const style = ringed ? getComputedStyle(ringed) : null;
          return { hit: !!el?.matches(sel), outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : 'none' };
        }, selector);
        expect(state.outline, `focus ring while tabbing to ${selector}`).toMatch(/^solid [1-9]/);
        if (state.hit) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };

    await tabTo('input[name="email"]');
    await page.keyboard.type(DEMO_LEARNER);
    await tabTo('input[name="password"]');
    await page.keyboard.type('microcred-demo-2026');
    await screenshot(page, 'keyboard-sign-in');
    await tabTo('button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/learner');
    await page.getByRole('heading', { level: 1, name: 'Welcome, Amara Okafor' }).waitFor();
  });
});
