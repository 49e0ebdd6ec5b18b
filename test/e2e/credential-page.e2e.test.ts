import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { axeViolations, DEMO_PASSWORD, DEMO_PROVIDER_ADMIN, DESKTOP, launchBrowser, newPage, PHONE, screenshot } from './browser.js';

/** A provider's API session over plain HTTP: issue and revoke without the UI. */
async function providerApi(base: string) {
  const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_PROVIDER_ADMIN, password: DEMO_PASSWORD }) });
  const me = await res.json();
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return r.json();
  };
  return { orgId: me.memberships[0].orgId as string, call };
}

describe('the public credential page (browser)', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let credentialId: string;
  let api: Awaited<ReturnType<typeof providerApi>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    api = await providerApi(server.url);
    const achievements = (await api.call('GET', `/api/orgs/${api.orgId}/achievements`)).items;
    const issued = await api.call('POST', `/api/orgs/${api.orgId}/credentials`, {
      achievementId: achievements[0].id,
      recipient: { name: 'Ngũgĩ wa Kamau', email: 'ngugi.wa.kamau@learners.example' },
    });
    credentialId = issued.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a signed-out visitor the verdict, the award and every check, accessibly', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, server.url, viewport);
      await page.goto(`/c/${credentialId}`);
      await page.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
      const text = await page.locator('main').textContent();
      expect(text).toContain('Ngũgĩ wa Kamau');
      expect(text).toContain('Université de Lumière');
      expect(text).toContain('Digital signature: Passed');
      expect(text).toContain('Not revoked or suspended: Passed');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `credential-page-${viewport === DESKTOP ? 'desktop' : 'phone'}`);
      await page.close();
    }
  });

  it('says "Not verified" once the issuer revokes it', async () => {
    await api.call('POST', `/api/orgs/${api.orgId}/credentials/${credentialId}/status`, { action: 'revoke', reason: 'issued in error' });
    const page = await newPage(browser, server.url);
    await page.goto(`/c/${credentialId}`);
    await page.getByRole('status').filter({ hasText: 'Not verified' }).waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toContain('The issuer has revoked this credential.');
    expect(text).toContain('Not revoked or suspended: Failed');
    await screenshot(page, 'credential-page-revoked');
    await page.close();
  });

  it('answers an unknown credential with a readable error, not a blank page', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/c/00000000-0000-4000-8000-000000000000');
    await page.getByRole('alert').or(page.getByText('Nothing was found here.')).first().waitFor();
    expect(await page.locator('main').textContent()).toMatch(/not found|Nothing was found/i);
    await page.close();
  });
});
