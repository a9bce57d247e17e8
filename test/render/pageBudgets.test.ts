import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/document/compose.js';
import { sharedMetrics } from '../../src/fonts/fontkitMetrics.js';
import { prepareVisit, renderDocument } from '../../src/render.js';
import { longestClinic, longestVisit, type BudgetRoute } from '../helpers/longestVisit.js';

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

  for (const doc of Object.keys(budgets)) {
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
