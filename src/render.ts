import { createHash } from 'node:crypto';
import { deriveFacts, type ClinicalFacts } from './clinical/deriveFacts.js';
import { checkHardStops } from './clinical/hardStops.js';
import { composeDocument, type ComposedDocument } from './document/compose.js';
import { CareprintError } from './errors.js';
import { unprintableFields } from './fonts/coverage.js';
import { sharedMetrics } from './fonts/fontkitMetrics.js';
import type { FontMetrics } from './layout/metrics.js';
import type { LayoutWarning, Paper } from './layout/types.js';
import { parseVisit, patientFullName, type ParseVisitOptions, type Visit } from './model/parseVisit.js';
import type { Language } from './model/schemas.js';
import { paint } from './pdf/paint.js';

export interface RenderOptions {
  /** Overrides `patient.language`. */
  readonly lang?: Language;
  readonly paper?: Paper;
  /** Fonts; the embedded ones by default. */
  readonly metrics?: FontMetrics;
}

export interface DocumentInfo {
  readonly documentId: string;
  readonly documentType: string;
  /** The document's title in its language, as in its heading. */
  readonly title: string;
  readonly templateId: string;
  readonly templateVersion: string;
  readonly effectiveDate: string;
  readonly language: Language;
  readonly paper: Paper;
  readonly pages: number;
  readonly sha256: string;
  readonly warnings: readonly LayoutWarning[];
  /** The required elements the document carries (see `careprint templates`). */
  readonly elements: readonly string[];
}

export interface RenderedDocument {
  readonly bytes: Uint8Array;
  readonly info: DocumentInfo;
}

/** A validated visit, checked for unprintable text, with its clinical times. */
export interface PreparedVisit {
  readonly visit: Visit;
  readonly facts: ClinicalFacts;
}

/** Validates a visit (and clinic), checks every field can be printed, derives the times. */
export function prepareVisit(visitInput: unknown, clinicInput: unknown, metrics: FontMetrics, parseOptions: ParseVisitOptions = {}): PreparedVisit {
  const visit = parseVisit(visitInput, clinicInput, parseOptions);
  const people = { patient: visit.patient, session: visit.session, escort: visit.escort, representative: visit.representative, interpreter: visit.interpreter };
  const unprintable = [...unprintableFields(people, metrics), ...unprintableFields(visit.clinic, metrics, 'clinic')];
  if (unprintable.length > 0) throw new CareprintError(unprintable);
  return { visit, facts: deriveFacts(visit) };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function pdfLanguage(lang: Language): string {
  return lang === 'es' ? 'es-US' : 'en-US';
}

/** What a composed document reports about itself; `documentInfo` adds the file's hash. */
export function composedInfo(doc: ComposedDocument): Omit<DocumentInfo, 'sha256'> {
  return {
    documentId: doc.stamp.id,
    documentType: doc.documentType,
    title: doc.title,
    templateId: doc.stamp.templateId,
    templateVersion: doc.stamp.version,
    effectiveDate: doc.stamp.effectiveDate,
    language: doc.language,
    paper: doc.paper,
    pages: doc.pages.length,
    warnings: doc.warnings,
    elements: doc.elements,
  };
}

export function documentInfo(doc: ComposedDocument, sha256: string): DocumentInfo {
  return { ...composedInfo(doc), sha256 };
}

/** Validates a visit (and clinic) and renders one document: the whole pipeline. */
export async function renderDocument(documentType: string, visitInput: unknown, clinicInput?: unknown, options: RenderOptions = {}): Promise<RenderedDocument> {
  return renderPreparedDocument(documentType, prepareVisit(visitInput, clinicInput, options.metrics ?? sharedMetrics()), options);
}

/** One document of a visit already validated by `prepareVisit`. */
export async function renderPreparedDocument(documentType: string, { visit, facts }: PreparedVisit, options: RenderOptions = {}): Promise<RenderedDocument> {
  const metrics = options.metrics ?? sharedMetrics();
  checkHardStops(documentType, visit);
  const lang = options.lang ?? visit.patient.language;
  const doc = composeDocument(documentType, visit, facts, { lang, paper: options.paper ?? 'letter', metrics });
  const bytes = await paint(doc.pages, {
    title: `${doc.title} — ${patientFullName(visit.patient)}`,
    subject: `${doc.stamp.templateId}@${doc.stamp.version}`,
    author: visit.clinic.name,
    keywords: [doc.stamp.id],
    language: pdfLanguage(lang),
    date: new Date(facts.startMs),
  });
  return { bytes, info: documentInfo(doc, sha256Hex(bytes)) };
}
