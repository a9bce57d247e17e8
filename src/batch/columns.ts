/**
 * The columns of a CSV schedule: the visit contract flattened to dotted names. An
 * empty cell means the field is absent. `row` and `problems` are the columns
 * careprint adds to errors.csv; they are ignored on the way back in, so a corrected
 * errors.csv can be run as a schedule.
 */
export interface ScheduleColumn {
  readonly name: string;
  readonly type: 'text' | 'integer';
  readonly required: boolean;
  readonly description: string;
}

const text = (name: string, required: boolean, description: string): ScheduleColumn => ({ name, type: 'text', required, description });
const integer = (name: string, description: string): ScheduleColumn => ({ name, type: 'integer', required: false, description });

export const scheduleColumns: readonly ScheduleColumn[] = [
  text('patient.mrn', true, 'Medical record number'),
  text('patient.givenName', true, 'Given name'),
  text('patient.familyName', true, 'Family name'),
  text('patient.birthDate', true, 'YYYY-MM-DD'),
  text('patient.language', false, '"en" or "es" (a tag such as es-US reads as es); empty means en'),
  text('patient.phone', false, 'Phone'),
  text('session.id', true, 'Session id, unique in the schedule'),
  text('session.start', true, 'Local time in the clinic zone (2026-11-24T09:00) or ISO 8601 with an offset'),
  text('session.route', true, '"iv", "im" or "intranasal"'),
  text('session.indication', true, 'Indication code or text'),
  integer('session.durationMinutes', 'Minutes of dosing; empty means the route default'),
  text('session.dischargeAt', false, 'Discharge time, when known'),
  text('session.provider.name', true, 'Ordering provider'),
  text('session.provider.credentials', false, 'Credentials such as MD'),
  integer('session.course.sessions', 'Planned sessions'),
  integer('session.course.weeks', 'Planned weeks'),
  text('escort.name', false, 'Adult taking the patient home'),
  text('escort.relationship', false, 'Relationship to the patient'),
  text('escort.phone', false, 'Escort phone'),
  text('representative.name', false, 'Legal representative signing the consent'),
  text('representative.relationship', false, 'Relationship of the representative'),
  text('representative.authority', false, 'By what right the representative signs: parent, guardian, health-care-agent or surrogate'),
  text('interpreter.name', false, 'Interpreter'),
  text('interpreter.id', false, 'Interpreter ID'),
  text('interpreter.language', false, 'Language interpreted'),
  text('nextAppointment', false, 'Next appointment time'),
];

/** Columns careprint writes into errors.csv and skips when reading. */
export const reportColumns = ['row', 'problems'] as const;

/**
 * errors.csv's columns for the cells a row had past the header's last column (`extra 1`,
 * `extra 2`…). Read back, a cell in one of them is a problem of its row: it belongs in a
 * column of its own, or nowhere.
 */
export function extraColumnName(n: number): string {
  return `extra ${n}`;
}

/** Whether `name` is one of errors.csv's `extra N` columns (in any case). */
export function isExtraColumn(name: string): boolean {
  return /^extra [1-9]\d*$/i.test(name.trim());
}

/** The JSON Schema of one schedule row, for `careprint schema schedule`. */
export function scheduleJsonSchema(): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'careprint schedule row (CSV columns)',
    description: 'One CSV row per visit, with a header row naming these columns in any order. Empty cells are absent fields. NDJSON and JSON schedules hold visits as in `careprint schema visit`.',
    type: 'object',
    properties: Object.fromEntries(scheduleColumns.map((c) => [c.name, { type: c.type === 'integer' ? 'integer' : 'string', description: c.description }])),
    required: scheduleColumns.filter((c) => c.required).map((c) => c.name),
    additionalProperties: false,
  };
}
