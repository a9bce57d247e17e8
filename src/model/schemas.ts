import { z } from 'zod';
import { isKnownZone } from '../time/zone.js';
import { fullDate, languageSpellings, readSpelling, routeSpellings, yearFirstDate } from './spellings.js';
import { dayMonthOrderUnclear, timeFormatProblem } from '../time/parseTime.js';
import { routes, type Language } from './vocabulary.js';
import { invisibleCharacterProblem, type TextKind } from './invisibles.js';
import { unshapedScriptIn } from './scripts.js';

export { languages, routes, type Language, type Route } from './vocabulary.js';

/**
 * Text a person typed, on one line: line breaks and runs of white space (a CSV cell that
 * spans lines) read as one space, as the documents' paragraphs show them; a page header
 * holds no line break. Another control character is refused rather than failing later
 * as "cannot be printed". U+FFFD is what a decoder leaves of a character it could not
 * read: text saved in another encoding (Excel's plain "CSV" on Windows writes
 * Windows-1252) would otherwise print a patient's name as "N\uFFFD\uFFFDez".
 *
 * Invisible characters are refused before anything else, as typed (a byte order mark
 * would otherwise pass as white space): see `invisibleCharacterProblem`. Text is kept in
 * NFC, so what a reader copies from the page is what the record holds, and text in a
 * script careprint cannot yet lay out correctly (right to left, or needing shaping) is
 * refused rather than printed wrong.
 */
const text = (what: string, maxLength: number, kind: TextKind = 'text') =>
  z
    .string({ error: (i) => (i.input === undefined ? 'required' : `expected ${what}`) })
    .superRefine((s, ctx) => {
      const problem = invisibleCharacterProblem(s, kind);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: s, continue: false });
    })
    .overwrite((s) => s.replace(/\s+/g, ' '))
    .trim()
    .normalize('NFC')
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine((s) => !s.includes('\uFFFD'), 'has a character lost to a wrong text encoding (U+FFFD); save or send the text as UTF-8 (in Excel: "CSV UTF-8")')
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), 'has a control character that cannot be printed')
    .superRefine((s, ctx) => {
      const script = unshapedScriptIn(s);
      if (script !== undefined) ctx.addIssue({ code: 'custom', message: `cannot yet print ${script} script correctly`, input: s });
    });

/** An identifier (a record number, a session id): text that must be exactly the characters it shows. */
const identifier = (what: string, maxLength: number) => text(what, maxLength, 'identifier');

/** No living patient was born before this year; an earlier one is a mistyped or missing year. */
const earliestBirthYear = 1900;

/**
 * A calendar date, year first. A one-digit month or day (`1984-3-4`, as a spreadsheet
 * exports a date) reads one way only and is written out in full; a date with slashes or
 * dots reads month-first in the US and day-first elsewhere, so it is refused, saying so.
 */
const isoDate = z
  .string({ error: (i) => (i.input === undefined ? 'required' : 'expected YYYY-MM-DD') })
  .superRefine((s, ctx) => {
    if (yearFirstDate.test(s)) {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      if (y < earliestBirthYear) {
        // Year 0001 is what a blank date becomes in some exports; 1894 a typo for 1984.
        ctx.addIssue({ code: 'custom', message: `is before ${earliestBirthYear}; check the year` });
        return;
      }
      const date = new Date(Date.UTC(y, m - 1, d));
      if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return;
    }
    const slashed = dayMonthOrderUnclear.test(s);
    ctx.addIssue({ code: 'custom', message: slashed ? 'write the date year first, as in 1984-03-04: a date such as 3/4/1984 is month-first in some places and day-first in others' : 'expected YYYY-MM-DD' });
  })
  .transform(fullDate)
  .meta({ pattern: yearFirstDate.source, description: 'A calendar date, year first: 1984-03-04 (1984-3-4 is read the same)' });

