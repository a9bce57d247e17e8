import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoseMinutes } from '../../src/clinical/deriveFacts.js';
import { visitWith } from '../helpers/fixtures.js';
import { outlineOf } from '../helpers/pdfFields.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';
import { desktop, fillVisit, haveBrowser, makePapers, openPage, pasteSchedule, previewBytes, shownTime, startRig, stopRig, tablet, type PageRig } from './browser.js';

let rig: PageRig | undefined;
beforeAll(async () => {
  if (!haveBrowser) return;
  rig = await startRig();
}, 60_000);
afterAll(async () => {
  await stopRig(rig);
});

const open = (viewport = desktop) => openPage(rig as PageRig, viewport);
const daySchedule = () => readFileSync(new URL('../../fixtures/schedules/2026-11-24.csv', import.meta.url), 'utf8');
const rows = (page: Page) => page.locator('#schedule-table tbody tr');
const shownNames = (page: Page) => rows(page).locator('td:nth-child(2):visible').allTextContents();

/** A chronic-pain IV patient on a Thursday at 5:00 AM, typed in by hand. */
const chronicPain = (session: Record<string, unknown> = {}) => visitWith('iv', { session: { start: '2026-11-26T05:00', indication: 'chronic pain', ...session }, nextAppointment: '2026-11-30T09:00' });

