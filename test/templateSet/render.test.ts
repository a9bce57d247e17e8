import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { CareprintError } from '../../src/errors.js';
import { renderPacket } from '../../src/packet.js';
import { renderDocument } from '../../src/render.js';
import { careprintTemplates } from '../../src/template/registry.js';
import { loadTemplateSet, openCheckedSet } from '../../src/templateSet/loadSet.js';
import { runRenderTask } from '../../src/pool/task.js';
import { clinic, visit, visitWith } from '../helpers/fixtures.js';
import { pdfPagesText, pdfText } from '../helpers/pdfText.js';
import { copyOfSet, edit, fixtureSet, raiseAndLock } from './helpers.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const set = loadTemplateSet(fixtureSet);
const vietnamese = () => visitWith('iv', { patient: { language: 'vi' } });

describe('a clinic template set', () => {
  it('prints the set\'s English discharge wording, stamped with the set, its version and hash', async () => {
    const { bytes, info } = await renderDocument('discharge', visit('iv'), clinic(), { templates: set });
    const text = pdfText(bytes);
    expect(text).toContain('Harbor Light: going home safely');
    expect(text).toContain('Thank you for trusting Harbor Light with your care today.');
    expect(info.templateId).toBe('harbor-light/discharge');
    expect(info.templateVersion).toBe('3.3.0');
    expect(info.templateSet).toEqual({ id: 'harbor-light', sha256: set.set?.sha256 });
    expect(set.set?.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const page of pdfPagesText(bytes)) expect(page.replace(/\s+/g, ' ')).toContain(`harbor-light/discharge v3.3.0 · ${set.set?.sha256.slice(0, 12)} · effective 2026-12-08`);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getSubject()).toBe(`harbor-light/discharge@3.3.0 (template set sha256 ${set.set?.sha256})`);
    expect(pdf.getKeywords()).toContain(`template-set:harbor-light:sha256:${set.set?.sha256}`);
  });

  it('leaves careprint\'s own documents and stamps alone without a set', async () => {
    const { bytes, info } = await renderDocument('discharge', visit('iv'), clinic());
    expect(pdfText(bytes)).not.toContain('Harbor Light: going home safely');
    expect(info.templateId).toBe('discharge');
    expect(info.templateSet).toBeUndefined();
  });

  it('keeps careprint\'s wording for a language the set does not override', async () => {
    const [own, layered] = await Promise.all([
      renderDocument('discharge', visit('spanish'), clinic()),
      renderDocument('discharge', visit('spanish'), clinic(), { templates: set }),
    ]);
    const body = (bytes: Uint8Array) => pdfPagesText(bytes).map((p) => p.split('\n').filter((l) => !/harbor-light|discharge v|Página|CP-DIS-/.test(l)).join('\n'));
    expect(body(layered.bytes)).toEqual(body(own.bytes));
  });

  it('prints a patient in the language the set adds, with the set\'s page words', async () => {
    const { bytes, info } = await renderDocument('discharge', vietnamese(), clinic(), { templates: set });
    const text = pdfText(bytes);
    expect(info.language).toBe('vi');
    expect(text).toContain('Về nhà an toàn sau khi điều trị ketamine');
    expect(text).toContain('Không lái xe cho đến:');
    expect(text).toMatch(/Trang 1 \/ \d/);
    expect(text).toContain('Chữ ký');
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.catalog.get(pdf.context.obj('Lang'))?.toString()).toBe('(vi-VN)');
  });

  it('refuses the added language without the set, as before', async () => {
    const error = await renderDocument('discharge', vietnamese(), clinic()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CareprintError);
    expect((error as CareprintError).problems.map((p) => p.path)).toEqual(['patient.language']);
  });

  it('names the interpreted language in the set\'s words on a Vietnamese consent', async () => {
    // A document in the patient's own language needs an interpreter only when one was there.
    const interpreted = visitWith('iv', { patient: { language: 'vi' }, interpreter: { name: 'Linh Tran', id: 'VI-1042', language: 'Vietnamese' } });
    const { bytes } = await renderPacket(['consent', 'photo-release'], interpreted, clinic(), { templates: set });
    expect(pdfText(bytes)).toContain('Tôi đã dịch giấy này cho bệnh nhân sang tiếng Việt.');
  });

  it('prints a document type the set adds, with its title, elements and signatures', async () => {
    const { bytes, info } = await renderDocument('photo-release', visit('iv'), clinic(), { templates: set });
    expect(info.title).toBe('Photo and video release');
    expect(info.templateId).toBe('harbor-light/photo-release');
    expect(info.elements).toEqual(['patient-identity', 'photo-use', 'photo-withdraw', 'signature-patient', 'signature-witness']);
    expect(pdfText(bytes)).toContain('I can take back this permission at any time');
    await expect(renderDocument('photo-release', visit('iv'), clinic())).rejects.toThrow(/unknown document type "photo-release"/);
  });

  it('gives the same bytes for the same input and set, loaded again', async () => {
    const again = loadTemplateSet(fixtureSet);
    expect(again.set?.sha256).toBe(set.set?.sha256);
    const [a, b] = await Promise.all([renderDocument('discharge', vietnamese(), clinic(), { templates: set }), renderDocument('discharge', vietnamese(), clinic(), { templates: again })]);
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
  });

  it('gives another hash, and other document ids, when any file of the set changes', async () => {
    const dir = copyOfSet();
    edit(dir, 'templateset.json', (t) => t.replace('"blankPage": "Trang này', '"blankPage": "Trang nay'));
    const changed = loadTemplateSet(dir);
    expect(changed.set?.sha256).not.toBe(set.set?.sha256);
    const [a, b] = await Promise.all([renderDocument('discharge', visit('iv'), clinic(), { templates: set }), renderDocument('discharge', visit('iv'), clinic(), { templates: changed })]);
    expect(a.info.documentId).not.toBe(b.info.documentId);
  });

  it('refuses, in a render worker, a set whose files changed after it was checked', async () => {
    const dir = copyOfSet();
    const loaded = loadTemplateSet(dir);
    const ref = loaded.set;
    if (!ref) throw new Error('no set');
    expect(openCheckedSet(ref)).toBeDefined();
    edit(dir, 'discharge/en.hbs', (t) => t.replace('Thank you', 'Thanks'));
    const outcome = await runRenderTask({ input: visit('iv'), clinic: clinic(), docs: ['discharge'], lang: undefined, paper: 'letter', duplex: false, templates: { ...ref, sha256: ref.sha256 } });
    expect(outcome.status).toBe('ok'); // read once per thread: the checked copy is kept
    expect(() => openCheckedSet({ ...ref, dir: `${dir}/` })).toThrow(/changed after it was checked/);
  });

  it('is not careprint\'s registry: careprint\'s own stays as it was', () => {
    expect(careprintTemplates().documentTypes()).not.toContain('photo-release');
    expect(set.documentTypes()).toContain('photo-release');
  });

  it('overrides a partial for every document, careprint\'s wording included', async () => {
    const dir = copyOfSet();
    mkdirSync(join(dir, 'partials'));
    writeFileSync(
      join(dir, 'partials/signature-block.hbs'),
      '<section element="signature-{{role}}"><signature role="{{role}}" label="Signing as {{label}}" name="{{name}}"/></section>\n',
    );
    // The set's partials count in each of its documents' content: every one is raised.
    for (const doc of ['consent', 'discharge', 'fasting', 'photo-release', 'side-effects']) raiseAndLock(dir, doc, '3.3.1');
    const layered = loadTemplateSet(dir);
    const { bytes } = await renderDocument('side-effects', visit('iv'), clinic(), { templates: layered });
    expect(pdfText(bytes)).toContain('Signing as Patient: Dana Whitfield');
  });
});
