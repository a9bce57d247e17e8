import { CareprintError } from '../errors.js';
import type { CompiledTemplate } from './registry.js';

/**
 * Runs a template on a view. Handlebars is strict: a value the template uses but the
 * view lacks is an error naming the template, the line and the variable, never a
 * gap on paper. Values are HTML-escaped, so patient data cannot inject markup.
 */
export function fill(template: CompiledTemplate, view: object): string {
  try {
    return template.render(view);
  } catch (error) {
    // A view value that refuses to print (free text not in this language) says why itself.
    if (error instanceof CareprintError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const missing = /^"?([^"]+)"? not defined in .* - (\d+):(\d+)/.exec(message);
    if (missing) {
      throw CareprintError.of('template_value_missing', `${template.source}:${missing[2]}`, `the template uses "${missing[1]}", which this visit does not provide`, { cause: error });
    }
    throw CareprintError.of('template_value_missing', template.source, message.split('\n')[0] ?? 'template failed', { cause: error });
  }
}
