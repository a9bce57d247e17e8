import { z } from 'zod';
import { signatureRoles } from '../markup/blocks.js';
import { routes } from '../model/vocabulary.js';

/** A language code as template files are named: `en`, `vi`, `zh-hant`. */
export const languageCode = z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'expected a language code such as "vi"');

/** An element name as templates mark it: `<section element="risks-common">`. */
const elementName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected an element name such as "photo-use"');

export const templateMetaSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a semantic version such as 1.2.0'),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  title: z.record(languageCode, z.string().min(1)),
  /** The routes the text covers; a visit by another route is an error, never the wrong text. */
  routes: z.array(z.enum(routes)).min(1),
  /**
   * Elements this document must carry beyond careprint's clinical rules: how a clinic's
   * own document type (a photo release) says what it may never lose. The signature of
   * each role in `signatures` is required too.
   */
  requires: z.array(elementName).optional(),
  /** The people who sign this document, each a role careprint knows. */
  signatures: z.array(z.enum(signatureRoles as readonly [string, ...string[]])).optional(),
  /** The content hash and the version it was recorded for (`careprint templates --lock`). */
  content: z.strictObject({ version: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
});
export type TemplateMeta = z.output<typeof templateMetaSchema>;

/** The elements a template.json asks for beyond the clinical rules. */
export function declaredElements(meta: TemplateMeta): string[] {
  return [...(meta.requires ?? []), ...(meta.signatures ?? []).map((role) => `signature-${role}`)];
}
