import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CareprintError } from '../../src/errors.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { expectPhrases, pdfPagesText, pdfText } from '../helpers/pdfText.js';

async function problems(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CareprintError) return error.problems.map((p) => `${p.code} ${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a CareprintError');
}

function hasQpdf(): boolean {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the discharge sheet', () => {
  it('prints who, when, the boxed no-driving time and every section', async () => {
    const { bytes, info } = await renderDocument('discharge', visit('iv'), clinic());
    const text = pdfText(bytes);
    expectPhrases(text, [
      'Dana Whitfield',
      'March 4, 1984',
      'HL-100234',
      'November 24, 2026',
      'It started at 9:00 AM.',
      'No driving until 10:10 AM on Wednesday, November 25',
      'An adult must take you home and stay with you tonight. Today that is Sam Whitfield (spouse).',
      'The time above is for leaving at 10:10 AM.',
      'For the next 24 hours',
      'No alcohol',
      'Do not make big decisions or sign legal papers.',
      'Normal for a few hours',
      'Call the clinic if',
      'Call 911 for chest pain',
      'Call or text 988',
      '9:00 AM on Friday, November 27',
      '(555) 010-4400',
      'After hours: (555) 010-4499',
      'Adult taking the patient home: Sam Whitfield',
      'Discharging nurse',
    ]);
    expect(info).toMatchObject({ documentType: 'discharge', templateId: 'discharge', templateVersion: '2.0.0', language: 'en', paper: 'letter' });
    expect(info.documentId).toMatch(/^CP-DIS-[0-9A-F]{12}$/);
    const pages = pdfPagesText(bytes);
    expect(pages).toHaveLength(info.pages);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain(`discharge v2.0.0 · effective 2026-12-08 · Document ${info.documentId}`);
    });
  });

  it('prints the cut-offs of a 5:00 AM four-hour pain infusion', async () => {
    const text = pdfText((await renderDocument('discharge', visit('early-morning'), clinic())).bytes);
    expect(text).toContain('It started at 5:00 AM');
    expect(text).toContain('The time above is for leaving at 9:30 AM');
    expect(text).toContain('No driving until 9:30 AM on Wednesday, November 25');
    expect(text).toContain('The clinic will call you to set up your next visit.');
  });

  it('says what changes for intranasal esketamine', async () => {
    const text = pdfText((await renderDocument('discharge', visit('intranasal'), clinic())).bytes);
    expect(text).toContain('Today you had esketamine nasal spray at 3:00 PM.');
    expect(text).toContain('No driving until 5:00 PM on Wednesday, November 25');
    expect(text).toContain('And not before tomorrow, after a full night of sleep.');
  });

  it('says when the clocks change during the 24 hours, and which of two equal clock times the end is', async () => {
    // Leaving at 4:10 PM EDT on the Saturday daylight saving ends: 24 hours later the clock shows 3:10 PM.
    const saturday = visitWith('iv', { session: { start: '2026-10-31T15:00' }, nextAppointment: undefined });
    expectPhrases(pdfText((await renderDocument('discharge', saturday, clinic())).bytes), [
      'No driving until 3:10 PM on Sunday, November 1',
      'The clocks go back 1 hour at 2:00 AM on Sunday, November 1. The time above already takes that into account.',
    ]);
    expectPhrases(pdfText((await renderDocument('discharge', saturday, clinic(), { lang: 'es' })).bytes), [
      'No maneje hasta el domingo 1 de noviembre, 3:10 p. m.',
      'El domingo 1 de noviembre a las 2:00 a. m., los relojes se atrasan 1 hora. La hora de arriba ya tiene en cuenta ese cambio.',
    ]);
    // Spring forward: the clock shows an hour later than the time of leaving.
    expectPhrases(pdfText((await renderDocument('discharge', visitWith('iv', { session: { start: '2026-03-07T15:00' }, nextAppointment: undefined }), clinic())).bytes), [
      'No driving until 5:10 PM on Sunday, March 8',
      'The clocks go forward 1 hour at 2:00 AM on Sunday, March 8. The time above already takes that into account.',
    ]);
    // An end of no driving at the second 1:30 AM: read as the first, it would be an hour short.
    const late = visitWith('iv', { session: { start: '2026-10-31T01:20', dischargeAt: '2026-10-31T02:30' }, nextAppointment: undefined });
    expectPhrases(pdfText((await renderDocument('discharge', late, clinic())).bytes), [
      'No driving until 1:30 AM on Sunday, November 1 (the second time the clock shows 1:30 AM, after the clocks go back 1 hour)',
    ]);
    expect(pdfText((await renderDocument('discharge', visit('iv'), clinic())).bytes)).not.toMatch(/clocks? (go|shows)/);
  });

  it('counts from the real discharge time when it is given', async () => {
    const text = pdfText((await renderDocument('discharge', visitWith('iv', { session: { dischargeAt: '2026-11-24T10:45' } }), clinic())).bytes);
    expect(text).toContain('You left the clinic at 10:45 AM. You may drive again 24 hours after that.');
    expect(text).toContain('No driving until 10:45 AM on Wednesday, November 25');
  });

  it('refuses a discharge sheet without an escort (clinical hard stop)', async () => {
    const { escort: _escort, ...alone } = visit('iv');
    expect(await problems(() => renderDocument('discharge', alone, clinic()))).toEqual(['clinical_hard_stop escort: required — a patient must not leave alone after ketamine']);
  });

  it('refuses the patient named as their own escort, in any spelling of the name', async () => {
    for (const name of ['Dana Whitfield', 'WHITFIELD, Dana', '  dana   whitfield ']) {
      const self = visitWith('iv', { escort: { name, relationship: 'self', phone: '(555) 010-7781' } });
      expect(await problems(() => renderDocument('discharge', self, clinic()))).toEqual([
        "clinical_hard_stop escort.name: is the patient's own name; the escort is another adult, who takes the patient home",
      ]);
    }
    // Another adult of the same name is told apart by a suffix; a relative with another given name passes.
    for (const name of ['Dana Whitfield Sr.', 'Sam Whitfield']) {
      const other = visitWith('iv', { escort: { name, relationship: 'parent', phone: '(555) 010-7781' } });
      expect(pdfText((await renderDocument('discharge', other, clinic())).bytes)).toContain(`Today that is ${name}`);
    }
    // Accents do not hide it either.
    const accented = visitWith('spanish-names', {});
    const patient = accented.patient as { givenName: string; familyName: string };
    const plain = `${patient.givenName} ${patient.familyName}`.normalize('NFD').replace(/\p{M}/gu, '');
    expect(await problems(() => renderDocument('discharge', { ...accented, escort: { name: plain, relationship: 'self', phone: '(555) 010-7781' } }, clinic()))).toEqual([
      expect.stringContaining("clinical_hard_stop escort.name: is the patient's own name"),
    ]);
  });

  it('refuses a next appointment that falls before this visit ends', async () => {
    const during = visitWith('iv', { nextAppointment: '2026-11-24T09:30' });
    expect(await problems(() => renderDocument('discharge', during, clinic()))).toEqual(['input_invalid nextAppointment: is before this visit ends, at 2026-11-24T10:10']);
    const later = visitWith('iv', { nextAppointment: '2026-11-24T16:00' });
    expect(pdfText((await renderDocument('discharge', later, clinic())).bytes)).toContain('4:00 PM');
  });

  it('prints the next appointment with its day and time, and the clinic\'s phones', async () => {
    const named = { ...clinic(), name: 'Harbor Light Infusion Clinic, P.C.' };
    const english = pdfText((await renderDocument('discharge', visit('iv'), named)).bytes);
    expect(english).toContain('Next appointment: 9:00 AM on Friday, November 27 ');
    expect(english).not.toMatch(/\.\./);
    const spanish = pdfText((await renderDocument('discharge', visit('iv'), named, { lang: 'es' })).bytes);
    expect(spanish).toContain('Próxima cita: viernes 27 de noviembre, 9:00 a. m. ');
    expect(spanish).not.toMatch(/\.\./);
  });

  it('refuses an esketamine discharge before two hours of observation', async () => {
    const early = visitWith('intranasal', { session: { dischargeAt: '2026-11-24T16:30' } });
    expect(await problems(() => renderDocument('discharge', early, clinic()))).toEqual([
      'clinical_hard_stop session.dischargeAt: intranasal esketamine needs at least 2 hours of observation after the dose before discharge, until 2026-11-24T17:00',
    ]);
  });

  it('refuses a discharge before the dose and its monitoring are over, for every route', async () => {
    // IV: 40 minutes of infusion, then 30 of monitoring. A discharge at 9:10 would send the
    // patient home mid-infusion, and start the 24 hours of no driving an hour early.
    const iv = visitWith('iv', { session: { dischargeAt: '2026-11-24T09:10' } });
    expect(await problems(() => renderDocument('discharge', iv, clinic()))).toEqual([
      'clinical_hard_stop session.dischargeAt: before monitoring ends: a 40-minute IV infusion and 30 minutes of monitoring end at 2026-11-24T10:10',
    ]);
    const im = visitWith('im', { session: { dischargeAt: '2026-11-24T14:14' } });
    expect(await problems(() => renderDocument('discharge', im, clinic()))).toEqual([
      'clinical_hard_stop session.dischargeAt: before monitoring ends: a 15-minute IM injection and 30 minutes of monitoring end at 2026-11-24T14:15',
    ]);
    // A long pain infusion counts its own length, and the clinic's own monitoring time.
    const long = visitWith('iv', { session: { durationMinutes: 240, dischargeAt: '2026-11-24T13:30' } });
    expect(await problems(() => renderDocument('discharge', long, { ...clinic(), policy: { monitoringMinutes: 60 } }))).toEqual([
      'clinical_hard_stop session.dischargeAt: before monitoring ends: a 240-minute IV infusion and 60 minutes of monitoring end at 2026-11-24T14:00',
    ]);
    // The moment monitoring ends is a discharge the sheet prints.
    const onTime = visitWith('im', { session: { dischargeAt: '2026-11-24T14:15' } });
    expect(pdfText((await renderDocument('discharge', onTime, clinic())).bytes)).toContain('You left the clinic at 2:15 PM');
  });

  it('refuses characters no embedded font can print, naming the field', async () => {
    const v = visitWith('iv', { patient: { givenName: '王小明' }, escort: { name: 'Ann 한' } });
    expect(await problems(() => renderDocument('discharge', v, clinic()))).toEqual([
      'font_missing_glyph patient.givenName: has characters the embedded fonts cannot print (U+738B, U+5C0F, U+660E)',
      'font_missing_glyph escort.name: has characters the embedded fonts cannot print (U+D55C)',
    ]);
  });

  it('keeps each phone number on one line', async () => {
    // The words of a phone number are joined by no-break spaces; its hyphen is never a break.
    const text = pdfPagesText((await renderDocument('discharge', visit('iv'), clinic())).bytes).join('\n');
    expect(text).toContain('Clinic: (555)\u00a0010-4400. After hours: (555)\u00a0010-4499');
    expect(text).not.toMatch(/\(\d{3}\)\s*\n|\d{3}-\n/);
  });

  it('keeps the record number whole, with its label, where the page header wraps', async () => {
    // In Spanish this header is two lines; it used to break at the MRN's hyphen ("HL-" / "104120").
    for (const doc of ['discharge', 'fasting'] as const) {
      const lines = (pdfPagesText((await renderDocument(doc, visit('spanish'), clinic())).bytes)[0] ?? '').split('\n');
      expect(lines.some((line) => line.includes('N.º de expediente HL-104120')), doc).toBe(true);
      expect(lines.filter((line) => /HL-\s*$/.test(line)), doc).toEqual([]);
    }
  });

  it('grows a long page header down, never toward the paper\'s edge, and keeps the body below it', async () => {
    // The longest names the contract takes, without a space to break at, in Spanish: a
    // header of five lines and more, whose top line went toward the edge when it grew upwards.
    const v = visitWith('iv', { patient: { givenName: 'W'.repeat(80), familyName: 'X'.repeat(80), mrn: 'HL-10023456789012345' } });
    for (const paper of ['letter', 'a4'] as const) {
      const doc = mupdf.Document.openDocument((await renderDocument('discharge', v, clinic(), { lang: 'es', paper })).bytes, 'application/pdf');
      for (let i = 0; i < doc.countPages(); i++) {
        const lines = (JSON.parse(doc.loadPage(i).toStructuredText('preserve-whitespace').asJSON()) as { blocks: { lines?: { bbox: { y: number; h: number }; text: string }[] }[] }).blocks.flatMap((b) => b.lines ?? []);
        expect(Math.min(...lines.map((l) => l.bbox.y)), `${paper} page ${i + 1}`).toBeGreaterThanOrEqual(36);
        // The header (small type, 9 pt) ends above the first line of the body (13 pt and more).
        const top = lines.filter((l) => l.bbox.y < 400);
        const headerBottom = Math.max(...top.filter((l) => l.bbox.h < 13).map((l) => l.bbox.y + l.bbox.h));
        const bodyTop = Math.min(...top.filter((l) => l.bbox.h >= 13).map((l) => l.bbox.y));
        expect(bodyTop, `${paper} page ${i + 1}`).toBeGreaterThan(headerBottom);
      }
    }
  });

  it('prints names with accents and Vietnamese, Polish and Turkish letters', async () => {
    const v = visitWith('iv', { patient: { givenName: 'Nguyễn Thị', familyName: 'Łukasiewicz-Öztürk' } });
    const text = pdfText((await renderDocument('discharge', v, clinic())).bytes);
    expect(text).toContain('Nguyễn Thị Łukasiewicz-Öztürk');
  });

  it('prints markup-like patient data exactly as typed', async () => {
    const v = visitWith('iv', { patient: { givenName: '<b>Ann</b>', familyName: "{{x}} O'Brien & Sons" } });
    expect(pdfText((await renderDocument('discharge', v, clinic())).bytes)).toContain("<b>Ann</b> {{x}} O'Brien & Sons");
  });

  it('gives the same bytes for the same input, whatever the host time zone', async () => {
    const a = await renderDocument('discharge', visit('iv'), clinic());
    const b = await renderDocument('discharge', visit('iv'), clinic());
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.info.sha256).toBe(b.info.sha256);
    const other = await renderDocument('discharge', visitWith('iv', { patient: { mrn: 'HL-100235' } }), clinic());
    expect(other.info.documentId).not.toBe(a.info.documentId);
  });

  it('gives a warm process (its caches full of other documents) the bytes of a fresh one', async () => {
    for (const name of ['spanish', 'intranasal', 'long-name', 'representative']) {
      try {
        await renderDocument('discharge', visit(name), clinic());
      } catch {
        // Only the caches matter here.
      }
    }
    const warm = await renderDocument('discharge', visit('iv'), clinic());
    const dir = mkdtempSync(join(tmpdir(), 'careprint-cold-'));
    const cli = new URL('../../bin/careprint.js', import.meta.url).pathname;
    const root = new URL('../../', import.meta.url).pathname;
    execFileSync(process.execPath, [cli, 'render', 'discharge', '--input', 'fixtures/visits/iv.json', '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'cold.pdf')], { cwd: root, stdio: 'ignore' });
    expect(Buffer.from(warm.bytes).equals(readFileSync(join(dir, 'cold.pdf')))).toBe(true);
  });

  it('gives each of several renders running at once on one thread the bytes it gets alone', async () => {
    // A batch worker holds two tasks, and their renders interleave at each await.
    const names = ['iv', 'spanish', 'intranasal', 'early-morning', 'im'];
    const alone: string[] = [];
    for (const name of names) alone.push((await renderDocument('discharge', visit(name), clinic())).info.sha256);
    const together = await Promise.all([...names, ...names].map(async (name) => (await renderDocument('discharge', visit(name), clinic())).info.sha256));
    expect(together).toEqual([...alone, ...alone]);
    expect(new Set(alone).size).toBe(names.length);
  });

  it('is sign-ready: named signature and date/time fields on the last page, metadata set', async () => {
    const { bytes, info } = await renderDocument('discharge', visit('iv'), clinic());
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const fields = doc.getForm().getFields().map((f) => [f.getName(), f.constructor.name]);
    expect(fields).toEqual([
      // The discharge time is only expected: the nurse writes the real times in the box.
      ['discharge.left-at', 'PDFTextField'],
      ['discharge.no-driving-time', 'PDFTextField'],
      ['discharge.no-driving-day', 'PDFTextField'],
      ['discharge.patient.signature', 'PDFSignature'],
      ['discharge.patient.date', 'PDFTextField'],
      ['discharge.patient.time', 'PDFTextField'],
      ['discharge.escort.signature', 'PDFSignature'],
      ['discharge.escort.date', 'PDFTextField'],
      ['discharge.escort.time', 'PDFTextField'],
      ['discharge.nurse.name', 'PDFTextField'],
      ['discharge.nurse.signature', 'PDFSignature'],
      ['discharge.nurse.date', 'PDFTextField'],
      ['discharge.nurse.time', 'PDFTextField'],
    ]);
    expect(doc.getTitle()).toBe('Going home after ketamine treatment: Dana Whitfield');
    expect(doc.getSubject()).toBe('discharge@2.0.0');
    expect(doc.getAuthor()).toBe('Harbor Light Infusion Clinic');
    expect(doc.getKeywords()).toBe(info.documentId);
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en-US)');
  });

  it('fits a long name and address, wrapping instead of overflowing', async () => {
    const { bytes } = await renderDocument('discharge', visit('long-name'));
    // Lines may break after a hyphen; join those breaks to read the name back.
    const text = pdfText(bytes).replace(/- /g, '-');
    expect(text).toContain('Maximiliana Alexandrina Bartholomea Featherstonehaugh-Vandersteen-Wolfeschlegel');
    expect(text).toContain('Harbor Light Infusion Clinic at the Northern Regional Medical Pavilion');
  });

  it.skipIf(!hasQpdf() && process.env.CAREPRINT_REQUIRE_QPDF !== '1')('passes qpdf --check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careprint-'));
    for (const name of ['iv', 'intranasal', 'long-name']) {
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, (await renderDocument('discharge', visit(name), name === 'long-name' ? undefined : clinic())).bytes);
      expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    }
  });
});
