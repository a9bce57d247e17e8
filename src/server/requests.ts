import { z } from 'zod';
import { languages } from '../model/schemas.js';
import { defaultPacketDocs } from '../document/docs.js';
import { documentTypes } from '../template/documentTypes.js';

const lang = z.enum(languages, { error: 'expected "en" or "es"' }).optional().describe("Print in this language instead of the patient's");
const paper = z.enum(['letter', 'a4'], { error: 'expected "letter" or "a4"' }).default('letter');
const docList = z
  .string()
  .transform((s) => s.split(',').map((d) => d.trim()).filter((d) => d !== ''))
  .describe('Document types, comma-separated');

/** Query of POST /v1/documents/{type}. */
export const renderQuerySchema = z.strictObject({ lang, paper });

/** Query of POST /v1/validate: with `docs`, the clinical hard stops of those documents are checked too. */
export const validateQuerySchema = z.strictObject({ docs: docList.default([]) });

const duplex = z.enum(['true', 'false'], { error: 'expected "true" or "false"' }).transform((v) => v === 'true').default(false).describe('Start every document on a front side (a blank page after an odd one)');

function buildFhirDocumentQuery() {
  const known = documentTypes();
  return z.strictObject({
    type: z
      .enum(known as [string, ...string[]], { error: (issue) => (issue.input === undefined ? `required: name the document, one of ${known.join(', ')}` : `unknown document type; known: ${known.join(', ')}`) })
      .describe('The document type'),
    lang,
    paper,
    duplex,
  });
}

let fhirDocumentQuery: ReturnType<typeof buildFhirDocumentQuery> | undefined;
/**
 * Query of FHIR `$render-document`: `type` is required and one of the document types
 * (read from the templates, hence built on first use). The OpenAPI description is made
 * from this schema, so it lists the same types the check accepts.
 */
export function fhirDocumentQuerySchema(): ReturnType<typeof buildFhirDocumentQuery> {
  fhirDocumentQuery ??= buildFhirDocumentQuery();
  return fhirDocumentQuery;
}

/** Query of FHIR `$render-packet`. */
export const fhirPacketQuerySchema = z.strictObject({
  docs: docList.optional().describe('The documents; default consent,side-effects,fasting'),
  lang,
  paper,
  duplex,
});

/** Body of POST /v1/packets; the visit is checked against the visit contract by the render. */
export const packetRequestSchema = z.strictObject({
  visit: z.unknown().refine((v) => v !== undefined, 'required'),
  docs: z.array(z.string({ error: 'expected a document type' }), { error: 'expected a list of document types' }).default([...defaultPacketDocs]),
  duplex: z.boolean({ error: 'expected true or false' }).default(false).describe('Start every document on a front side (a blank page after an odd one)'),
  lang,
  paper,
});
