import { CareprintError, type Problem } from '../errors.js';
import type { Paper } from '../layout/types.js';
import { sharedMetrics } from '../fonts/fontkitMetrics.js';
import { openCheckedSet } from '../templateSet/loadSet.js';
import type { TemplateSetRef } from '../template/registry.js';
import { renderPreparedPacket } from '../packet.js';
import { prepareVisit, renderPreparedDocument, type DocumentInfo } from '../render.js';
import { isoDateIn } from '../time/zone.js';

/**
 * One render asked of a worker: a visit and the documents to make of it. Plain data,
 * because it crosses a thread boundary. Shared by the batch and the HTTP service.
 */
export interface RenderTask {
  readonly input: unknown;
  readonly clinic: unknown;
  /** One document, or several as a packet. */
  readonly docs: readonly string[];
  /** Several documents are always a packet; `packet` makes a single one a packet too. */
  readonly packet?: boolean;
  readonly lang: string | undefined;
  /** A clinic's template set, checked when it was loaded; the worker reads it once and refuses it if its files changed since. */
  readonly templates?: TemplateSetRef;
  readonly paper: Paper;
  readonly duplex: boolean;
  /** The instant "today" is taken from for the session date check; default: the worker's clock. */
  readonly nowMs?: number;
}

export type RenderOutcome =
  | {
      readonly status: 'ok';
      readonly bytes: Uint8Array;
      /** The document's title, or the packet's. */
      readonly title: string;
      readonly language: string;
      /** The packet id when the task made a packet. */
      readonly packetId: string | undefined;
      readonly sessionId: string;
      /** Local calendar date of the session in the clinic's zone, YYYY-MM-DD. */
      readonly sessionDate: string;
      readonly sessionStartMs: number;
      readonly mrn: string;
      readonly familyName: string;
      readonly givenName: string;
      readonly documentIds: readonly string[];
      readonly templates: readonly string[];
      readonly pages: number;
      readonly sha256: string;
      readonly warnings: readonly string[];
    }
  | { readonly status: 'invalid'; readonly problems: readonly Problem[] };

/** What identifies a rendered outcome: the packet id for a packet, else the document id. */
export function outcomeId(outcome: Pick<Extract<RenderOutcome, { status: 'ok' }>, 'packetId' | 'documentIds'>): string {
  return outcome.packetId ?? outcome.documentIds[0] ?? '';
}

/** Renders one visit; bad input comes back as problems, never as a thrown error. */
export async function runRenderTask(task: RenderTask): Promise<RenderOutcome> {
  try {
    const templates = task.templates ? openCheckedSet(task.templates) : undefined;
    const prepared = prepareVisit(task.input, task.clinic, sharedMetrics(), task.nowMs === undefined ? {} : { nowMs: task.nowMs }, templates);
    const { visit } = prepared;
    const options = { paper: task.paper, ...(task.lang ? { lang: task.lang } : {}), ...(templates ? { templates } : {}) };
    let bytes: Uint8Array;
    let infos: readonly Pick<DocumentInfo, 'documentId' | 'templateId' | 'templateVersion' | 'warnings'>[];
    let pages: number;
    let sha256: string;
    let title: string;
    let language: string;
    let packetId: string | undefined;
    if (task.docs.length === 1 && !task.packet) {
      const rendered = await renderPreparedDocument(task.docs[0] as string, prepared, options);
      ({ bytes } = rendered);
      infos = [rendered.info];
      ({ pages, sha256, title, language } = rendered.info);
    } else {
      const rendered = await renderPreparedPacket(task.docs, prepared, { ...options, duplex: task.duplex });
      ({ bytes } = rendered);
      infos = rendered.info.documents;
      ({ pages, sha256, title, language, packetId } = rendered.info);
    }
    return {
      status: 'ok',
      bytes,
      title,
      language,
      packetId,
      sessionId: visit.session.id,
      sessionDate: isoDateIn(visit.session.startMs, visit.clinic.timeZone),
      sessionStartMs: visit.session.startMs,
      mrn: visit.patient.mrn,
      familyName: visit.patient.familyName,
      givenName: visit.patient.givenName,
      documentIds: infos.map((i) => i.documentId),
      templates: infos.map((i) => `${i.templateId}@${i.templateVersion}`),
      pages,
      sha256,
      warnings: infos.flatMap((i) => i.warnings.map((w) => `page ${w.page}: ${w.message}`)),
    };
  } catch (error) {
    if (error instanceof CareprintError) return { status: 'invalid', problems: error.problems };
    throw error;
  }
}
