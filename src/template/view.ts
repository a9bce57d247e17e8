import type { ClinicalFacts } from '../clinical/deriveFacts.js';
import { alternativesFor } from '../clinical/alternatives.js';
import { indicationFacts } from '../clinical/indications.js';
import { representativeFacts } from '../clinical/representative.js';
import { patientFullName, type Visit } from '../model/parseVisit.js';
import type { Language, PerLanguageText, RepresentativeAuthority, Route } from '../model/schemas.js';
import { defineRefusing, untranslatedText } from './freeText.js';
import { languageNameIn } from './languageNames.js';
import { instantToWall, isoDateIn, offsetChangeBetween } from '../time/zone.js';
import { relationshipIn } from './relationships.js';
import { clockChangeSentence, formatCalendarDate, formatDayWithYear, formatDuration, momentText, noBreakSpace, withRepeatedTime, type MomentText } from './formatTime.js';
import { endSentence } from '../util/punctuation.js';

const routeNames: Record<Language, Record<Route, string>> = {
  en: { iv: 'a ketamine infusion into a vein (IV)', im: 'a ketamine injection into a muscle (IM)', intranasal: 'esketamine nasal spray' },
  es: { iv: 'una infusión de ketamina en la vena (IV)', im: 'una inyección de ketamina en un músculo (IM)', intranasal: 'esketamina en aerosol nasal' },
};

export interface DocumentStamp {
  readonly id: string;
  readonly templateId: string;
  readonly version: string;
  readonly effectiveDate: string;
}

/**
 * Everything a template prints, already worded for the language. Every key is
 * present (absent values are null) so strict templates can test them with #if.
 */
export interface TemplateView {
  /** The document's language: careprint's, or one a template set adds. */
  readonly lang: string;
  /** `nameEnding`: the name closing a sentence, with one period ("…, P.C." takes none of its own). */
  readonly clinic: { name: string; nameEnding: string; address: readonly string[]; phone: string; afterHoursPhone: string | null };
  readonly patient: { fullName: string; givenName: string; familyName: string; birthDate: string; mrn: string; phone: string | null };
  readonly session: {
    readonly date: string;
    /** "November 24, 2026" */
    readonly shortDate: string;
    readonly route: Route;
    readonly isIv: boolean;
    readonly isIm: boolean;
    readonly isIntranasal: boolean;
    readonly routeName: string;
    /**
     * In the document's language when careprint knows the indication, else the text the
     * visit gives for that language; printing it when the visit gives none refuses the document.
     */
    readonly indication: string;
    /** Depression with suicidal thoughts: the consent says what the treatment cannot do. */
    readonly isSuicidalDepression: boolean;
    /** The FDA has not approved this route's medicine for this indication. */
    readonly offLabel: boolean;
    readonly isPainIndication: boolean;
    readonly provider: string;
    readonly doseMinutes: number;
    readonly observationMinutes: number;
    /** The same lengths as a patient reads them: "40 minutes", "4 hours", "1 hour 30 minutes". */
    readonly doseDuration: string;
    readonly observationDuration: string;
    readonly dischargeGiven: boolean;
  };
  /**
   * `knownRelationship`: what the sheets print, null for free text careprint cannot word
   * in the document's language (the sheets leave it out; `relationship` refuses the
   * document that prints it, as the consent does).
   */
  readonly escort: { name: string; relationship: string; knownRelationship: string | null; phone: string } | null;
  /**
   * `authority` worded ("legal guardian"); `minor`: the patient is under the consent age,
   * so the consent has a line for the patient's own agreement (assent).
   */
  readonly representative: { name: string; relationship: string; authority: string; minor: boolean; relationshipIsAuthority: boolean } | null;
  /** The consent's other choices for this indication and route. */
  readonly alternatives: readonly string[];
  /** Printed when the visit names one, or the document's language is not the patient's (name, ID and language then written by hand). */
  readonly interpreter: { name: string; id: string; language: string } | null;
  readonly needsInterpreter: boolean;
  /** The patient's language, named in the document's language: "Spanish", "español". */
  readonly patientLanguageName: string;
  /** The planned series, worded: "6 sessions", "3 weeks". */
  readonly course: { sessions: string; weeks: string } | null;
  readonly times: {
    readonly start: MomentText;
    readonly lastSolidFood: MomentText;
    readonly lastClearLiquids: MomentText;
    /** Esketamine: a nasal steroid or decongestant goes in by this time. */
    readonly nasalMedicinesBy: MomentText;
    readonly discharge: MomentText;
    readonly noDrivingUntil: MomentText;
    readonly nextAppointment: MomentText | null;
  };
  /**
   * When the clocks change within a stretch the document counts, the sentence that says
   * so (see `clockChangeSentence`): between the last solid food and the treatment
   * (`fasting`), between the start and leaving (`visit`), between leaving and driving
   * again (`driving`); else null.
   */
  readonly clockChange: { readonly fasting: string | null; readonly visit: string | null; readonly driving: string | null };
  readonly policy: { noDrivingHours: number; solidFoodHours: number; clearLiquidsHours: number; monitoringMinutes: number; consentAge: number };
  /** The fasting periods for this route, worded: "6 hours", "30 minutes". */
  readonly fasting: { solidFood: string; clearLiquids: string };
  readonly document: DocumentStamp;
}

