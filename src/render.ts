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
import { paint } from './pdf/paint.js';
import { careprintTemplates, type TemplateRegistry } from './template/registry.js';

export interface RenderOptions {
  /** Overrides `patient.language`: careprint's language, or one the template set adds. */
  readonly lang?: string;
  /** A clinic's template set (`loadTemplateSet`); careprint's own templates by default. */
  readonly templates?: TemplateRegistry;
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
  readonly language: string;
  readonly paper: Paper;
  readonly pages: number;
  readonly sha256: string;
  /** The clinic's template set the wording came from, with its hash; absent for careprint's own. */
  readonly templateSet?: { readonly id: string; readonly sha256: string };
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
export function prepareVisit(visitInput: unknown, clinicInput: unknown, metrics: FontMetrics, parseOptions: ParseVisitOptions = {}, templates?: TemplateRegistry): PreparedVisit {
  const visit = parseWithSetLanguage(visitInput, clinicInput, parseOptions, templates);
  const people = { patient: visit.patient, session: visit.session, escort: visit.escort, representative: visit.representative, interpreter: visit.interpreter };
  const unprintable = [...unprintableFields(people, metrics), ...unprintableFields(visit.clinic, metrics, 'clinic')];
  if (unprintable.length > 0) throw new CareprintError(unprintable);
  return { visit, facts: deriveFacts(visit) };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A visit whose patient speaks a language the template set adds ("vi") is validated as
 * any other and keeps its language; without such a set the language is refused as before.
 */
function parseWithSetLanguage(visitInput: unknown, clinicInput: unknown, parseOptions: ParseVisitOptions, templates: TemplateRegistry | undefined): Visit {
  const added = templates ? addedPatientLanguage(visitInput, templates) : undefined;
  if (added === undefined) return parseVisit(visitInput, clinicInput, parseOptions);
  const input = visitInput as { patient: Record<string, unknown> };
  const { language: _language, ...patient } = input.patient;
  const visit = parseVisit({ ...input, patient }, clinicInput, parseOptions);
  return Object.freeze({ ...visit, patient: Object.freeze({ ...visit.patient, language: added }) });
}

/** The code of a set's added language the visit's `patient.language` names ("vi", "VI", "vi-VN"), if it does. */
function addedPatientLanguage(visitInput: unknown, templates: TemplateRegistry): string | undefined {
  if (!visitInput || typeof visitInput !== 'object') return undefined;
  const patient = (visitInput as { patient?: unknown }).patient;
  if (!patient || typeof patient !== 'object') return undefined;
  const language = (patient as { language?: unknown }).language;
  if (typeof language !== 'string') return undefined;
  const code = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return templates.addedLanguage(code) ? code : undefined;
}

/** A document language as a tag: careprint's with their region; a set's added language as its code. */
export function pdfLanguage(lang: string): string {
  return lang === 'es' ? 'es-US' : lang === 'en' ? 'en-US' : lang;
}

/** The PDF's subject: the template and version, with the set's hash when a clinic's set gave the wording. */
export function documentSubject(doc: ComposedDocument): string {
  return `${doc.stamp.templateId}@${doc.stamp.version}${doc.set ? ` (template set sha256 ${doc.set.sha256})` : ''}`;
}

/** Keywords naming each template set the documents came from. */
export function setKeywords(docs: readonly ComposedDocument[]): string[] {
  return [...new Set(docs.flatMap((d) => (d.set ? [`template-set:${d.set.id}:sha256:${d.set.sha256}`] : [])))];
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
    ...(doc.set ? { templateSet: { id: doc.set.id, sha256: doc.set.sha256 } } : {}),
  };
}

export function documentInfo(doc: ComposedDocument, sha256: string): DocumentInfo {
  return { ...composedInfo(doc), sha256 };
}

/** Validates a visit (and clinic) and renders one document: the whole pipeline. */
export async function renderDocument(documentType: string, visitInput: unknown, clinicInput?: unknown, options: RenderOptions = {}): Promise<RenderedDocument> {
  return renderPreparedDocument(documentType, prepareVisit(visitInput, clinicInput, options.metrics ?? sharedMetrics(), {}, options.templates), options);
}

/** One document of a visit already validated by `prepareVisit`. */
export async function renderPreparedDocument(documentType: string, { visit, facts }: PreparedVisit, options: RenderOptions = {}): Promise<RenderedDocument> {
  const metrics = options.metrics ?? sharedMetrics();
  checkHardStops(documentType, visit);
  const lang = options.lang ?? visit.patient.language;
  const templates = options.templates ?? careprintTemplates();
  const doc = composeDocument(documentType, visit, facts, { lang, paper: options.paper ?? 'letter', metrics, templates });
  const bytes = await paint(doc.pages, {
    title: `${doc.title}: ${patientFullName(visit.patient)}`,
    subject: documentSubject(doc),
    author: visit.clinic.name,
    keywords: [doc.stamp.id, ...setKeywords([doc])],
    language: templates.pdfLanguage(lang),
    date: new Date(facts.startMs),
  });
  return { bytes, info: documentInfo(doc, sha256Hex(bytes)) };
}
