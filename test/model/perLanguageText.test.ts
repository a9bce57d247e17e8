import { describe, expect, it } from 'vitest';
import { parseVisit } from '../../src/model/parseVisit.js';
import { clinic, visit } from '../helpers/fixtures.js';

const problems = (indication: unknown) => {
  const v = visit('iv');
  try {
    parseVisit({ ...v, session: { ...(v.session as object), indication } }, clinic());
    return [];
  } catch (error) {
    return (error as { problems: { path: string; message: string }[] }).problems.map((p) => `${p.path}: ${p.message}`);
  }
};

describe('free text given per language', () => {
  it('takes a string or the text in each language, and names what is wrong with either', () => {
    expect(problems('depression with anxious distress')).toEqual([]);
    expect(problems({ en: 'depression with anxious distress', es: 'depresión con angustia ansiosa' })).toEqual([]);
    expect(problems({ es: 'depresión con angustia ansiosa' })).toEqual([]);
    // A missing indication is "required", as every other field says it.
    expect(problems(undefined)).toEqual(['session.indication: required']);
    expect(problems(42)).toEqual(['session.indication: expected the indication, or it in each language: {"en": "…", "es": "…"}']);
    expect(problems({ en: '' })).toEqual(['session.indication.en: must not be empty']);
    expect(problems({})).toEqual(['session.indication: give the text in at least one language: {"en": "…", "es": "…"}']);
    expect(problems({ fr: 'x' })).toContain('session.indication: unknown field "fr"');
  });
});
