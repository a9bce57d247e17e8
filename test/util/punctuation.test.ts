import { describe, expect, it } from 'vitest';
import { endSentence, withoutClosingPunctuation } from '../../src/util/punctuation.js';

describe('sentence punctuation', () => {
  it('closes a sentence with one period, the abbreviation\'s where the text ends with one', () => {
    expect(['2:10 p. m.', 'Harbor Light Infusion Clinic, P.C.', '12:00 del mediodía', 'Clinic'].map(endSentence)).toEqual(['2:10 p. m.', 'Harbor Light Infusion Clinic, P.C.', '12:00 del mediodía.', 'Clinic.']);
  });

  it('drops the periods, commas and semicolons that close a text, and the spaces around them', () => {
    expect(['chronic pain.', ' Post-partum depression, severe; ', 'migraña. ', 'pain, etc.', 'PTSD'].map(withoutClosingPunctuation)).toEqual(['chronic pain', 'Post-partum depression, severe', 'migraña', 'pain, etc', 'PTSD']);
  });
});
