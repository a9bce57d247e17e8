import type { Paper } from '../layout/types.js';

/**
 * A patient reads a short paper: at 13 pt on Letter and A4, in every language and for
 * every route, with the longest names and every optional party, each of careprint's
 * documents fits its budget: the discharge and fasting sheets one sheet of paper (two
 * pages), the side effects two pages, the consent four. A clinic's wording keeps them.
 */
export const pageBudgets: Readonly<Record<string, number>> = { discharge: 2, fasting: 2, 'side-effects': 2, consent: 4 };

export const budgetPapers: readonly Paper[] = ['letter', 'a4'];
