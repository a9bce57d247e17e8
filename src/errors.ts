/**
 * One error type for everything careprint rejects. A problem names where (`path`),
 * what kind (`code`) and why (`message`). The offending input value, when there is
 * one, travels in `value`: the CLI may show it to the person who typed it, but it is
 * never part of `message`, which ends up in logs.
 */
export const problemCodes = [
  'input_invalid',
  'clinical_hard_stop',
  'template_missing',
  'template_incomplete',
  'template_value_missing',
  'markup_invalid',
  'layout_does_not_fit',
  'font_missing_glyph',
  'io',
  'internal',
] as const;

export type ProblemCode = (typeof problemCodes)[number];

export interface Problem {
  readonly code: ProblemCode;
  /** Where: a dotted input path (`patient.birthDate`) or `templates/discharge/en.hbs:14`. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  /** The offending value as given; kept out of `message`. */
  readonly value?: string;
}

export class CareprintError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], options?: { cause?: unknown }) {
    const first = problems[0];
    const summary = first ? `${first.path}: ${first.message}` : 'unknown problem';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(summary + more, options);
    this.name = 'CareprintError';
    this.problems = problems;
  }

  static of(code: ProblemCode, path: string, message: string, extra?: { hint?: string; value?: string; cause?: unknown }): CareprintError {
    const problem: Problem = {
      code,
      path,
      message,
      ...(extra?.hint !== undefined ? { hint: extra.hint } : {}),
      ...(extra?.value !== undefined ? { value: extra.value } : {}),
    };
    return new CareprintError([problem], { cause: extra?.cause });
  }

  /** The wire shape: problems without their values, safe to log and to send. */
  toJSON(): { error: 'careprint'; problems: Omit<Problem, 'value'>[] } {
    return { error: 'careprint', problems: withoutValues(this.problems) };
  }
}

/** Problems without the values as typed: what may be sent over the wire or logged. */
export function withoutValues(problems: readonly Problem[]): Omit<Problem, 'value'>[] {
  return problems.map(({ value: _value, ...rest }) => rest);
}

/**
 * A value as typed, quoted, with its invisible characters written out (`\u200B`): a
 * bidirectional control would otherwise reorder the terminal's line, and a zero-width
 * space could not be found.
 */
function quotedValue(value: string): string {
  return JSON.stringify(value).replace(/\p{Default_Ignorable_Code_Point}/gu, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** `path: message` with the value the person typed, for the person who typed it. */
export function formatProblemForUser(problem: Problem): string {
  const got = problem.value !== undefined ? `, got ${quotedValue(problem.value)}` : '';
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${problem.path}: ${problem.message}${got}${hint}`;
}

export function isCareprintError(error: unknown): error is CareprintError {
  return error instanceof CareprintError;
}

/**
 * What kind of error this is ("TypeError", "Error"), and nothing of its message: an
 * error careprint did not expect may quote the input it failed on (a record number, a
 * name), and what is said of it reaches standard error, logs and manifests.
 */
export function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
