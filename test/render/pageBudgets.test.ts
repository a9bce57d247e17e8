import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/document/compose.js';
import { sharedMetrics } from '../../src/fonts/fontkitMetrics.js';
import { prepareVisit, renderDocument } from '../../src/render.js';
import { longestClinic, longestVisit, type BudgetRoute } from '../helpers/longestVisit.js';
import { fieldPlacements } from '../helpers/pdfFields.js';
import { pdfPagesText } from '../helpers/pdfText.js';

/**
 * Page budgets: a patient reads a short paper. At 13 pt on Letter and A4, in every
 * language and for every route, with the longest names and every optional party, each
 * document fits its budget: the discharge and fasting sheets one sheet of paper (two
 * pages), the side effects two pages, the consent four.
 */
const budgets = { discharge: 2, fasting: 2, 'side-effects': 2, consent: 4 } as const;
const routes: BudgetRoute[] = ['iv', 'im', 'intranasal'];
const languages = ['en', 'es'] as const;
const papers = ['letter', 'a4'] as const;
const cases = routes.flatMap((route) => languages.flatMap((lang) => papers.map((paper) => [route, lang, paper] as const)));

for (const [doc, budget] of Object.entries(budgets)) {
  describe(`${doc} within ${budget} pages`, () => {
    it.each(cases)('%s, %s, %s', async (route, lang, paper) => {
      const { info } = await renderDocument(doc, longestVisit(route, lang), longestClinic(), { lang, paper });
      expect(info.pages).toBeLessThanOrEqual(budget);
    });
  });
}

const isSignature = (label: string) => /signature block/.test(label);
const isKept = (label: string) => label.startsWith('keep-together');

/**
 * A page that holds nothing but signatures (the blocks, and the heading and sentence kept
 * with the first of them): the patient signs a page that says nothing.
 */
export function onlySignatures(labels: readonly string[]): boolean {
  if (!labels.some(isSignature)) return false;
  // Runs of kept slices: a run holding a signature block is the signing part.
  const signing = new Set<number>();
  let start = 0;
  labels.forEach((label, i) => {
    if (!isKept(label)) {
      start = i + 1;
      return;
    }
    const next = labels[i + 1];
    if (next === undefined || !isKept(next)) {
      const run = labels.slice(start, i + 1);
      if (run.some(isSignature)) for (let k = start; k <= i; k++) signing.add(k);
    }
  });
  return labels.every((label, i) => isSignature(label) || signing.has(i));
}

describe('page breaks', () => {
  it('tell a signature page and a heading at a page foot apart from other pages (the checks can fail)', () => {
    expect(onlySignatures(['keep-together (paragraph)', 'keep-together (signature block (patient))', 'signature block (nurse)'])).toBe(true);
    expect(onlySignatures(['signature block (nurse)'])).toBe(true);
    expect(onlySignatures(['list item', 'keep-together (paragraph)', 'keep-together (signature block (patient))'])).toBe(false);
    expect(onlySignatures(['paragraph', 'heading 2'])).toBe(false);
  });

  // The consent's last page holds the statements the patient signs to, kept with the
  // signatures: its own check below asks for those statements or a heading on every page.
  for (const doc of Object.keys(budgets).filter((d) => d !== 'consent')) {
    it.each(cases)(`${doc}: no page holds only signatures, and no heading ends a page (%s, %s, %s)`, (route, lang, paper) => {
      const metrics = sharedMetrics();
      const { visit, facts } = prepareVisit(longestVisit(route, lang), longestClinic(), metrics);
      const { contents } = composeDocument(doc, visit, facts, { lang, paper, metrics });
      contents.forEach((labels, i) => {
        expect(onlySignatures(labels), `page ${i + 1} of ${contents.length}: ${labels.join(', ')}`).toBe(false);
        if (i < contents.length - 1) expect(labels[labels.length - 1] ?? '', `page ${i + 1} ends with a heading`).not.toMatch(/heading/);
      });
    });
  }
});

/**
 * The longest consent a minor's parent signs: every party of the longest visit, and the
 * patient's own assent line as well.
 */
