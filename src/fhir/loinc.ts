import type { Coding } from './types.js';

const loinc = 'http://loinc.org';

/**
 * The LOINC document type of each careprint document, for DocumentReference.type.
 * Discharge instructions and patient consent have their own codes; the side-effect
 * disclosure is patient education, and the fasting sheet is instructions.
 */
const educationNote: Coding = { system: loinc, code: '34895-3', display: 'Education note' };

export const documentLoinc: Readonly<Record<string, Coding>> = {
  discharge: { system: loinc, code: '8653-8', display: 'Hospital Discharge instructions' },
  consent: { system: loinc, code: '59284-0', display: 'Patient Consent' },
  'side-effects': educationNote,
  fasting: { system: loinc, code: '69730-0', display: 'Instructions' },
};

/** A packet is filed as a consent when it holds the consent, else as its first document. */
export function loincFor(docs: readonly string[]): Coding {
  const main = docs.includes('consent') ? 'consent' : (docs[0] ?? 'discharge');
  return documentLoinc[main] ?? educationNote;
}
