import { createHash } from 'node:crypto';
import type { Clinic } from '../model/schemas.js';
import { outcomeId, type RenderOutcome } from '../pool/task.js';
import { pdfLanguage } from '../render.js';
import type { BundleReferences } from './bundleToVisit.js';
import { loincFor } from './loinc.js';
import type { DocumentReference } from './types.js';

/** What the DocumentReference describes of a render. */
export type RenderedForFhir = Pick<Extract<RenderOutcome, { status: 'ok' }>, 'bytes' | 'title' | 'language' | 'packetId' | 'documentIds' | 'templates' | 'sessionStartMs'>;

export const documentIdSystem = 'urn:careprint:document-id';

/**
 * A DocumentReference carrying the PDF, ready to file in the chart: LOINC type,
 * subject, session context, author (the Organization, or the clinic by name), and the
 * attachment with its size and SHA-1 hash in base64, as FHIR R4 requires.
 */
export function documentReference(rendered: RenderedForFhir, docs: readonly string[], references: BundleReferences, clinic: Clinic, now: Date): DocumentReference {
  const type = loincFor(docs);
  const id = outcomeId(rendered);
  const clinicRef = references.organization ? { reference: references.organization, display: clinic.name } : { display: clinic.name };
  const startIso = new Date(rendered.sessionStartMs).toISOString();
  const related = [references.appointment ? { reference: references.appointment } : undefined].filter((r) => r !== undefined);
  return {
    resourceType: 'DocumentReference',
    identifier: [id, ...rendered.documentIds.filter((d) => d !== id)].map((value) => ({ system: documentIdSystem, value })),
    status: 'current',
    type: { coding: [type], text: rendered.title },
    subject: { reference: references.patient },
    date: now.toISOString(),
    author: [clinicRef],
    custodian: clinicRef,
    description: rendered.templates.join(', '),
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          language: pdfLanguage(rendered.language),
          data: Buffer.from(rendered.bytes).toString('base64'),
          size: rendered.bytes.byteLength,
          hash: createHash('sha1').update(rendered.bytes).digest('base64'),
          title: rendered.title,
          creation: startIso,
        },
      },
    ],
    context: {
      ...(references.encounter ? { encounter: [{ reference: references.encounter }] } : {}),
      period: { start: startIso },
      ...(related.length > 0 ? { related } : {}),
    },
  };
}
