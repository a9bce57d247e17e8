import type { TemplateSetRef } from '../template/registry.js';
import type { Clinic, Language } from '../model/schemas.js';
import type { Paper } from '../layout/types.js';
import { PoolBusyError, RenderAbortedError, type RenderPool } from '../pool/renderPool.js';
import type { RenderOutcome } from '../pool/task.js';
import { responseHeaders } from './headers.js';
import { HttpProblem } from './httpProblem.js';

const serverFaults: ReadonlySet<string> = new Set(['template_missing', 'template_incomplete', 'template_value_missing', 'markup_invalid']);

export type RenderedOutcome = Extract<RenderOutcome, { status: 'ok' }>;

export interface RenderRequest {
  readonly visit: unknown;
  readonly docs: readonly string[];
  readonly packet: boolean;
  readonly lang: Language | undefined;
  readonly paper: Paper;
  readonly duplex: boolean;
  /** Set when the caller goes away. */
  readonly signal: AbortSignal;
  readonly locate?: (visitPath: string) => string | undefined;
}

/**
 * Renders in the worker pool within a time limit. A visit with problems, a full queue
 * and a render past its limit come back as `HttpProblem`s (422, 503, 503).
 */
export class RenderService {
  readonly clinic: Clinic;
  /** The service's clock: today for the session date check, and DocumentReference.date. */
  readonly now: () => Date;
  readonly #pool: RenderPool;
  readonly #timeoutMs: number;

  /** The clinic's template set, linted when the service started; each worker checks its hash. */
  readonly #templates: TemplateSetRef | undefined;

  constructor(pool: RenderPool, clinic: Clinic, timeoutMs: number, now: () => Date = () => new Date(), templates?: TemplateSetRef) {
    this.#templates = templates;
    this.#pool = pool;
    this.clinic = clinic;
    this.#timeoutMs = timeoutMs;
    this.now = now;
  }

  async render(request: RenderRequest): Promise<RenderedOutcome> {
    // One signal for the time limit and the caller going away, whose timer is cleared as
    // soon as the render is done. (AbortSignal.timeout's timer would outlive every request
    // by the whole time limit, and with AbortSignal.any each request would leave weak
    // references for the collector: at hundreds of requests a second, thousands of them,
    // which grew the service's heap.)
    const stop = new AbortController();
    let pastLimit = false;
    const timer = setTimeout(() => {
      pastLimit = true;
      stop.abort(new Error(`past the time limit of ${this.#timeoutMs} ms`));
    }, this.#timeoutMs);
    timer.unref();
    const callerGone = () => stop.abort(request.signal.reason);
    if (request.signal.aborted) callerGone();
    else request.signal.addEventListener('abort', callerGone, { once: true });
    let outcome: RenderOutcome;
    try {
      outcome = await this.#pool.run(
        { input: request.visit, clinic: this.clinic, docs: request.docs, packet: request.packet, lang: request.lang, paper: request.paper, duplex: request.duplex, nowMs: this.now().getTime(), ...(this.#templates ? { templates: this.#templates } : {}) },
        stop.signal,
      );
    } catch (error) {
      if (error instanceof PoolBusyError) throw new HttpProblem('busy', 'every render worker is busy; retry in a second', { headers: { [responseHeaders.retryAfter.name]: '1' } });
      if (error instanceof RenderAbortedError && pastLimit) throw new HttpProblem('timeout', `the document was not ready within ${this.#timeoutMs} ms`, { headers: { [responseHeaders.retryAfter.name]: '5' } });
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', callerGone);
    }
    if (outcome.status === 'invalid') {
      // A template that does not build is the service's fault, not the caller's.
      const ours = outcome.problems.filter((p) => serverFaults.has(p.code));
      if (ours.length > 0) throw new HttpProblem('internal', 'a template could not be printed; the clinic must fix its templates', { problems: ours });
      const n = outcome.problems.length;
      throw new HttpProblem('invalidVisit', `${n} problem${n === 1 ? '' : 's'} with the visit`, { problems: outcome.problems, ...(request.locate ? { locate: request.locate } : {}) });
    }
    return outcome;
  }
}
