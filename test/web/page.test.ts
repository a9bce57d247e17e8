import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visit } from '../helpers/fixtures.js';
import { outlineOf } from '../helpers/pdfFields.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';
import { testToken } from '../helpers/server.js';
import { fillVisit, haveBrowser, makePapers, openPage as openRigPage, previewBytes, startRig, stopRig, tablet, type PageRig } from './browser.js';

let rig: PageRig | undefined;
let browser: PageRig['browser'];
let base: string;

beforeAll(async () => {
  if (!haveBrowser) return;
  rig = await startRig();
  browser = rig.browser;
  base = rig.base;
}, 60_000);

afterAll(async () => {
  await stopRig(rig);
});

const openPage = (viewport?: { width: number; height: number }) => openRigPage(rig as PageRig, viewport);

describe.skipIf(!haveBrowser)('the front-desk page in Chromium', () => {
  it('asks for the service key again after a wrong one, and stops asking once it is right', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(base);
      const status = page.locator('#render-status');
      await expect.poll(() => status.innerText()).toBe('The service key is missing or wrong. Enter the key, then try again.');
      await page.locator('#token').fill('not-the-key');
      await page.locator('#token-form button').click();
      await expect.poll(() => status.innerText()).toBe('The service key is missing or wrong. Enter the key, then try again.');
      expect(await page.locator('#token-form').isVisible()).toBe(true);
      await page.locator('#token').fill(testToken);
      await page.locator('#token-form button').click();
      await page.locator('#docs input').first().waitFor({ state: 'attached' });
      await expect.poll(() => status.innerText()).toBe('');
      expect(await page.locator('#token-form').isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('fills a visit, previews the consent packet, downloads it and prints the preview', async () => {
    const page = await openPage();
    try {
      await fillVisit(page, visit('iv'));
      await makePapers(page, 'New patient packet');

      const pdf = await previewBytes(page);
      expect(outlineOf(pdf).map((e) => e.title)).toEqual(['Consent for ketamine treatment', 'Side effects of ketamine treatment', 'Eating and drinking before ketamine treatment']);
      expectPhrases(pdfText(pdf), ['Dana Whitfield', 'HL-100234', 'Last solid food: 3:00 AM on Tuesday, November 24']);

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
      expect(download.suggestedFilename()).toMatch(/^CP-PKT-[0-9A-F]{12}\.pdf$/);
      expect(Buffer.compare(readFileSync(await download.path()), pdf)).toBe(0);

      // Print prints the preview frame: count the calls instead of opening a dialog.
      await page.evaluate(() => {
        const frame = document.getElementById('preview-frame') as HTMLIFrameElement;
        const w = frame.contentWindow as Window & { printed?: number };
        w.print = () => {
          (window as Window & { printed?: number }).printed = ((window as Window & { printed?: number }).printed ?? 0) + 1;
        };
      });
      await page.locator('#print').click();
      expect(await page.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);
      // The papers are named beside the preview with the patient's second identifier.
      expect(await page.locator('#preview-who').textContent()).toBe('Dana Whitfield · born March 4, 1984 · MRN HL-100234 — New patient packet, in English');

      // A change to the visit takes the preview away until Preview is pressed again.
      await page.locator('[name="patient.givenName"]').fill('Dina');
      expect(await page.locator('#preview-frame').getAttribute('src')).toBeNull();
      expect(await page.locator('#print').isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('previews the papers chosen one by one', async () => {
    const page = await openPage();
    try {
      await fillVisit(page, visit('iv'));
      expect(await page.locator('#choose').isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Choose…' }).click();
      const checked = await page.locator('#docs input:checked').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
      expect(checked.sort()).toEqual(['consent', 'fasting', 'side-effects']);
      for (const doc of ['consent', 'side-effects', 'fasting']) await page.locator(`#docs input[value="${doc}"]`).uncheck();
      await page.locator('#preview').click();
      await expect.poll(() => page.locator('[id="err-docs"]').textContent(), { timeout: 10_000 }).toBe('Papers to print needs at least one paper');
      await page.locator('#docs input[value="discharge"]').check();
      await page.locator('#docs input[value="fasting"]').check();
      await page.locator('#preview').click();
      await expect.poll(() => page.locator('#render-status').textContent(), { timeout: 20_000 }).toMatch(/^Ready/);
      expect(outlineOf(await previewBytes(page)).map((e) => e.title)).toEqual(['Eating and drinking before ketamine treatment', 'Going home after ketamine treatment']);
    } finally {
      await page.close();
    }
  });

  it('shows a bad date next to its field, and no preview', async () => {
    const page = await openPage();
    try {
      await fillVisit(page, visit('iv'));
      await page.locator('[name="session.start"]').fill('2026-03-08T02:30');
      await page.getByRole('button', { name: 'New patient packet' }).click();
      const error = page.locator('[id="err-session.start"]');
      await expect.poll(() => error.textContent(), { timeout: 10_000 }).toContain('does not exist in America/New_York');
      expect(await page.locator('[name="session.start"]').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('[name="session.start"]').getAttribute('aria-describedby')).toBe('err-session.start');
      expect(await error.textContent()).toMatch(/^Start \(clinic time\)/);
      expect(await page.locator('#form-errors').isVisible()).toBe(true);
      expect(await page.locator('#preview-frame').getAttribute('src')).toBeNull();
      expect(await page.locator('#print').isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('opens the folded representative part to show that a minor\'s consent needs a guardian', async () => {
    const page = await openPage();
    try {
      await fillVisit(page, { ...visit('iv'), patient: { ...(visit('iv').patient as object), birthDate: '2010-05-01' } });
      expect(await page.locator('#more-people').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await page.getByRole('button', { name: 'New patient packet' }).click();
      const error = page.locator('[id="err-representative"]');
      await expect.poll(() => error.textContent(), { timeout: 10_000 }).toContain('the patient is 16 on the session date');
      expect(await error.isVisible()).toBe(true);
      expect(await page.locator('[name="representative.name"]').getAttribute('aria-invalid')).toBe('true');
      const link = page.locator('#form-errors a');
      expect(await link.textContent()).toMatch(/^Legal representative who signs for the patient is required — the patient is 16/);
      expect(await link.getAttribute('href')).toBe('#representative.name');
    } finally {
      await page.close();
    }
  });

  it('unfolds the representative and interpreter for a patient who has them, and folds them for the next who has none', async () => {
    const page = await openPage();
    try {
      const folded = page.locator('#more-people');
      const isOpen = () => folded.evaluate((d) => (d as HTMLDetailsElement).open);
      // The folded part shows that it opens: its summary carries a drawn marker.
      expect(await page.locator('#more-people > summary').evaluate((s) => getComputedStyle(s, '::before').borderRightWidth)).toBe('3px');
      await page.locator('#schedule-text').fill([JSON.stringify(visit('representative')), JSON.stringify(visit('iv'))].join('\n'));
      await page.locator('#schedule-read').click();
      await expect.poll(() => page.locator('#schedule-status').textContent(), { timeout: 10_000 }).toBe('2 patients.');
      const rows = page.locator('#schedule-table tbody tr');
      await rows.nth(0).getByRole('button').click();
      await expect.poll(isOpen).toBe(true);
      expect(await page.locator('[name="representative.name"]').isVisible()).toBe(true);
      expect(await page.locator('[name="representative.name"]').inputValue()).toBe('Carla Marchetti');
      expect(await page.locator('[name="interpreter.language"]').inputValue()).toBe('American Sign Language');
      await rows.nth(1).getByRole('button').click();
      expect(await isOpen()).toBe(false);
      expect(await page.locator('[name="representative.name"]').inputValue()).toBe('');
    } finally {
      await page.close();
    }
  });

  it('puts each missing field of an empty form beside its own box, named as the form labels it', async () => {
    const page = await openPage();
    try {
      await page.getByRole('button', { name: 'New patient packet' }).click();
      await expect.poll(() => page.locator('[id="err-session.id"]').textContent(), { timeout: 10_000 }).toBe('Session ID is required.');
      const labels: Record<string, string> = { 'patient.givenName': 'Given name', 'patient.mrn': 'Record number (MRN)', 'session.start': 'Start (clinic time)', 'session.route': 'Route', 'session.indication': 'Reason for treatment', 'session.provider.name': 'Provider' };
      for (const [name, label] of Object.entries(labels)) {
        expect(await page.locator(`[id="err-${name}"]`).textContent(), name).toBe(`${label} is required.`);
      }
      // Every problem in the list links to its field: none is about a whole group.
      const listed = await page.locator('#form-errors li').allTextContents();
      expect(listed.filter((line) => /^(patient|session)\b/.test(line))).toEqual([]);
      expect(await page.locator('#form-errors li:not(:has(a))').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('reads a pasted schedule; picking a patient fills the form and shows that row\'s problems', async () => {
    const page = await openPage();
    try {
      await page.locator('#schedule-text').fill(readFileSync(new URL('../../fixtures/schedules/2026-11-24.csv', import.meta.url), 'utf8'));
      await page.locator('#schedule-read').click();
      await expect.poll(() => page.locator('#schedule-status').textContent(), { timeout: 10_000 }).toBe('42 patients, 3 with something to fix.');
      const rows = page.locator('#schedule-table tbody tr');
      expect(await rows.count()).toBe(42);
      expect(await rows.nth(9).locator('td').nth(7).textContent()).toBe('1 to fix');
      await rows.nth(9).getByRole('button').click();
      expect(await page.locator('[id="err-patient.birthDate"]').textContent()).not.toBe('');
      await rows.nth(0).getByRole('button').click();
      expect(await page.locator('[name="patient.familyName"]').inputValue()).toBe('Whitfield');
      expect(await page.locator('[id="err-patient.birthDate"]').textContent()).toBe('');
      await makePapers(page, 'New patient packet');
    } finally {
      await page.close();
    }
  });

  it('shows a language tag or name as its language, and sends a value the list lacks back for the service to name', async () => {
    const page = await openPage();
    try {
      const v = visit('iv') as { patient: Record<string, unknown>; session: Record<string, unknown> };
      const rows = [
        { ...v, patient: { ...v.patient, language: 'es-US' } },
        { ...v, patient: { ...v.patient, language: 'French', mrn: 'HL-100235' } },
        { ...v, patient: { ...v.patient, language: 'Spanish', mrn: 'HL-100236' }, session: { ...v.session, route: 'Intravenous' } },
      ];
      await page.locator('#schedule-text').fill(rows.map((r) => JSON.stringify(r)).join('\n'));
      await page.locator('#schedule-read').click();
      await expect.poll(() => page.locator('#schedule-status').textContent(), { timeout: 10_000 }).toBe('3 patients, 1 with something to fix.');
      const table = page.locator('#schedule-table tbody tr');
      // "es-US" is Spanish: the papers print in Spanish.
      await table.nth(0).getByRole('button').click();
      expect(await page.locator('[name="patient.language"]').inputValue()).toBe('es');
      // The papers' language follows the patient, and the switch says which that is.
      expect(await page.locator('#print-lang option[value=""]').textContent()).toBe("The patient's (Spanish (Español))");
      await makePapers(page, 'New patient packet');
      expect(pdfText(await previewBytes(page))).toContain('Consentimiento para el tratamiento con ketamina');
      // A name the service reads is shown as its choice: "Spanish" as Spanish, "Intravenous" as IV.
      await table.nth(2).getByRole('button').click();
      expect(await page.locator('[name="patient.language"]').inputValue()).toBe('es');
      expect(await page.locator('[name="session.route"]').inputValue()).toBe('iv');
      // "French" fits no choice: nothing is shown chosen, and the papers are not made in English.
      await table.nth(1).getByRole('button').click();
      expect(await page.locator('[name="patient.language"]').evaluate((el) => (el as HTMLSelectElement).selectedIndex)).toBe(-1);
      await page.getByRole('button', { name: 'New patient packet' }).click();
      await expect.poll(() => page.locator('[id="err-patient.language"]').textContent(), { timeout: 10_000 }).toContain('expected "en" or "es"');
      expect(await page.locator('#preview-frame').getAttribute('src')).toBeNull();
    } finally {
      await page.close();
    }
  });

  it('shows a schedule time written with a UTC offset as the clinic\'s time, and a short birth date in full, and prints them', async () => {
    const page = await openPage();
    try {
      // 14:00 UTC is 9:00 AM in New York; cut to "2026-11-24T14:00" it would read 2:00 PM.
      const v = visit('iv') as { patient: Record<string, unknown>; session: Record<string, unknown> };
      // And a birth date as a spreadsheet writes it, which a date box cannot hold as written.
      await page.locator('#schedule-text').fill(JSON.stringify({ ...v, patient: { ...v.patient, birthDate: '1984-3-4' }, session: { ...v.session, start: '2026-11-24T14:00:00Z' } }));
      await page.locator('#schedule-read').click();
      await expect.poll(() => page.locator('#schedule-status').textContent(), { timeout: 10_000 }).toBe('1 patient.');
      const row = page.locator('#schedule-table tbody tr').first();
      expect(await row.locator('td').first().textContent()).toBe('09:00');
      await row.getByRole('button').click();
      expect(await page.locator('[name="session.start"]').inputValue()).toBe('2026-11-24T09:00');
      expect(await page.locator('[name="patient.birthDate"]').inputValue()).toBe('1984-03-04');
      await makePapers(page, 'New patient packet');
      expectPhrases(pdfText(await previewBytes(page)), ['Last solid food: 3:00 AM on Tuesday, November 24', 'Born March 4, 1984']);
      // A changed box is sent as typed.
      await page.locator('[name="session.start"]').fill('2026-11-24T10:00');
      await page.getByRole('button', { name: 'New patient packet' }).click();
      await expect.poll(async () => pdfText(await previewBytes(page).catch(() => Buffer.alloc(0))).includes('Last solid food: 4:00 AM'), { timeout: 20_000 }).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('fits a desktop at 1280x800 and a tablet in portrait, with no sideways scrolling', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, tablet, { width: 768, height: 1024 }]) {
      const page = await openPage(viewport);
      try {
        const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(await overflow(), `${viewport.width}x${viewport.height}`).toBeLessThanOrEqual(0);
        // Nor once the day's schedule, a wide table, is shown (it scrolls in its own box).
        await page.locator('#schedule-text').fill(readFileSync(new URL('../../fixtures/schedules/2026-11-24.csv', import.meta.url), 'utf8'));
        await page.locator('#schedule-read').click();
        await expect.poll(() => page.locator('#schedule-status').textContent(), { timeout: 10_000 }).toBe('42 patients, 3 with something to fix.');
        expect(await overflow(), `${viewport.width}x${viewport.height} with the schedule`).toBeLessThanOrEqual(0);
        const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('input:not([type=checkbox]):not([type=file]), select, button')].filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getBoundingClientRect().height)));
        expect(smallest, 'controls are large enough to hit').toBeGreaterThanOrEqual(40);
      } finally {
        await page.close();
      }
    }
  });
});
