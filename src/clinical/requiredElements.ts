import { CareprintError, type Problem } from '../errors.js';
import type { Visit } from '../model/parseVisit.js';
import { indicationFacts } from './indications.js';
import { representativeFacts } from './representative.js';

/**
 * What each document must say for this visit, and what it must not. Templates mark
 * each element with `<section element="…">`; a rendered document missing a required
 * element, or carrying a forbidden one, is an error, never a printed page.
 */
export interface ElementRules {
  readonly required: readonly string[];
  readonly forbidden: readonly string[];
}

/** Elements in every patient document. */
const everyDocument = ['patient-identity'];

function when(condition: boolean, element: string): { required: string[]; forbidden: string[] } {
  return condition ? { required: [element], forbidden: [] } : { required: [], forbidden: [element] };
}

function merge(base: readonly string[], ...conditional: { required: string[]; forbidden: string[] }[]): ElementRules {
  return {
    required: [...everyDocument, ...base, ...conditional.flatMap((c) => c.required)],
    forbidden: conditional.flatMap((c) => c.forbidden),
  };
}

/**
 * What the route's label and the clinic's practice ask every document about a dose to
 * say: slowed breathing for every route; for esketamine (Spravato label, boxed warning
 * and sections 2, 5, 7) the young-adult suicidality warning and the medicines that raise
 * blood pressure with it; for depression with suicidal thoughts, what the treatment
 * cannot do. Text written for an infusion (`iv-infusion`) is kept off other routes' papers.
 */
function routeRules(visit: Visit) {
  const { code } = indicationFacts(visit.session.indication, visit.session.route);
  const esketamine = visit.session.route === 'intranasal';
  return [
    when(true, 'risk-breathing'),
    { required: [], forbidden: visit.session.route === 'iv' ? [] : ['iv-infusion'] },
    when(esketamine, 'esketamine-young-adults'),
    when(esketamine, 'esketamine-interactions'),
    when(code === 'depression-with-suicidal-thoughts', 'suicide-limits'),
  ];
}

/** Who signs: the patient, or a representative who says by what right, with a minor's assent. */
function signerRules(visit: Visit) {
  const signer = representativeFacts(visit);
  return [
    when(signer === null, 'signature-patient'),
    when(signer !== null, 'signature-representative'),
    when(signer !== null, 'representative-authority'),
    when(signer?.minor === true, 'signature-assent'),
  ];
}

/** The elements of a consent (AMA Code of Medical Ethics 2.1.1; CMS 482.13, 482.51). */
function consentRules(visit: Visit, lang: string): ElementRules {
  const { offLabel } = indicationFacts(visit.session.indication, visit.session.route);
  const esketamine = visit.session.route === 'intranasal';
  return merge(
    [
      'treatment',
      'route',
      'provider',
      'course',
      'indication',
      'benefits',
      'risks-common',
      'risks-serious',
      'risks-long-term',
      'initials-risks',
      'screening',
      'alternatives',
      'right-to-refuse',
      'responsibilities',
      'initials-responsibilities',
      'questions',
      'copy',
      'signature-provider',
      'signature-witness',
    ],
    when(offLabel, 'off-label'),
    when(offLabel, 'initials-off-label'),
    when(esketamine, 'esketamine-rems'),
    when(esketamine, 'esketamine-blood-pressure'),
    when(esketamine, 'esketamine-nasal-medicines'),
    when(visit.session.route === 'iv', 'iv-infusion'),
    when(visit.session.route === 'im', 'im-injection'),
    ...routeRules(visit),
    ...signerRules(visit),
    when(visit.patient.language !== lang || visit.interpreter !== undefined, 'interpreter-attestation'),
  );
}

/**
 * `lang`: the document's language (by default the patient's); an interpreter attests
 * a document in a language the patient does not read.
 */
export function elementRules(documentType: string, visit: Visit, lang: string = visit.patient.language): ElementRules {
  switch (documentType) {
    case 'consent':
      return consentRules(visit, lang);
    case 'side-effects':
      return merge(['common', 'how-long', 'serious', 'long-term', 'interactions', 'tell-the-clinic', 'call-clinic', 'call-911', 'crisis-988', 'action-table', 'signature-patient'], ...routeRules(visit));
    case 'fasting':
      return merge(
        ['appointment', 'last-solid-food', 'last-clear-liquids', 'nothing-by-mouth', 'solid-food-list', 'clear-liquid-list', 'medicines', 'glp1', 'escort', 'what-to-bring', 'signature-patient'],
        // Esketamine's label: a nasal steroid or decongestant goes in at least an hour before the dose.
        when(visit.session.route === 'intranasal', 'nasal-medicines'),
        // The IV goes into the arm, the IM shot into the upper arm: sleeves that roll up.
        when(visit.session.route !== 'intranasal', 'clothing'),
      );
    case 'discharge':
      return merge(
        ['no-driving-until', 'ride-home', 'call-911', 'crisis-988', 'treatment-today', 'restrictions', 'what-is-normal', 'call-clinic', 'clinic-phone', 'next-appointment', 'signature-patient', 'signature-nurse'],
        when(visit.session.route === 'intranasal', 'esketamine-next-day'),
        // An expected discharge time: the nurse writes the real times in the box.
        when(visit.session.dischargeAtMs === undefined, 'discharge-times-written'),
        when(visit.escort !== undefined, 'signature-escort'),
      );
    default:
      return { required: everyDocument, forbidden: [] };
  }
}

/** Checks the elements a filled template marked against the rules; every gap is reported. */
export function checkElements(source: string, marked: readonly { element: string; text: string }[], rules: ElementRules): void {
  const present = new Map(marked.map((m) => [m.element, m.text]));
  const problems: Problem[] = [];
  for (const element of rules.required) {
    const text = present.get(element);
    if (text === undefined) problems.push({ code: 'template_incomplete', path: source, message: `the required element "${element}" is missing` });
    else if (text === '') problems.push({ code: 'template_incomplete', path: source, message: `the required element "${element}" prints nothing` });
  }
  for (const element of rules.forbidden) {
    if (present.has(element)) problems.push({ code: 'template_incomplete', path: source, message: `the element "${element}" does not belong in this document for this visit` });
  }
  if (problems.length > 0) throw new CareprintError(problems);
}
