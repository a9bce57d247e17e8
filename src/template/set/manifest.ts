import { z } from 'zod';
import { languages } from '../../model/vocabulary.js';
import { languageCode } from '../templateMeta.js';

const words = z.string().min(1);

const chromeSchema = z.strictObject({
  pageLabel: words.refine((s) => s.includes('{page}') && s.includes('{pages}'), 'must contain {page} and {pages}'),
  signature: words,
  date: words,
  time: words,
  printedName: words,
  initials: words,
  born: words,
  record: words,
  document: words,
  effective: words,
  blankPage: words,
  packetTitle: words,
});

/**
 * A language a set adds. Its templates and chrome words are the set's; the times, dates
 * and durations careprint words for the templates come in `wordsFrom`, one of careprint's
 * own languages, until careprint words them in this one.
 */
const addedLanguageSchema = z.strictObject({
  /** The PDF's language tag, read by screen readers: "vi-VN". */
  pdfLanguage: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'expected a language tag such as "vi-VN"'),
  wordsFrom: z.enum(languages),
  /** The language's name in each language a document may name it in: { "en": "Vietnamese", "vi": "tiếng Việt" }. */
  names: z.record(languageCode, words),
  chrome: chromeSchema,
});
export type AddedLanguage = z.output<typeof addedLanguageSchema>;

/** `templateset.json`, at the root of a clinic's template set. */
export const setManifestSchema = z.strictObject({
  /** Printed before each document's id: "harbor-light/consent v3.2.0". */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case letters, digits and hyphens, such as "harbor-light"'),
  /** The languages the set answers for: each has every document. */
  languages: z.array(languageCode).min(1),
  /** Languages careprint does not have, with the words the set gives for them. */
  addedLanguages: z.record(languageCode, addedLanguageSchema).default({}),
});
export type SetManifest = z.output<typeof setManifestSchema>;

export const manifestFile = 'templateset.json';
