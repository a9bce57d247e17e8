import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';
import { pdfPagesText } from '../helpers/pdfText.js';

/**
 * Flesch–Kincaid grade level of the patient-facing text: the page header and footer,
 * the patient banner and the signature captions are not prose and are left out.
 * Sentences end at . ! ? or at the end of a line (list items and headings).
 */
export function fleschKincaidGrade(text: string): { grade: number; words: number; sentences: number } {
  const sentences = text
    .split(/[.!?]+\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z]{2,}/.test(s));
  const words = sentences.flatMap((s) => s.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []);
  const syllables = words.reduce((a, w) => a + Math.max(1, syllable(w)), 0);
  const grade = 0.39 * (words.length / sentences.length) + 11.8 * (syllables / words.length) - 15.59;
  return { grade, words: words.length, sentences: sentences.length };
}

function prose(pages: string[]): string {
  return pages
    .map((page) => page.split('\n').filter((line) => !/Page \d+ of \d+|Document CP-|Born .* MRN|^(Signature|Date|Time|Printed name)\s*$/.test(line)).join('\n'))
    .join('\n');
}

describe('readability', () => {
  it.each(['iv', 'im', 'intranasal'])('the discharge sheet (%s) reads at grade 6 or lower', async (name) => {
    const text = prose(pdfPagesText((await renderDocument('discharge', visit(name), clinic())).bytes));
    const { grade, words } = fleschKincaidGrade(text);
    expect(words).toBeGreaterThan(350);
    expect(grade).toBeLessThanOrEqual(6);
  });

  it.each(['early-morning', 'intranasal'])('the fasting instructions (%s) read at grade 6 or lower', async (name) => {
    const text = prose(pdfPagesText((await renderDocument('fasting', visit(name), clinic())).bytes));
    const { grade, words } = fleschKincaidGrade(text);
    expect(words).toBeGreaterThan(250);
    expect(grade).toBeLessThanOrEqual(6);
  });

  it('scores hard text as hard (the measure can fail)', () => {
    const dense = 'Concomitant administration of benzodiazepines potentiates dissociative phenomenology and attenuates therapeutic responsiveness in susceptible individuals.';
    expect(fleschKincaidGrade(dense).grade).toBeGreaterThan(14);
  });
});