/** A time as written in the input: local wall time in the clinic's zone, or ISO with an offset. */
export const timeText = z
  .string({ error: (i) => (i.input === undefined ? 'required' : 'expected a time such as 2026-11-24T09:00') })
  .superRefine((s, ctx) => {
    const problem = timeFormatProblem(s);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Local wall time in the clinic zone (2026-11-24T09:00) or ISO 8601 with an offset (2026-11-24T15:00:00Z)');

/** A route as clinicians write it, read as its code: "IV", "iv", "Intravenous" are all "iv". */
const routeSchema = z
  .preprocess((value) => readSpelling(routeSpellings, value), z.enum(routes, { error: (i) => (i.input === undefined ? 'required' : 'expected "iv", "im" or "intranasal"') }))
  .meta({ type: 'string', enum: [...routes], description: 'iv, im or intranasal, in any case; intravenous and intramuscular are read as iv and im' });
/** "en" or "es", alone or as a tag with a region or script ("es-US", "ES", "es-419"). */
const languageTag = /^([Ee][Nn]|[Ee][Ss])(-[A-Za-z0-9]{1,8})*$/;

/**
 * A policy's hours: the default is also the floor, the clinical minimum it comes from,
 * so a clinic can be stricter than the guideline and never laxer (a typo of 1 for 6
 * hours of fasting would otherwise print a cut-off five hours late).
 */
const hours = (floor: number, max: number, why: string) =>
  z.number({ error: 'expected a number of hours' }).min(floor, `must be at least ${floor}: ${why}`).max(max, `must be at most ${max}`).default(floor);

const sedationFasting = 'the ASA fasting guideline for sedation';
const esketamineFasting = 'the esketamine label';

/** Fasting before intranasal esketamine, which the clinic may set apart from infusions. */
export const intranasalFastingSchema = z.strictObject({
  solidFoodHours: hours(2, 24, esketamineFasting),
  clearLiquidsHours: hours(0.5, 24, esketamineFasting),
});

export const policySchema = z.strictObject({
  solidFoodHours: hours(6, 24, sedationFasting),
  clearLiquidsHours: hours(2, 24, sedationFasting),
  intranasal: intranasalFastingSchema.default({ solidFoodHours: 2, clearLiquidsHours: 0.5 }),
  noDrivingHours: hours(24, 72, 'ketamine slows reactions for a full day'),
  monitoringMinutes: z.number({ error: 'expected a number of minutes' }).int('must be whole minutes').min(15, 'must be at least 15: every patient is watched after the dose').max(240, 'must be at most 240').default(30),
  /** Intramuscular ketamine: the expected discharge, in minutes after the start, unless the visit gives one (the injection's effects last about an hour). */
  imDischargeMinutes: z
    .number({ error: 'expected a number of minutes' })
    .int('must be whole minutes')
    .min(60, 'must be at least 60: the effects of an IM injection last about an hour')
    .max(240, 'must be at most 240')
    .default(90),
  /** The age from which a patient signs their own consent where the clinic is (18 in most US states). */
  consentAge: z
    .number({ error: 'expected an age in years' })
    .int('must be whole years')
    .min(12, 'must be at least 12')
    .max(21, 'must be at most 21')
    .default(18)
    .describe('From this age a patient signs their own consent; under it, a parent or legal guardian (the representative) signs'),
});
export type Policy = z.output<typeof policySchema>;

export const clinicSchema = z
  .strictObject({
    id: identifier('an id', 64),
    name: text('the clinic name', 100),
    address: z.array(text('an address line', 100), { error: (i) => (i.input === undefined ? 'required' : 'expected a list of address lines') }).min(1, 'needs at least one line').max(4, 'at most 4 lines'),
    phone: text('a phone number', 30),
    afterHoursPhone: text('a phone number', 30).optional(),
    timeZone: text('an IANA time zone', 64).refine(isKnownZone, 'expected an IANA time zone such as America/New_York'),
    /** The clinic's template set: a directory, relative to the clinic file (see docs/templates.md). */
    templates: z.string().min(1, 'must name a directory').max(500, 'must be at most 500 characters').optional(),
    policy: policySchema.default({ solidFoodHours: 6, clearLiquidsHours: 2, intranasal: { solidFoodHours: 2, clearLiquidsHours: 0.5 }, noDrivingHours: 24, monitoringMinutes: 30, imDischargeMinutes: 90, consentAge: 18 }),
  })
  .describe('A clinic: its name, address, phones, IANA time zone and policy numbers');
export type Clinic = z.output<typeof clinicSchema>;

export const patientSchema = z.strictObject({
  mrn: identifier('a medical record number', 20),
  givenName: text('a given name', 80),
  familyName: text('a family name', 80),
  birthDate: isoDate,
  // "en" or "es", a language tag with a region as EHRs send it ("es-US", "ES"), or the
  // language's name ("Spanish", "Español"): read as its language.
  language: z
    .preprocess(
      (value) => readSpelling(languageSpellings, value),
      z
        .string({ error: 'expected "en" or "es"' })
        .regex(languageTag, 'expected "en" or "es"')
        .transform((tag) => tag.slice(0, 2).toLowerCase() as Language),
    )
    .meta({ type: 'string', pattern: languageTag.source, description: '"en" or "es", or a tag such as "es-US"; the names English and Spanish (or Inglés, Español) are read too' })
    .default('en'),
  phone: text('a phone number', 30).optional(),
});

/**
 * Free text a document prints (an indication or a relationship careprint cannot word
 * itself): one string, read as English, or the same text in each language the
 * documents may print, `{"en": "…", "es": "…"}`. A document in a language the text is
 * not given in is refused rather than printing it untranslated.
 */
const perLanguage = (what: string, maxLength: number) =>
  z.union(
    [
      text(what, maxLength),
      z
        .strictObject({ en: text(`${what} in English`, maxLength).optional(), es: text(`${what} in Spanish`, maxLength).optional() })
        .refine((t) => t.en !== undefined || t.es !== undefined, 'give the text in at least one language: {"en": "…", "es": "…"}'),
    ],
    { error: (i) => (i.input === undefined ? 'required' : `expected ${what}, or it in each language: {"en": "…", "es": "…"}`) },
  );
export type PerLanguageText = z.output<ReturnType<typeof perLanguage>>;

export const sessionSchema = z.strictObject({
  id: identifier('a session id', 64),
  start: timeText,
  route: routeSchema,
  indication: perLanguage('the indication', 200),
  durationMinutes: z.number({ error: 'expected a number of minutes' }).int('must be whole minutes').positive('must be more than 0').max(480, 'must be at most 480').optional(),
  dischargeAt: timeText.optional(),
  provider: z.strictObject({ name: text('the provider name', 100), credentials: text('credentials such as MD', 40).optional() }),
  course: z
    .strictObject({
      sessions: z.number({ error: 'expected a number of sessions' }).int('must be a whole number').min(1, 'must be at least 1').max(24, 'must be at most 24'),
      weeks: z.number({ error: 'expected a number of weeks' }).int('must be a whole number').min(1, 'must be at least 1').max(52, 'must be at most 52'),
    })
    .optional()
    .describe('The planned series the consent describes; without it the consent describes the usual series'),
});

export const escortSchema = z.strictObject({
  name: text('the escort name', 100),
  relationship: perLanguage('the relationship to the patient', 60),
  phone: text('a phone number', 30),
});

/**
 * By what right a representative signs instead of the patient: a minor's parent; a
 * legal guardian (of a minor or of an adult); for an adult who cannot consent now, the
 * agent a health-care power of attorney names, or a surrogate the law allows (a
 * family member, say).
 */
export const representativeAuthorities = ['parent', 'guardian', 'health-care-agent', 'surrogate'] as const;
export type RepresentativeAuthority = (typeof representativeAuthorities)[number];

/** Someone who signs the consent for the patient. */
export const representativeSchema = z
  .strictObject({
    name: text('the representative name', 100),
    relationship: perLanguage('the relationship to the patient, such as "legal guardian"', 60),
    authority: z
      .enum(representativeAuthorities, { error: `expected one of ${representativeAuthorities.join(', ')}` })
      .optional()
      .describe(
        "By what right the representative signs: parent (of a patient under the clinic's consent age), guardian, health-care-agent or surrogate (of an adult who cannot consent). The consent states it with the reason: the patient is a minor, or cannot consent",
      ),
  })
  .describe('A legally authorised representative who signs the consent for the patient');

/** The interpreter who explained the documents, when there was one. */
export const interpreterSchema = z
  .strictObject({
    name: text('the interpreter name', 100),
    id: identifier('the interpreter ID or badge number', 40),
    language: perLanguage('the language interpreted, such as "Spanish"', 40),
  })
  .describe('The interpreter who explained the consent; a consent in a language other than English always has an interpreter attestation');

export const visitSchema = z
  .strictObject({
    clinic: z.unknown().optional().describe('The clinic, when not given separately'),
    patient: patientSchema,
    session: sessionSchema,
    escort: escortSchema.optional(),
    representative: representativeSchema.optional(),
    interpreter: interpreterSchema.optional(),
    nextAppointment: timeText.optional(),
  })
  .describe('One patient visit: patient, session, escort and next appointment');
export type VisitInput = z.output<typeof visitSchema>;