function longestMinorVisit(route: BudgetRoute, lang: 'en' | 'es'): Record<string, unknown> {
  const v = longestVisit(route, lang) as { patient: Record<string, unknown>; representative: Record<string, unknown> };
  return {
    ...v,
    patient: { ...v.patient, birthDate: '2010-05-01' },
    representative: { ...v.representative, authority: 'parent', relationship: { en: 'mother and legal guardian since the adoption in 2015', es: 'madre y tutora legal desde la adopción en 2015' } },
  };
}

/** The section headings a template prints (their static words). */
function headings(doc: string, lang: string): string[] {
  const source = readFileSync(new URL(`../../templates/${doc}/${lang}.hbs`, import.meta.url), 'utf8');
  return [...source.matchAll(/<h[123]>(.*?)<\/h[123]>/g)].map((m) => (m[1] ?? '').replace(/\{\{[^}]*\}\}/g, '').replace(/<[^>]+>/g, '').trim()).filter(Boolean);
}

/** Each page's lines of body text: the page header and footer follow it, from the clinic's name on. */
function bodyLines(bytes: Uint8Array, clinicName: string): string[][] {
  return pdfPagesText(bytes).map((page) => {
    const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
    let chrome = -1;
    lines.forEach((l, i) => {
      if (l.length >= 10 && clinicName.startsWith(l)) chrome = i;
    });
    return chrome < 0 ? lines : lines.slice(0, chrome);
  });
}

describe('page breaks a patient and a nurse can work with', () => {
  const cases = routes.flatMap((route) => languages.flatMap((lang) => papers.flatMap((paper) => (['adult', 'minor'] as const).map((who) => [route, lang, paper, who] as const))));

  it.each(cases)('consent, %s, %s, %s, %s: within 4 pages, the witness beside the signer, no heading left at a foot', async (route, lang, paper, who) => {
    const visit = who === 'minor' ? longestMinorVisit(route, lang) : longestVisit(route, lang);
    const { bytes, info } = await renderDocument('consent', visit, longestClinic(), { lang, paper });
    expect(info.pages).toBeLessThanOrEqual(4);

    // The witness attests the signature on the page it sees signed, with the statements signed to.
    const fields = await fieldPlacements(bytes);
    const pageOf = (name: string) => fields.find((f) => f.name === name)?.page;
    const signer = pageOf('consent.representative.signature');
    expect(signer).toBeDefined();
    expect(pageOf('consent.patient.signature')).toBeUndefined();
    expect(pageOf('consent.witness.signature')).toBe(signer);
    if (who === 'minor') expect(pageOf('consent.assent.signature')).toBe(signer);
    const pages = bodyLines(bytes, String(longestClinic().name));
    const statement = lang === 'en' ? 'I read this form' : 'Leí este formulario';
    expect(pages[(signer ?? 0) - 1]?.some((l) => l.startsWith(statement))).toBe(true);

    expectNoStrandedHeadings(pages, headings('consent', lang));
    // No page of signature blocks alone: each has a heading or the patient's statements.
    const marks = [...headings('consent', lang), statement];
    // (A heading may wrap: its first line begins it.)
    pages.forEach((lines, i) => expect(lines.some((l) => marks.some((m) => l.startsWith(m) || (l.length >= 8 && m.startsWith(l)))), `page ${i + 1}`).toBe(true));
  });

  it.each(routes.flatMap((route) => languages.flatMap((lang) => papers.map((paper) => [route, lang, paper] as const))))('side effects, %s, %s, %s: no heading left at a foot', async (route, lang, paper) => {
    const { bytes } = await renderDocument('side-effects', longestVisit(route, lang), longestClinic(), { lang, paper });
    expectNoStrandedHeadings(bodyLines(bytes, String(longestClinic().name)), headings('side-effects', lang));
  });

  it('finds a heading left at the foot of a page (the check can fail)', () => {
    expect(() => expectNoStrandedHeadings([['Some text', 'Risks'], ['More text']], ['Risks'])).toThrow();
  });
});

/** A page's last line is never a heading (or the first line of one), but on the last page. */
function expectNoStrandedHeadings(pages: string[][], heads: string[]): void {
  pages.slice(0, -1).forEach((lines, i) => {
    const last = lines.at(-1) ?? '';
    expect(
      heads.some((h) => h.startsWith(last)),
      `page ${i + 1} ends with the heading "${last}"`,
    ).toBe(false);
  });
}
