import type { Argv, ArgumentsCamelCase } from 'yargs';
import { z } from 'zod';
import { scheduleJsonSchema } from '../../batch/columns.js';
import { clinicSchema, visitSchema } from '../../model/schemas.js';

interface SchemaArgs {
  name: 'visit' | 'clinic' | 'schedule';
}

export const command = 'schema <name>';
export const describe = 'Print the JSON Schema of the visit or clinic input, or of a CSV schedule row';

export function builder(yargs: Argv): Argv<SchemaArgs> {
  return yargs.positional('name', { choices: ['visit', 'clinic', 'schedule'] as const, demandOption: true }) as unknown as Argv<SchemaArgs>;
}

/** The JSON Schema of an input, generated from the same zod schema that validates it. */
export function jsonSchema(name: SchemaArgs['name']): unknown {
  if (name === 'schedule') return scheduleJsonSchema();
  return z.toJSONSchema(name === 'visit' ? visitSchema : clinicSchema, { io: 'input', unrepresentable: 'any' });
}

export function handler(args: ArgumentsCamelCase<SchemaArgs>): void {
  process.stdout.write(`${JSON.stringify(jsonSchema(args.name), null, 2)}\n`);
}
