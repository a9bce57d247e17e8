import type { Problem } from '../errors.js';
import type { ProblemKind } from './problemDetails.js';

/**
 * An error a route answers with: its kind (status and type), a detail, and the
 * problems with their paths. `locate` turns a visit path into the FHIRPath it came
 * from, for answers to FHIR requests.
 */
export class HttpProblem extends Error {
  readonly kind: ProblemKind;
  readonly problems: readonly Problem[] | undefined;
  readonly locate: ((visitPath: string) => string | undefined) | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(kind: ProblemKind, detail: string, options: { problems?: readonly Problem[]; locate?: (visitPath: string) => string | undefined; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.kind = kind;
    this.problems = options.problems;
    this.locate = options.locate;
    this.headers = options.headers ?? {};
  }
}
