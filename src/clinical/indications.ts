import type { Language, PerLanguageText, Route } from '../model/schemas.js';
import { foldAccentsAndCase } from '../util/foldText.js';
import { withoutClosingPunctuation } from '../util/punctuation.js';

export type IndicationKind = 'mental-health' | 'pain';

interface KnownIndication {
  readonly code: string;
  readonly kind: IndicationKind;
  readonly names: Readonly<Record<Language, string>>;
  /** Other ways an EHR writes it, in any language. */
  readonly aliases: readonly string[];
  /** FDA-approved for esketamine nasal spray (Spravato label). Racemic ketamine is approved for none of these. */
  readonly esketamineApproved: boolean;
}

/**
 * Indications careprint can word in every language. Anything else is printed exactly
 * as the visit gives it, and treated as off-label for every route.
 */
export const knownIndications: readonly KnownIndication[] = [
  { code: 'treatment-resistant-depression', kind: 'mental-health', esketamineApproved: true, names: { en: 'depression that has not improved with other treatment (treatment-resistant depression)', es: 'depresión que no ha mejorado con otros tratamientos (depresión resistente al tratamiento)' }, aliases: ['treatment-resistant depression', 'treatment resistant depression', 'trd', 'depresión resistente al tratamiento'] },
  { code: 'depression-with-suicidal-thoughts', kind: 'mental-health', esketamineApproved: true, names: { en: 'depression with thoughts of suicide', es: 'depresión con pensamientos de suicidio' }, aliases: ['major depressive disorder with suicidal ideation', 'depression with suicidal ideation', 'depresión con ideas suicidas'] },
  { code: 'depression', kind: 'mental-health', esketamineApproved: false, names: { en: 'depression', es: 'depresión' }, aliases: ['major depressive disorder', 'mdd', 'depresión mayor'] },
  { code: 'bipolar-depression', kind: 'mental-health', esketamineApproved: false, names: { en: 'bipolar depression', es: 'depresión bipolar' }, aliases: [] },
  { code: 'ptsd', kind: 'mental-health', esketamineApproved: false, names: { en: 'post-traumatic stress disorder (PTSD)', es: 'trastorno de estrés postraumático (TEPT)' }, aliases: ['post-traumatic stress disorder', 'posttraumatic stress disorder', 'trastorno de estrés postraumático', 'tept'] },
  { code: 'anxiety', kind: 'mental-health', esketamineApproved: false, names: { en: 'anxiety', es: 'ansiedad' }, aliases: ['anxiety disorder', 'generalized anxiety disorder', 'trastorno de ansiedad'] },
  { code: 'ocd', kind: 'mental-health', esketamineApproved: false, names: { en: 'obsessive-compulsive disorder (OCD)', es: 'trastorno obsesivo-compulsivo (TOC)' }, aliases: ['obsessive-compulsive disorder', 'obsessive compulsive disorder', 'trastorno obsesivo-compulsivo', 'toc'] },
  { code: 'chronic-pain', kind: 'pain', esketamineApproved: false, names: { en: 'chronic pain', es: 'dolor crónico' }, aliases: [] },
  { code: 'crps', kind: 'pain', esketamineApproved: false, names: { en: 'complex regional pain syndrome (CRPS)', es: 'síndrome de dolor regional complejo (SDRC)' }, aliases: ['complex regional pain syndrome', 'chronic pain (complex regional pain syndrome)', 'síndrome de dolor regional complejo', 'sdrc'] },
  { code: 'fibromyalgia', kind: 'pain', esketamineApproved: false, names: { en: 'fibromyalgia', es: 'fibromialgia' }, aliases: [] },
  { code: 'neuropathic-pain', kind: 'pain', esketamineApproved: false, names: { en: 'nerve pain (neuropathic pain)', es: 'dolor de los nervios (dolor neuropático)' }, aliases: ['neuropathic pain', 'dolor neuropático'] },
  { code: 'migraine', kind: 'pain', esketamineApproved: false, names: { en: 'migraine', es: 'migraña' }, aliases: ['migraines', 'chronic migraine', 'migrañas'] },
];

/**
 * As an EHR or a keyboard may write it: in any case, with or without accents
 * ("depresion", "MIGRANA"), and with a closing period or comma ("Treatment-resistant
 * depression.").
 */
const key = (s: string) => withoutClosingPunctuation(foldAccentsAndCase(s).replace(/[\s_]+/g, ' '));

const lookup = new Map<string, KnownIndication>();
for (const known of knownIndications) {
  for (const name of [known.code, known.code.replaceAll('-', ' '), ...Object.values(known.names), ...known.aliases]) {
    const k = key(name);
    const other = lookup.get(k);
    if (other && other !== known) throw new Error(`indications: "${name}" names both ${other.code} and ${known.code}`);
    lookup.set(k, known);
  }
}

/** What the documents say about a visit's indication. */
export interface IndicationFacts {
  /** The code when careprint knows the indication, else null. */
  readonly code: string | null;
  /** Unknown indications are neither: their documents carry every warning. */
  readonly kind: IndicationKind | null;
  /** True unless the FDA approved this route's medicine for this indication. */
  readonly offLabel: boolean;
  /** In `lang`: careprint's words for a known indication, else the text given for that language, else null. */
  readonly name: (lang: Language) => string | null;
}

/** The versions of free text, plain (read as English) or per language. */
function versions(indication: PerLanguageText): { en?: string; es?: string } {
  return typeof indication === 'string' ? { en: indication } : indication;
}

export function indicationFacts(indication: PerLanguageText, route: Route): IndicationFacts {
  const given = versions(indication);
  const known = [given.en, given.es].map((t) => (t === undefined ? undefined : lookup.get(key(t)))).find((k) => k !== undefined);
  if (!known) {
    return { code: null, kind: null, offLabel: true, name: (lang) => (given[lang] === undefined ? null : withoutClosingPunctuation(given[lang])) };
  }
  return {
    code: known.code,
    kind: known.kind,
    offLabel: route !== 'intranasal' || !known.esketamineApproved,
    name: (lang) => known.names[lang],
  };
}
