import type { Argv, ArgumentsCamelCase } from 'yargs';

interface SchemaArgs {
  name: 'visit' | 'clinic' | 'schedule';
}

export const command = 'schema <name>';
export const describe = 'Print the JSON Schema of the visit or clinic input, or of a CSV schedule row';

export function builder(yargs: Argv): Argv<SchemaArgs> {
  return yargs.positional('name', { choices: ['visit', 'clinic', 'schedule'] as const, demandOption: true }) as unknown as Argv<SchemaArgs>;
}

/** The JSON Schema of an input, generated from the same zod schema that validates it. */
async function jsonSchema(name: SchemaArgs['name']): Promise<unknown> {
  if (name === 'schedule') return (await import('../../batch/columns.js')).scheduleJsonSchema();
  const [{ z }, { clinicSchema, visitSchema }] = await Promise.all([import('zod'), import('../../model/schemas.js')]);
  return z.toJSONSchema(name === 'visit' ? visitSchema : clinicSchema, { io: 'input', unrepresentable: 'any' });
}

export async function handler(args: ArgumentsCamelCase<SchemaArgs>): Promise<void> {
  process.stdout.write(`${JSON.stringify(await jsonSchema(args.name), null, 2)}\n`);
}
