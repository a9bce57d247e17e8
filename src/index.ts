/**
 * careprint's library API: validated visit data in, print-ready and sign-ready PDFs out.
 */
export { renderDocument, type RenderOptions, type RenderedDocument, type DocumentInfo } from './render.js';
export { defaultPacketDocs } from './document/docs.js';
export { renderPacket, type PacketOptions, type PacketInfo, type PacketDocumentInfo, type RenderedPacket } from './packet.js';
export { renderBatch, type BatchRow, type BatchOptions, type BatchResult } from './batch/renderBatch.js';
export type { RenderOutcome } from './pool/task.js';
export { runBatch, type RunBatchOptions, type RunBatchSummary } from './batch/runBatch.js';
export type { Manifest, ManifestRow } from './batch/manifest.js';
export type { ScheduleFormat } from './batch/schedule.js';
export { elementRules, type ElementRules } from './clinical/requiredElements.js';
export { parseVisit, parseClinic, type Visit, type ParseVisitOptions } from './model/parseVisit.js';
export { clinicSchema, visitSchema, routes, languages, type Clinic, type Route, type Language, type Policy, type VisitInput } from './model/schemas.js';
export { deriveFacts, type ClinicalFacts } from './clinical/deriveFacts.js';
export { checkHardStops } from './clinical/hardStops.js';
export { CareprintError, formatProblemForUser, type Problem, type ProblemCode } from './errors.js';
export { documentTypes, templateMeta, type TemplateMeta, type TemplateRegistry, type TemplateSetRef } from './template/registry.js';
export { loadTemplateSet, lintTemplateSet } from './templateSet/loadSet.js';
export type { Paper, LayoutWarning } from './layout/types.js';
