/**
 * Why text is not JSON, without the text itself: V8's message quotes the start of the
 * input ("Unexpected token 'D', "Dana Whitf"... is not valid JSON"), which can be a
 * patient's name, and these messages reach standard error and so logs.
 */
export function jsonSyntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^JSON\.parse: /, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
}
