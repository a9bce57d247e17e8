import { describe, expect, it } from 'vitest';
import { CareprintError } from '../../src/errors.js';
import { renderPacket } from '../../src/packet.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { fieldPlacements, outlineOf } from '../helpers/pdfFields.js';
import { pdfPagesText } from '../helpers/pdfText.js';

async function problems(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CareprintError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('the consent packet', () => {
  it('holds consent, side effects and fasting, each from a new page, with a bookmark each', async () => {
    const { bytes, info } = await renderPacket(['consent', 'side-effects', 'fasting'], visit('iv'), clinic());
    const alone = await Promise.all(['consent', 'side-effects', 'fasting'].map(async (d) => (await renderDocument(d, visit('iv'), clinic())).info));
    expect(info.documents.map((d) => [d.documentType, d.firstPage, d.pages])).toEqual([
      ['consent', 1, alone[0]?.pages],
      ['side-effects', 1 + (alone[0]?.pages ?? 0), alone[1]?.pages],
      ['fasting', 1 + (alone[0]?.pages ?? 0) + (alone[1]?.pages ?? 0), alone[2]?.pages],
    ]);
    expect(info.pages).toBe(alone.reduce((a, d) => a + d.pages, 0));
    // Same document ids as the documents printed alone.
    expect(info.documents.map((d) => d.documentId)).toEqual(alone.map((d) => d.documentId));
    expect(outlineOf(bytes)).toEqual([
      { title: 'Consent for ketamine treatment', page: 1 },
      { title: 'Side effects of ketamine treatment', page: info.documents[1]?.firstPage },
      { title: 'Eating and drinking before ketamine treatment', page: info.documents[2]?.firstPage },
    ]);
  });

  it('numbers pages per document and keeps each document footer', async () => {
    const { bytes, info } = await renderPacket(['consent', 'side-effects', 'fasting'], visit('iv'), clinic());
    const pages = pdfPagesText(bytes);
    expect(pages).toHaveLength(info.pages);
    for (const doc of info.documents) {
      for (let i = 0; i < doc.pages; i++) {
        const page = pages[doc.firstPage - 1 + i] ?? '';
        expect(page).toContain(`Page ${i + 1} of ${doc.pages}`);
        expect(page).toContain(`${doc.templateId} v${doc.templateVersion}`);
        expect(page).toContain(doc.documentId);
      }
    }
  });

  it('keeps every form field, uniquely named, on the page and at the place its document put it', async () => {
    const { bytes, info } = await renderPacket(['consent', 'side-effects', 'fasting'], visit('iv'), clinic());
    const fields = await fieldPlacements(bytes);
    const names = fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const doc of info.documents) {
      const alone = await fieldPlacements((await renderDocument(doc.documentType, visit('iv'), clinic())).bytes);
      const inPacket = fields.filter((f) => f.name.startsWith(`${doc.documentType}.`));
      expect(inPacket).toEqual(alone.map((f) => ({ ...f, page: f.page + doc.firstPage - 1 })));
    }
    expect(fields.filter((f) => f.type === '/Sig').map((f) => `${f.name} p${f.page}`)).toEqual([
      'consent.provider.signature p3',
      'consent.patient.signature p4',
      'consent.witness.signature p4',
      'side-effects.patient.signature p6',
      'fasting.patient.signature p8',
    ]);
  });

  it('with --duplex, starts every document on a front (odd) page, the backs marked blank', async () => {
    // The discharge sheet (3 pages) first: the side effects would start on a back.
    const { bytes, info } = await renderPacket(['discharge', 'side-effects', 'consent'], visit('iv'), clinic(), { duplex: true });
    expect(info.documents.map((d) => d.firstPage % 2)).toEqual([1, 1, 1]);
    const pages = pdfPagesText(bytes);
    const blanks = pages.flatMap((p, i) => (p.includes('This page is blank on purpose.') ? [i + 1] : []));
    // After each document but the last that ends on a front page.
    const expected = info.documents.slice(0, -1).flatMap((d) => (d.pages % 2 === 1 ? [d.firstPage + d.pages] : []));
    expect(expected.length).toBeGreaterThan(0);
    expect(blanks).toEqual(expected);
    expect(pages[(expected[0] ?? 0) - 1]?.trim()).toBe('This page is blank on purpose.');
    expect(outlineOf(bytes).map((o) => o.page)).toEqual(info.documents.map((d) => d.firstPage));
  });

  it('is in the patient\'s language, blank pages too', async () => {
    const { bytes, info } = await renderPacket(['discharge', 'fasting'], visit('spanish'), clinic(), { duplex: true });
    expect(info.language).toBe('es');
    expect(outlineOf(bytes).map((o) => o.title)).toEqual(['Cuidados en casa después de la ketamina', 'Comer y beber antes del tratamiento con ketamina']);
    expect(pdfPagesText(bytes).some((p) => p.includes('Esta página está en blanco a propósito.'))).toBe(true);
  });

  it('gives the same bytes for the same input', async () => {
    const a = await renderPacket(['consent', 'fasting'], visit('spanish'), clinic());
    const b = await renderPacket(['consent', 'fasting'], visit('spanish'), clinic());
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.info.packetId).toBe(b.info.packetId);
  });

  it('refuses unknown or repeated documents, and every hard stop of every document', async () => {
    expect(await problems(() => renderPacket(['consent', 'consnet', 'consent'], visit('iv'), clinic()))).toEqual([
      'docs[1]: unknown document type "consnet"; known: consent, discharge, fasting, side-effects',
      'docs[2]: "consent" is named twice; each document appears once in a packet',
    ]);
    expect(await problems(() => renderPacket([], visit('iv'), clinic()))).toEqual(['docs: name at least one document']);
    const { escort: _escort, ...alone } = visit('iv');
    expect(await problems(() => renderPacket(['consent', 'discharge'], alone, clinic()))).toEqual(['escort: required — a patient must not leave alone after ketamine']);
    expect(await problems(() => renderPacket(['consent'], visitWith('iv', { patient: { birthDate: '1984-02-30' } }), clinic()))).toEqual(['patient.birthDate: expected YYYY-MM-DD']);
  });
});