const languageNames: Record<Language, Record<Language, string>> = {
  en: { en: 'English', es: 'Spanish' },
  es: { en: 'inglés', es: 'español' },
};

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const courseWords: Record<Language, { session: [string, string]; week: [string, string] }> = {
  en: { session: ['session', 'sessions'], week: ['week', 'weeks'] },
  es: { session: ['sesión', 'sesiones'], week: ['semana', 'semanas'] },
};

/** By what right a representative signs, in the consent's words; without `authority`, from the patient's age. */
const authorityWords: Record<Language, Record<RepresentativeAuthority | 'minor' | 'adult', string>> = {
  en: { parent: 'parent', guardian: 'legal guardian', 'health-care-agent': 'health care agent', surrogate: 'surrogate decision-maker', minor: 'parent or legal guardian', adult: 'legally authorized representative' },
  es: { parent: 'madre o padre', guardian: 'tutor(a) legal', 'health-care-agent': 'apoderado(a) para atención médica', surrogate: 'representante que la ley permite', minor: 'madre, padre o tutor(a) legal', adult: 'representante legal autorizado(a)' },
};

/** "(health care agent)" after "health care agent" says nothing twice. */
function sameWords(a: string | null, b: string): boolean {
  const fold = (t: string) => t.toLowerCase().replace(/[^\p{L}]+/gu, ' ').trim();
  return a !== null && fold(a) === fold(b);
}

/**
 * Free text as the document's language prints it; when the visit does not give it in
 * that language, the field refuses the document that prints it (see `defineRefusing`).
 */
function withText<T extends object, K extends string>(target: T, key: K, text: string | null, path: string, lang: Language, value: PerLanguageText): T & Record<K, string> {
  const out = text === null ? defineRefusing(target, key, untranslatedText(path, lang, value)) : Object.assign(target, { [key]: text });
  return out as T & Record<K, string>;
}

/** A phone number kept on one line: "(555)" / "010-4400" is easy to misdial. */
function unbroken(text: string): string {
  return text.replace(/ /g, noBreakSpace);
}

/** For a language a template set adds: its code, and the patient's language named in it when the set names it. */
export interface ViewLanguage {
  readonly lang: string;
  readonly patientLanguageName: string | undefined;
}

/** The patient's language named in `lang`; a language careprint does not know by its code. */
function languageName(patientLanguage: string, lang: Language): string {
  const names: Readonly<Record<string, string>> = languageNames[lang];
  return names[patientLanguage] ?? patientLanguage;
}

/**
 * The view for a document in `lang`, the language careprint words times and dates in.
 * `added`: the document is in a language a template set adds, worded in `lang` for now.
 */
