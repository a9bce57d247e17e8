import { CareprintError } from '../errors.js';

export type ScheduleFormat = 'csv' | 'ndjson' | 'json';

/** A schedule's format: the one given, else the one its file name's extension says. */
export function formatOf(path: string, override?: ScheduleFormat): ScheduleFormat {
  if (override) return override;
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  throw CareprintError.of('input_invalid', 'schedule', `cannot tell the format of ${path} from its extension`, { hint: 'use .csv, .ndjson or .json, or give --format' });
}
