/**
 * The service's problems as the front desk reads them: each names the field as the form
 * labels it ("Next appointment must be after the session starts"), never the contract's
 * dotted path ("nextAppointment: must be after session.start"), which stays in the API's
 * answers for integrators.
 */

export interface Problem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/** Phrases of the service's messages that name another field, in the form's words. */
const phrases: readonly (readonly [RegExp, string])[] = [
  [/\bafter session\.start\b/g, 'after the session starts'],
  [/\bof session\.start\b/g, 'of the session start'],
  [/\bsession\.start\b/g, 'the session start'],
  [/\bsession\.dischargeAt\b/g, 'the discharge time'],
  [/\bsession\.durationMinutes\b/g, 'the dose length'],
  [/\bnextAppointment\b/g, 'the next appointment'],
];

/** A message's first word decides how it joins the field's name. */
function join(label: string, message: string): string {
  if (message === 'required') return `${label} is required.`;
  if (/^required\b/.test(message)) return `${label} is ${message}`;
  if (/^(is|are|must|has|does|cannot|needs?|was)\b/.test(message)) return `${label} ${message}`;
  if (/^before monitoring ends/.test(message)) return `${label} is ${message}`;
  return `${label}: ${message}`;
}

/**
 * One problem as a sentence that starts with its field's label. `label` gives the form's
 * name for a path (without the `visit.` prefix), or undefined for a path the form does
 * not show, which is then named in words from the path itself.
 */
export function plainProblem(problem: Problem, label: (path: string) => string | undefined): string {
  const path = problem.path.replace(/^visit\./, '');
  let message = problem.message;
  for (const [pattern, words] of phrases) message = message.replace(pattern, words);
  const hint = problem.hint ? ` (${problem.hint})` : '';
  if (path === '') return `${capitalise(message)}${hint}`;
  const name = label(path) ?? wordsOfPath(path);
  const sentence = join(name, message);
  return `${sentence}${hint}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "session.course.weeks" as "Session course weeks": a last resort for a field the form lacks. */
function wordsOfPath(path: string): string {
  return capitalise(
    path
      .split('.')
      .map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
      .join(' '),
  );
}
