import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestServer, testToken, type TestServer } from '../helpers/server.js';

/** Debian's chromium; .ci/run installs it and sets CAREPRINT_REQUIRE_BROWSER so a missing one fails. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveBrowser = existsSync(chromiumPath);
if (!haveBrowser && process.env.CAREPRINT_REQUIRE_BROWSER) throw new Error(`no Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH`);

/** The service with its page, and a browser to open it in. */
export interface PageRig {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly base: string;
}

export async function startRig(): Promise<PageRig> {
  const server = await startTestServer({ jobs: 1 });
  const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  return { server, browser, base };
}

export async function stopRig(rig: PageRig | undefined): Promise<void> {
  await rig?.browser.close();
  await rig?.server.close();
}

export const desktop = { width: 1280, height: 800 };
export const tablet = { width: 820, height: 1180 };

/** The page with the service key given, ready to use. */
export async function openPage(rig: PageRig, viewport = desktop, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await rig.browser.newContext({ viewport, acceptDownloads: true, ...options });
  const page = await context.newPage();
  // The page's context goes with it. When the last test's page closes as the browser
  // does, the context is already gone with the browser: that rejection is no failure,
  // and left unhandled it failed the run.
  page.on('close', () => {
    context.close().catch(() => undefined);
  });
  await page.goto(rig.base);
  // The service asks for its key; the page keeps it for this tab.
  await page.locator('#token').fill(testToken);
  await page.locator('#token-form button').click();
  await page.locator('#docs input').first().waitFor({ state: 'attached' });
  // The request made before the key was given asked for it; that message is gone now.
  await expect.poll(() => page.locator('#render-status').innerText()).toBe('');
  return page;
}

const formNames = ['patient.givenName', 'patient.familyName', 'patient.mrn', 'patient.birthDate', 'patient.phone', 'session.id', 'session.start', 'session.indication', 'session.durationMinutes', 'session.dischargeAt', 'session.provider.name', 'session.provider.credentials', 'nextAppointment', 'escort.name', 'escort.relationship', 'escort.phone'];

/** Types a visit into the form as staff would, box by box. */
export async function fillVisit(page: Page, v: Record<string, unknown>): Promise<void> {
  const get = (path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], v);
  await page.locator('[name="session.route"]').selectOption(String(get('session.route')));
  for (const name of formNames) {
    const value = get(name);
    if (typeof value === 'string' || typeof value === 'number') await page.locator(`[name="${name}"]`).fill(String(value));
  }
  await page.locator('[name="patient.language"]').selectOption(String(get('patient.language') ?? 'en'));
}

/** Presses one of the sets of papers by its name and waits for the preview. */
export async function makePapers(page: Page, set: 'New patient packet' | 'Discharge sheet' | 'Fasting sheet'): Promise<void> {
  await page.getByRole('button', { name: set, exact: true }).click();
  await expect.poll(() => page.locator('#render-status').textContent(), { timeout: 20_000 }).toMatch(/^Ready: \d+ pages/);
}

/** The PDF the preview shows, as bytes. */
export async function previewBytes(page: Page): Promise<Buffer> {
  const src = await page.locator('#preview-frame').getAttribute('src');
  expect(src).toMatch(/^blob:/);
  const base64 = await page.evaluate(async (url) => {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }, src as string);
  return Buffer.from(base64, 'base64');
}

/** Pastes a schedule and waits until the page has read it. */
export async function pasteSchedule(page: Page, text: string, summary: string): Promise<void> {
  await page.locator('#schedule-text').fill(text);
  await page.locator('#schedule-read').click();
  await expect.poll(() => page.locator('#schedule-status').textContent(), { timeout: 10_000 }).toBe(summary);
}

/** The times box's text once the service has answered, no-break spaces read as spaces. */
export async function shownTime(page: Page, id: 'lastSolidFood' | 'lastClearLiquids' | 'discharge' | 'noDrivingUntil'): Promise<string> {
  return ((await page.locator(`#time-${id}`).textContent()) ?? '').replace(/\u00a0/g, ' ');
}
