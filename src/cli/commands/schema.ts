import type { Argv, ArgumentsCamelCase } from 'yargs';
import { z } from 'zod';
import { clinicSchema, visitSchema } from '../../model/schemas.js';

interface SchemaArgs {
  name: 'visit' | 'clinic';
}

export const command = 'schema <name>';
export const describe = 'Print the JSON Schema of the visit or clinic input';

export function builder(yargs: Argv): Argv<SchemaArgs> {
  return yargs.positional('name', { choices: ['visit', 'clinic'] as const, demandOption: true }) as unknown as Argv<SchemaArgs>;
}

/** The JSON Schema of an input, generated from the same zod schema that validates it. */
export function jsonSchema(name: SchemaArgs['name']): unknown {
  return z.toJSONSchema(name === 'visit' ? visitSchema : clinicSchema, { io: 'input', unrepresentable: 'any' });
}

export function handler(args: ArgumentsCamelCase<SchemaArgs>): void {
  process.stdout.write(`${JSON.stringify(jsonSchema(args.name), null, 2)}\n`);
}
