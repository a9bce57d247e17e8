import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
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

for (const [doc, budget] of Object.entries(budgets)) {
  describe(`${doc} within ${budget} pages`, () => {
    const cases = routes.flatMap((route) => languages.flatMap((lang) => papers.map((paper) => [route, lang, paper] as const)));
    it.each(cases)('%s, %s, %s', async (route, lang, paper) => {
      const { info } = await renderDocument(doc, longestVisit(route, lang), longestClinic(), { lang, paper });
      expect(info.pages).toBeLessThanOrEqual(budget);
    });
  });
}

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
    let chrome = lines.length - 1;
    while (chrome >= 0 && !((lines[chrome] ?? '').length >= 10 && clinicName.startsWith(lines[chrome] ?? ''))) chrome--;
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