export function buildView(visit: Visit, facts: ClinicalFacts, lang: Language, document: DocumentStamp, added?: ViewLanguage): TemplateView {
  const zone = visit.clinic.timeZone;
  const at = (ms: number) => momentText(ms, facts.startMs, zone, lang);
  // A limit a patient keeps to (a fast, a wait before driving) says which of two equal clock readings it is.
  const limit = (ms: number) => withRepeatedTime(at(ms), ms, zone, lang);
  const changeWithin = (fromMs: number, toMs: number, many: boolean, duringVisit = false) => {
    const change = offsetChangeBetween(fromMs, toMs, zone);
    return change === null ? null : clockChangeSentence(change, lang, many, duringVisit);
  };
  const { patient, session, clinic, escort, representative, interpreter } = visit;
  const indication = indicationFacts(session.indication, session.route);
  const words = courseWords[lang];
  const signer = representativeFacts(visit);
  const escortRelationship = escort ? relationshipIn(lang, escort.relationship) : null;
  const representativeRelationship = representative ? relationshipIn(lang, representative.relationship) : null;
  const authority = signer ? authorityWords[lang][signer.authority ?? (signer.minor ? 'minor' : 'adult')] : '';
  const provider = session.provider.credentials ? `${session.provider.name}, ${session.provider.credentials}` : session.provider.name;
  return {
    lang: added?.lang ?? lang,
    clinic: { name: clinic.name, nameEnding: endSentence(clinic.name), address: clinic.address, phone: unbroken(clinic.phone), afterHoursPhone: clinic.afterHoursPhone === undefined ? null : unbroken(clinic.afterHoursPhone) },
    patient: {
      fullName: patientFullName(patient),
      givenName: patient.givenName,
      familyName: patient.familyName,
      birthDate: formatCalendarDate(patient.birthDate, lang),
      mrn: patient.mrn,
      phone: patient.phone === undefined ? null : unbroken(patient.phone),
    },
    session: withText(
      {
      date: formatDayWithYear(instantToWall(facts.startMs, zone), lang),
      shortDate: formatCalendarDate(isoDateIn(facts.startMs, zone), lang),
      route: session.route,
      isIv: session.route === 'iv',
      isIm: session.route === 'im',
      isIntranasal: session.route === 'intranasal',
      routeName: routeNames[lang][session.route],
      isSuicidalDepression: indication.code === 'depression-with-suicidal-thoughts',
      offLabel: indication.offLabel,
      isPainIndication: indication.kind === 'pain',
      provider,
      doseMinutes: facts.doseMinutes,
      observationMinutes: facts.observationMinutes,
      doseDuration: formatDuration(facts.doseMinutes / 60, lang),
      observationDuration: formatDuration(facts.observationMinutes / 60, lang),
      dischargeGiven: facts.dischargeGiven,
      },
      'indication',
      indication.name(lang),
      'session.indication',
      lang,
      session.indication,
    ),
    escort: escort ? withText({ name: escort.name, knownRelationship: escortRelationship, phone: unbroken(escort.phone) }, 'relationship', escortRelationship, 'escort.relationship', lang, escort.relationship) : null,
    representative:
      representative && signer
        ? withText(
            {
              name: representative.name,
              authority,
              minor: signer.minor,
              relationshipIsAuthority: sameWords(representativeRelationship, authority),
            },
            'relationship',
            representativeRelationship,
            'representative.relationship',
            lang,
            representative.relationship,
          )
        : null,
    alternatives: alternativesFor(indication, session.route, lang),
    interpreter: interpreter ? withText({ name: interpreter.name, id: interpreter.id }, 'language', languageNameIn(lang, interpreter.language), 'interpreter.language', lang, interpreter.language) : null,
    needsInterpreter: patient.language !== (added?.lang ?? lang) || interpreter !== undefined,
    patientLanguageName: added?.patientLanguageName ?? languageName(patient.language, lang),
    course: session.course ? { sessions: count(session.course.sessions, ...words.session), weeks: count(session.course.weeks, ...words.week) } : null,
    times: {
      start: at(facts.startMs),
      lastSolidFood: limit(facts.lastSolidFoodMs),
      lastClearLiquids: limit(facts.lastClearLiquidsMs),
      nasalMedicinesBy: limit(facts.nasalMedicinesByMs),
      discharge: at(facts.dischargeMs),
      noDrivingUntil: limit(facts.noDrivingUntilMs),
      nextAppointment: facts.nextAppointmentMs === undefined ? null : at(facts.nextAppointmentMs),
    },
    clockChange: {
      fasting: changeWithin(facts.lastSolidFoodMs, facts.startMs, true),
      visit: changeWithin(facts.startMs, facts.dischargeMs, true, true),
      driving: changeWithin(facts.dischargeMs, facts.noDrivingUntilMs, false),
    },
    policy: {
      noDrivingHours: facts.noDrivingHours,
      solidFoodHours: facts.solidFoodHours,
      clearLiquidsHours: facts.clearLiquidsHours,
      monitoringMinutes: visit.clinic.policy.monitoringMinutes,
      consentAge: visit.clinic.policy.consentAge,
    },
    fasting: { solidFood: formatDuration(facts.solidFoodHours, lang), clearLiquids: formatDuration(facts.clearLiquidsHours, lang) },
    document,
  };
}