describe.skipIf(!haveBrowser)('the front desk, second version, in Chromium', () => {
  it('shows a 240-minute infusion\'s no-driving time before any paper, 9:30 AM, and prints the same', async () => {
    const page = await open();
    try {
      await fillVisit(page, chronicPain());
      // Without its length, the IV default: the time staff would have printed, 3 hours 20 minutes early.
      await expect.poll(() => shownTime(page, 'noDrivingUntil'), { timeout: 10_000 }).toBe('6:10 AM on Friday, November 27');
      expect(await page.locator('#duration-note').textContent()).toBe(`Empty: the IV infusion default, ${defaultDoseMinutes.iv} minutes.`);
      expect(await page.locator('#times-dose').textContent()).toContain(`${defaultDoseMinutes.iv} minutes, the IV infusion default`);

      await page.getByLabel('Dose length in minutes').fill('240');
      await expect.poll(() => shownTime(page, 'noDrivingUntil'), { timeout: 10_000 }).toBe('9:30 AM on Friday, November 27');
      expect(await shownTime(page, 'discharge')).toBe('9:30 AM on Thursday, November 26');
      expect(await page.locator('#times-dose').textContent()).toBe(`IV infusion: 240 minutes as entered (the IV infusion default is ${defaultDoseMinutes.iv} minutes), then 30 minutes of monitoring.`);
      expect(await page.locator('#time-discharge-label').textContent()).toBe('Expected discharge');

      await makePapers(page, 'Discharge sheet');
      expectPhrases(pdfText(await previewBytes(page)), ['No driving until 9:30 AM on Friday, November 27']);

      // The time the patient actually left, and a hard stop beside the times when it is too early.
      await page.getByLabel('Left the clinic at').fill('2026-11-26T09:00');
      await expect.poll(() => page.locator('#times-problems').textContent(), { timeout: 10_000 }).toContain('Left the clinic at is before monitoring ends: a 240-minute IV infusion and 30 minutes of monitoring end at 2026-11-26T09:30');
      await page.getByLabel('Left the clinic at').fill('2026-11-26T09:45');
      await expect.poll(() => shownTime(page, 'noDrivingUntil'), { timeout: 10_000 }).toBe('9:45 AM on Friday, November 27');
      expect(await page.locator('#time-discharge-label').textContent()).toBe('Left the clinic');
      expect(await page.locator('#times-problems li').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('resets the dose length when the route changes, and says so: a picked row\'s 240 minutes of IV do not follow it to IM', async () => {
    const page = await open();
    try {
      await pasteSchedule(page, JSON.stringify(chronicPain({ durationMinutes: 240 })), '1 patient.');
      await rows(page).first().getByRole('button').click();
      const length = page.getByLabel('Dose length in minutes');
      expect(await length.inputValue()).toBe('240');
      await expect.poll(() => shownTime(page, 'noDrivingUntil'), { timeout: 10_000 }).toBe('9:30 AM on Friday, November 27');

      await page.getByLabel('Route').selectOption('im');
      expect(await length.inputValue()).toBe('');
      await expect.poll(() => page.locator('#route-note').textContent(), { timeout: 10_000 }).toBe(`Route changed to IM injection: the dose length went back to its default, ${defaultDoseMinutes.im} minutes.`);
      await expect.poll(() => page.locator('#times-dose').textContent()).toContain(`IM injection: ${defaultDoseMinutes.im} minutes, the IM injection default`);

      await makePapers(page, 'New patient packet');
      const consent = pdfText(await previewBytes(page));
      expect(consent).not.toContain('about 4 hours');
      // The IM consent: a shot whose effects last about an hour, not a 4-hour infusion.
      expectPhrases(consent, ['A nurse gives you a shot of ketamine into the muscle', 'the effects last about an hour']);
      expect(consent).not.toContain('drips in slowly');
    } finally {
      await page.close();
    }
  });

  it('finds the patient in a 42-row schedule by name, record number or birth date, as staff type them', async () => {
    const page = await open();
    try {
      await pasteSchedule(page, daySchedule(), '42 patients, 3 with something to fix.');
      expect(await rows(page).count()).toBe(42);
      // A readable row: time, name, birth date, MRN, route and language in words, escort.
      expect(await rows(page).nth(3).locator('td').allTextContents()).toEqual(['07:45', 'Guadalupe Ríos Ortega', 'Apr 16, 1959', 'HL-200121', 'IM injection', 'Spanish', 'Yes', 'OK', 'Use']);
      const search = page.getByLabel("Search today's schedule");
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
      const cases: [string, string[]][] = [
        ['whit', ['Dana Whitfield']],
        ['WHITFIELD, dana', ['Dana Whitfield']],
        ['rios', ['Guadalupe Ríos Ortega']],
        ['HL-200142', ['Aisha Bello']],
        ['hl200142', ['Aisha Bello']],
        ['200142', ['Aisha Bello']],
        ['7/3/1968', ['Aisha Bello']],
        ['1968-07-03', ['Aisha Bello']],
        // Both readings of a date with slashes: March 11 and November 3.
        ['3/11/1956', ['Ruth O\'Brien "Bree" Castellano']],
        ['11/3/1956', ['Ruth O\'Brien "Bree" Castellano']],
      ];
      for (const [typed, names] of cases) {
        await search.fill(typed);
        expect(await shownNames(page), typed).toEqual(names);
      }
      expect(await page.locator('#schedule-status').textContent()).toBe('1 of 42 patients match.');
      await search.fill('nobody');
      expect(await page.locator('#schedule-status').textContent()).toBe('No patient matches "nobody".');
      await search.fill('');
      expect(await shownNames(page)).toHaveLength(42);
    } finally {
      await page.close();
    }
  });

  it('moves through the schedule by keyboard, picks with Enter, marks the picked row and names the patient with a second identifier', async () => {
    const page = await open();
    try {
      await pasteSchedule(page, daySchedule(), '42 patients, 3 with something to fix.');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Use Marcus Oyelaran, born February 6, 1953');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[name="patient.familyName"]').inputValue()).toBe('Whitfield');
      expect(await rows(page).nth(0).getAttribute('aria-current')).toBe('true');
      expect(await page.locator('#schedule-table tr[aria-current]').count()).toBe(1);
      expect(await page.locator('#patient-id').textContent()).toBe('Dana Whitfield · born January 1, 1950 · MRN HL-200100');
      // The picked row stands out: its background is not the others'.
      const background = (i: number) => rows(page).nth(i).evaluate((tr) => getComputedStyle(tr).backgroundColor);
      expect(await background(0)).not.toBe(await background(2));

      // Search, Enter on the only match: picked; focus on the first set of papers, then Enter makes them.
      await page.getByLabel("Search today's schedule").fill('bello');
      await page.getByLabel("Search today's schedule").press('Enter');
      await expect.poll(() => page.locator('#patient-id').textContent()).toBe('Aisha Bello · born July 3, 1968 · MRN HL-200142');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New patient packet');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#render-status').textContent(), { timeout: 20_000 }).toMatch(/^Ready/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('print');
    } finally {
      await page.close();
    }
  });

  for (const [name, viewport] of [['desktop', desktop], ['tablet', tablet]] as const) {
    it(`makes a packet and a discharge sheet in two clicks each from the schedule, the preview in view with Print beside it (${name})`, async () => {
      const page = await open(viewport);
      try {
        await pasteSchedule(page, daySchedule(), '42 patients, 3 with something to fix.');
        await page.getByLabel("Search today's schedule").fill('whit');
        const sets: [Parameters<typeof makePapers>[1], string[]][] = [
          ['New patient packet', ['Consent for ketamine treatment', 'Side effects of ketamine treatment', 'Eating and drinking before ketamine treatment']],
          ['Discharge sheet', ['Going home after ketamine treatment']],
        ];
        for (const [set, titles] of sets) {
          await rows(page).first().getByRole('button').click(); // 1
          await makePapers(page, set); // 2
          expect(outlineOf(await previewBytes(page)).map((e) => e.title)).toEqual(titles);
          // The preview and its Print button are where the eye is, without scrolling.
          for (const id of ['#preview-frame', '#print']) {
            const box = await page.locator(id).boundingBox();
            expect(box && box.y >= 0 && box.y < viewport.height && box.x + box.width <= viewport.width, `${set}: ${id} in view`).toBe(true);
          }
          if (name === 'desktop') {
            // Beside the form, not under it.
            const form = await page.locator('#visit-form').boundingBox();
            const frame = await page.locator('#preview-frame').boundingBox();
            expect((frame?.x ?? 0) >= (form?.x ?? 0) + (form?.width ?? 0)).toBe(true);
          }
          expect(await page.locator('#preview-who').textContent()).toBe(`Dana Whitfield · born January 1, 1950 · MRN HL-200100 — ${set}, in English`);
        }
        // Print asks the browser's print dialog for the PDF in the preview.
        await page.evaluate(() => {
          const frame = document.getElementById('preview-frame') as HTMLIFrameElement;
          const w = frame.contentWindow as Window;
          w.print = () => {
            (window as Window & { printedUrl?: string }).printedUrl = w.location.href;
          };
        });
        await page.getByRole('button', { name: 'Print', exact: true }).click();
        const printed = await page.evaluate(() => (window as Window & { printedUrl?: string }).printedUrl);
        const src = await page.locator('#preview-frame').getAttribute('src');
        expect(printed).toBe(src);
        expect(await page.evaluate(async (url) => (await fetch(url)).headers.get('content-type'), printed as string)).toBe('application/pdf');
      } finally {
        await page.close();
      }
    });
  }

  it('words each problem with the field as the form labels it, beside that field, while the API keeps its paths', async () => {
    const page = await open();
    try {
      await fillVisit(page, visitWith('iv', { nextAppointment: '2026-11-23T09:00' }));
      await page.getByRole('button', { name: 'New patient packet' }).click();
      const slot = page.locator('[id="err-nextAppointment"]');
      await expect.poll(() => slot.textContent(), { timeout: 10_000 }).toBe('Next appointment must be after the session starts');
      expect(await page.locator('#form-errors li').allTextContents()).toEqual(['Next appointment must be after the session starts']);
      expect(await page.getByLabel('Next appointment').getAttribute('aria-invalid')).toBe('true');
      const api = await page.evaluate(async (body) => {
        const token = sessionStorage.getItem('careprint.token') ?? '';
        const res = await fetch('/v1/validate', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
        return (await res.json()) as { problems: { path: string; message: string }[] };
      }, JSON.stringify(visitWith('iv', { nextAppointment: '2026-11-23T09:00' })));
      expect(api.problems).toEqual([expect.objectContaining({ path: 'nextAppointment', message: 'must be after session.start' })]);
    } finally {
      await page.close();
    }
  });

  it('has no serious or critical accessibility violation (axe-core), empty, with a patient picked and with problems shown', { timeout: 180_000 }, async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const viewport of [desktop, tablet]) {
      // The page's own policy allows only its own scripts: axe is let in for the test alone.
      const page = await openPage(rig as PageRig, viewport, { bypassCSP: true });
      try {
        await page.evaluate(axeSource);
        const serious = async (state: string) => {
          const result = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
            return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
          });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${state}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        };
        const found = [...(await serious('empty'))];
        await pasteSchedule(page, daySchedule(), '42 patients, 3 with something to fix.');
        await rows(page).nth(9).getByRole('button').click();
        await expect.poll(() => page.locator('#form-errors').isVisible()).toBe(true);
        found.push(...(await serious('a row with a problem picked')));
        await rows(page).nth(0).getByRole('button').click();
        await makePapers(page, 'Discharge sheet');
        found.push(...(await serious('papers made')));
        expect(found, `${viewport.width}x${viewport.height}`).toEqual([]);
        // Every box shown has a label that is shown too, not only one a screen reader hears.
        await page.getByRole('button', { name: 'Choose…' }).click();
        await page.locator('#schedule-source > summary').click();
        const unlabelled = await page.evaluate(() => {
          const shown = (el: Element) => {
            const box = el.getBoundingClientRect();
            return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden';
          };
          return [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => shown(el) || (el as HTMLInputElement).type === 'file')
            .filter((el) => ![...document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`), el.closest('label')].some((label) => label !== null && shown(label) && (label.textContent ?? '').trim() !== ''))
            .map((el) => el.id || el.outerHTML);
        });
        expect(unlabelled).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });

  describe('layout goldens', () => {
    const goldenDir = new URL('./golden/', import.meta.url);
    const update = process.env.UPDATE_GOLDENS === '1';
    // Chromium's text can move by a pixel between builds; a layout change moves far more.
    const tolerance = 0.01;

    for (const [name, viewport] of [['desktop', desktop], ['tablet', tablet]] as const) {
      it(`looks as it did with a patient picked (${name}, ${viewport.width}x${viewport.height})`, async () => {
        const page = await open(viewport);
        try {
          await pasteSchedule(page, daySchedule(), '42 patients, 3 with something to fix.');
          await page.getByLabel("Search today's schedule").fill('HL-200142');
          await page.getByLabel("Search today's schedule").press('Enter');
          await expect.poll(() => shownTime(page, 'noDrivingUntil'), { timeout: 10_000 }).toBe('9:45 AM on Wednesday, November 25');
          const actual = PNG.sync.read(await page.screenshot({ animations: 'disabled', caret: 'hide' }));
          const file = new URL(`${name}.png`, goldenDir);
          if (update || !existsSync(file)) {
            mkdirSync(goldenDir, { recursive: true });
            writeFileSync(file, PNG.sync.write(actual));
            if (!update) throw new Error(`no golden for ${name}: written, look at it and commit it`);
            return;
          }
          const expected = PNG.sync.read(readFileSync(file));
          expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
          const diff = new PNG({ width: actual.width, height: actual.height });
          const changed = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.1 });
          if (changed / (actual.width * actual.height) > tolerance) {
            const out = new URL('../visual/diffs/', import.meta.url);
            mkdirSync(out, { recursive: true });
            writeFileSync(new URL(`web-${name}.png`, out), PNG.sync.write(diff));
            writeFileSync(new URL(`web-${name}-actual.png`, out), PNG.sync.write(actual));
          }
          expect(changed / (actual.width * actual.height), `${name}: share of pixels changed (UPDATE_GOLDENS=1 to accept)`).toBeLessThanOrEqual(tolerance);
        } finally {
          await page.close();
        }
      });
    }
  });
});
