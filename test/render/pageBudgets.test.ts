import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
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

for (const [doc, budget] of Object.entries(budgets)) {
  describe(`${doc} within ${budget} pages`, () => {
    const cases = routes.flatMap((route) => languages.flatMap((lang) => papers.map((paper) => [route, lang, paper] as const)));
    it.each(cases)('%s, %s, %s', async (route, lang, paper) => {
      const { info } = await renderDocument(doc, longestVisit(route, lang), longestClinic(), { lang, paper });
      expect(info.pages).toBeLessThanOrEqual(budget);
    });
  });
}
