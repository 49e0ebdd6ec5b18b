import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { axeViolations, DEMO_LEARNER, DEMO_PASSWORD, DEMO_PROVIDER_ADMIN, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './browser.js';

/** A signed-in API session over plain HTTP. */
async function session(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const me = await res.json();
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { orgId: me.memberships[0]?.orgId as string, call };
}

describe('the learner wallet and the verify page (browser)', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let credentialId: string;
  let achievementName: string;
  let credential: Record<string, any>;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer();
    const provider = await session(server.url, DEMO_PROVIDER_ADMIN);
    const achievements = (await (await provider.call('GET', `/api/orgs/${provider.orgId}/achievements`)).json()).items;
    achievementName = achievements[0].definition.name;
    const issued = await (
      await provider.call('POST', `/api/orgs/${provider.orgId}/credentials`, { achievementId: achievements[0].id, recipient: { name: 'Amara Okafor', email: DEMO_LEARNER } })
    ).json();
    credentialId = issued.id;
    credential = issued.credential;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let shareUrl: string;

  it('lists the credential with its downloads and LinkedIn link, and makes a share link, accessibly', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(browser, server.url, viewport);
      await signIn(page, DEMO_LEARNER);
      await page.goto('/learner/wallet');
      const card = page.getByRole('article').filter({ has: page.locator(`a[href="/c/${credentialId}"]`) });
      await card.waitFor();
      expect(await card.getByText('Verified', { exact: true }).count()).toBe(1);
      const linkedIn = await card.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href');
      expect(new URL(linkedIn!).searchParams.get('certId')).toBe(credentialId);
      expect(await axeViolations(page)).toEqual([]);
      if (viewport === DESKTOP) {
        const download = page.waitForEvent('download');
        await card.getByRole('link', { name: 'PDF certificate' }).click();
        const pdf = readFileSync((await (await download).path())!);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

        await card.getByRole('combobox', { name: 'Show my name' }).selectOption('initials');
        await card.getByRole('button', { name: 'Create share link' }).click();
        await card.getByRole('status').filter({ hasText: 'Share link created' }).waitFor();
        shareUrl = (await card.getByRole('table').getByRole('link').first().textContent())!;
        expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]+$/);
        expect(await axeViolations(page)).toEqual([]);
      }
      await screenshot(page, `wallet-${viewport === DESKTOP ? 'desktop' : 'phone'}`);
      await page.close();
    }
  });

  it('the share link shows the credential, verified, with initials only; withdrawn, it says so', async () => {
    const stranger = await newPage(browser, server.url, PHONE);
    await stranger.goto(new URL(shareUrl).pathname);
    await stranger.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    const text = await stranger.locator('main').textContent();
    expect(text).toContain('A. O.');
    expect(text).not.toContain('Amara Okafor');
    expect(text).toContain(achievementName);
    expect(await axeViolations(stranger)).toEqual([]);
    await screenshot(stranger, 'share-page-phone');

    const page = await newPage(browser, server.url);
    await signIn(page, DEMO_LEARNER);
    await page.goto('/learner/wallet');
    const card = page.getByRole('article').filter({ has: page.locator(`a[href="/c/${credentialId}"]`) });
    await card.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
    await card.getByText('Withdrawn', { exact: true }).waitFor();
    await page.close();

    await stranger.reload();
    await stranger.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await stranger.close();
  });

  it('verifies an uploaded baked badge, a pasted tampered credential, and follows a scanned QR code', async () => {
    const learner = await session(server.url, DEMO_LEARNER);
    const png = Buffer.from(await (await learner.call('GET', `/api/learner/credentials/${credentialId}/files/png`)).arrayBuffer());
    const page = await newPage(browser, server.url);
    await page.goto('/verify');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Upload a file' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    let text = await page.locator('main').textContent();
    expect(text).toContain('Credential baked in the badge image: Passed');
    expect(text).toContain('Amara Okafor');
    await screenshot(page, 'verify-baked-badge');

    await page.getByRole('tab', { name: 'Paste' }).click();
    const tampered = structuredClone(credential);
    tampered.credentialSubject.name = 'Someone Else';
    await page.getByRole('textbox', { name: 'Credential' }).fill(JSON.stringify(tampered));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('status').filter({ hasText: 'Not verified' }).waitFor();
    text = await page.locator('main').textContent();
    expect(text).toContain('Digital signature: Failed');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'verify-tampered');

    // A photo of a certificate's QR code leads to the credential's page.
    const qr = await QRCode.toBuffer(`${server.url}/c/${credentialId}`, { type: 'png', width: 400, margin: 4 });
    await page.getByRole('tab', { name: 'Upload a file' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/png', buffer: qr });
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((u) => u.pathname === `/c/${credentialId}`);
    await page.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    await page.close();
  });
});
