import { describe, expect, it } from 'vitest';
import { indicationFacts } from '../../src/clinical/indications.js';

describe('indicationFacts', () => {
  it('knows an indication however it is cased or accented, as a keyboard without accents types it', () => {
    const codes = ['depresion bipolar', 'MIGRANA', 'Sindrome de dolor regional complejo', 'trastorno de estres postraumatico', 'Depresión', 'depresion con ideas suicidas', 'Dolor   neuropatico', 'treatment_resistant_depression'].map((text) => indicationFacts(text, 'iv').code);
    expect(codes).toEqual(['bipolar-depression', 'migraine', 'crps', 'ptsd', 'depression', 'depression-with-suicidal-thoughts', 'neuropathic-pain', 'treatment-resistant-depression']);
  });

  it('words a known indication in the document language, and prints anything else as given, off-label', () => {
    const known = indicationFacts('depresion resistente al tratamiento', 'intranasal');
    expect([known.offLabel, known.name('es'), known.name('en')]).toEqual([false, 'depresión que no ha mejorado con otros tratamientos (depresión resistente al tratamiento)', 'depression that has not improved with other treatment (treatment-resistant depression)']);
    expect(indicationFacts('treatment-resistant depression', 'iv').offLabel).toBe(true);
    const free = indicationFacts('Depresión posparto', 'iv');
    expect([free.code, free.kind, free.offLabel, free.name('en')]).toEqual([null, null, true, 'Depresión posparto']);
  });

  it('reads an indication with a closing period as the same indication, and prints free text without one', () => {
    // "Treatment-resistant depression." from an EHR is the approved use of esketamine, not an off-label one.
    const known = indicationFacts('Treatment-resistant depression.', 'intranasal');
    expect([known.code, known.offLabel]).toEqual(['treatment-resistant-depression', false]);
    expect(indicationFacts('migraña. ', 'iv').code).toBe('migraine');
    // The documents close the sentence themselves: "chronic back pain.." would print otherwise.
    expect(indicationFacts('Chronic back pain.', 'iv').name('en')).toBe('Chronic back pain');
    expect(indicationFacts('Post-partum depression, severe;', 'iv').name('en')).toBe('Post-partum depression, severe');
  });
});
