import type { Language, Route } from '../model/schemas.js';
import type { IndicationFacts } from './indications.js';

/**
 * The consent's "other choices", by indication. Abbreviations are spelled out where
 * they are used; the Spanish lists use none a patient would not know.
 */
type Choice = Readonly<Record<Language, string>>;

const noTreatment: Choice = { en: 'No treatment', es: 'No recibir tratamiento' };
const talkTherapy: Choice = { en: 'Talk therapy (psychotherapy)', es: 'Terapia con un profesional de salud mental (psicoterapia)' };
const antidepressants: Choice = { en: 'Other antidepressant medicines, or adding a second medicine', es: 'Otros medicamentos antidepresivos, o añadir un segundo medicamento' };
const brainStimulation: Choice = {
  en: 'Electroconvulsive therapy (ECT) or transcranial magnetic stimulation (TMS), which treat the brain with a small electric current or with magnets',
  es: 'Terapia electroconvulsiva o estimulación magnética transcraneal, que tratan el cerebro con una pequeña corriente eléctrica o con imanes',
};
const esketamine: Choice = { en: 'Esketamine nasal spray', es: 'Esketamina en aerosol nasal' };

const depression = (route: Route, bipolar: boolean): Choice[] => [antidepressants, talkTherapy, brainStimulation, ...(route === 'intranasal' || bipolar ? [] : [esketamine]), noTreatment];

const ptsd: Choice[] = [
  {
    en: 'Trauma-focused talk therapy, such as prolonged exposure, cognitive processing therapy, or eye movement desensitization and reprocessing (EMDR)',
    es: 'Terapia centrada en el trauma, como la terapia de exposición prolongada, la terapia de procesamiento cognitivo o la terapia con movimientos de los ojos (EMDR, su nombre en inglés)',
  },
  { en: 'Antidepressant medicines, such as sertraline, paroxetine or venlafaxine', es: 'Medicamentos antidepresivos, como sertralina, paroxetina o venlafaxina' },
  noTreatment,
];

const anxiety: Choice[] = [
  { en: 'Talk therapy, such as cognitive behavioral therapy', es: 'Terapia con un profesional, como la terapia cognitivo-conductual' },
  { en: 'Antidepressant medicines, such as sertraline or escitalopram', es: 'Medicamentos antidepresivos, como sertralina o escitalopram' },
  noTreatment,
];

const ocd: Choice[] = [
  { en: 'Talk therapy called exposure and response prevention', es: 'Una terapia llamada exposición con prevención de respuesta' },
  { en: 'Antidepressant medicines, such as sertraline or fluoxetine', es: 'Medicamentos antidepresivos, como sertralina o fluoxetina' },
  noTreatment,
];

const pain: Choice[] = [
  { en: 'Physical therapy', es: 'Fisioterapia' },
  { en: 'Other pain medicines', es: 'Otros medicamentos para el dolor' },
  { en: 'Nerve blocks (shots that numb a nerve)', es: 'Bloqueos de nervios (inyecciones que adormecen un nervio)' },
  { en: 'Pain psychology: learning ways to live with and ease pain', es: 'Apoyo psicológico para aprender a vivir con el dolor y aliviarlo' },
  noTreatment,
];

const unknown: Choice[] = [{ en: 'Other medicines', es: 'Otros medicamentos' }, { en: 'Other treatments your doctor can tell you about', es: 'Otros tratamientos que su médico le puede explicar' }, noTreatment];

function choices(indication: IndicationFacts, route: Route): Choice[] {
  switch (indication.code) {
    case 'treatment-resistant-depression':
    case 'depression-with-suicidal-thoughts':
    case 'depression':
      return depression(route, false);
    case 'bipolar-depression':
      return depression(route, true);
    case 'ptsd':
      return ptsd;
    case 'anxiety':
      return anxiety;
    case 'ocd':
      return ocd;
    default:
      return indication.kind === 'pain' ? pain : unknown;
  }
}

/** The other choices a consent lists for this indication and route, in `lang`. */
export function alternativesFor(indication: IndicationFacts, route: Route, lang: Language): string[] {
  return choices(indication, route).map((c) => c[lang]);
}
