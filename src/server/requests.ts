import { z } from 'zod';
import { languages } from '../model/schemas.js';
import { defaultPacketDocs } from '../document/docs.js';

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

/** Query of the FHIR operations. */
export const fhirQuerySchema = z.strictObject({
  type: z.string().optional().describe('$render-document: the document type'),
  docs: docList.optional().describe('$render-packet: the documents; default consent,side-effects,fasting'),
  lang,
  paper,
  duplex: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
});

/** Body of POST /v1/packets; the visit is checked against the visit contract by the render. */
export const packetRequestSchema = z.strictObject({
  visit: z.unknown().refine((v) => v !== undefined, 'required'),
  docs: z.array(z.string({ error: 'expected a document type' }), { error: 'expected a list of document types' }).default([...defaultPacketDocs]),
  duplex: z.boolean({ error: 'expected true or false' }).default(false).describe('Start every document on a front side (a blank page after an odd one)'),
  lang,
  paper,
});
