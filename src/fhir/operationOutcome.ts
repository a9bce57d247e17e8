import type { Problem } from '../errors.js';
import type { OperationOutcome, OperationOutcomeIssue } from './types.js';

/**
 * One issue per problem, located by FHIRPath. `locate` turns a visit path into the
 * FHIRPath it was read from; a problem already located in the Bundle keeps its path.
 */
export function operationOutcome(problems: readonly Problem[], locate: (path: string) => string | undefined = () => undefined): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: problems.map((p): OperationOutcomeIssue => {
      const expression = p.path.startsWith('Bundle') ? p.path : locate(p.path);
      const code: OperationOutcomeIssue['code'] = p.code === 'clinical_hard_stop' ? 'business-rule' : p.message.startsWith('required') ? 'required' : p.code === 'input_invalid' ? 'invalid' : 'processing';
      return {
        severity: 'error',
        code,
        details: { text: p.message },
        diagnostics: `${p.code} at ${p.path}`,
        ...(expression ? { expression: [expression] } : {}),
      };
    }),
  };
}
