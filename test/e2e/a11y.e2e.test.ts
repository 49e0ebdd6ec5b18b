import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { axeViolations, DEMO_LEARNER, DEMO_PROVIDER_ADMIN, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './browser.js';

/** Each page is checked after its main content has loaded, at desktop and phone widths. */
const PAGES: { name: string; user?: string; path?: string; ready: (p: Page) => Promise<unknown> }[] = [
  { name: 'sign-in', path: '/sign-in', ready: (p) => p.getByRole('button', { name: 'Sign in' }).waitFor() },
  {
    name: 'sign-up',
    path: '/sign-up',
    // With the organisation field showing, so that it is checked too.
    ready: async (p) => {
      await p.getByRole('radio', { name: 'Provider organisation' }).check();
      await p.getByRole('textbox', { name: 'Organisation name' }).waitFor();
    },
  },
  { name: 'learner-home', user: DEMO_LEARNER, ready: (p) => p.getByRole('textbox', { name: 'Headline' }).waitFor() },
  { name: 'provider-home', user: DEMO_PROVIDER_ADMIN, ready: (p) => p.getByRole('table', { name: 'API keys' }).or(p.getByText('No API keys yet.')).waitFor() },
];

describe('accessibility (axe, WCAG 2.2 A/AA)', { timeout: 60_000 }, () => {
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

  for (const viewport of [DESKTOP, PHONE]) {
    const size = viewport === DESKTOP ? 'desktop' : 'phone';
    for (const p of PAGES) {
      it(`${p.name} at ${viewport.width}px has no violations`, async () => {
        const page = await newPage(browser, server.url, viewport);
        if (p.user) await signIn(page, p.user);
        if (p.path) await page.goto(p.path);
        await p.ready(page);
        await screenshot(page, `${p.name}-${size}`);
        expect(await axeViolations(page)).toEqual([]);
        // Nothing may stick out sideways at phone width (WCAG 1.4.10 reflow).
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await page.context().close();
      });
    }
  }

  it('form errors are checked too (sign-in with empty fields)', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Please correct the highlighted fields.').waitFor();
    // Focus lands on the first field to fix.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await screenshot(page, 'sign-in-errors');
    expect(await axeViolations(page)).toEqual([]);
  });
});
