import { withoutValues, type Problem } from '../errors.js';

/** An RFC 9457 problem details body, with careprint's problems as an extension member. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** This occurrence: `urn:uuid:` and the request id the answer's X-Request-Id gives. */
  readonly instance?: string;
  /** Every problem found, each with its field path; values typed by the user are not echoed. */
  readonly problems?: readonly Omit<Problem, 'value'>[];
}

export const problemJson = 'application/problem+json';

const base = 'https://careprint.example/problems/';

/** The kinds of error the service answers with, one type URI each. */
export const problemKinds = {
  badJson: { status: 400, type: `${base}bad-json`, title: 'The body is not valid JSON' },
  badRequest: { status: 400, type: `${base}bad-request`, title: 'The request is not valid' },
  tooDeep: { status: 400, type: `${base}too-deep`, title: 'The body nests deeper than the service reads' },
  unauthorized: { status: 401, type: `${base}unauthorized`, title: 'A valid bearer token is required' },
  notFound: { status: 404, type: `${base}not-found`, title: 'No such resource' },
  methodNotAllowed: { status: 405, type: `${base}method-not-allowed`, title: 'Method not allowed' },
  notAcceptable: { status: 406, type: `${base}not-acceptable`, title: 'Cannot answer in the requested media type' },
  requestTimeout: { status: 408, type: `${base}request-timeout`, title: 'The request did not arrive in time' },
  tooLarge: { status: 413, type: `${base}body-too-large`, title: 'The body is larger than the service accepts' },
  uriTooLong: { status: 414, type: `${base}uri-too-long`, title: 'The URL is longer than the service reads' },
  unsupportedMediaType: { status: 415, type: `${base}unsupported-media-type`, title: 'The body has a content type the service does not read' },
  invalidVisit: { status: 422, type: `${base}invalid-visit`, title: 'The visit cannot be printed as given' },
  headersTooLarge: { status: 431, type: `${base}headers-too-large`, title: 'The request line and headers are larger than the service reads' },
  internal: { status: 500, type: `${base}internal`, title: 'Internal error' },
  busy: { status: 503, type: `${base}busy`, title: 'The service is busy; try again shortly' },
  timeout: { status: 503, type: `${base}timeout`, title: 'The document took longer than the time limit' },
} as const;

export type ProblemKind = keyof typeof problemKinds;

export function problemDetails(kind: ProblemKind, detail?: string, problems?: readonly Problem[]): ProblemDetails {
  const { status, type, title } = problemKinds[kind];
  return {
    type,
    title,
    status,
    ...(detail !== undefined ? { detail } : {}),
    ...(problems ? { problems: withoutValues(problems) } : {}),
  };
}
