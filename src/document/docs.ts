import { CareprintError } from '../errors.js';
import { documentTypes } from '../template/documentTypes.js';

/** The consent packet the front desk prints for a new patient. */
export const defaultPacketDocs: readonly string[] = ['consent', 'side-effects', 'fasting'];

/** Refuses an empty list, an unknown document and a document named twice. */
export function checkDocs(docs: readonly string[], known: readonly string[] = documentTypes()): void {
  if (docs.length === 0) throw CareprintError.of('input_invalid', 'docs', 'name at least one document', { hint: `known: ${known.join(', ')}` });
  const problems = docs.flatMap((doc, i) => {
    if (!known.includes(doc)) return [{ code: 'input_invalid' as const, path: `docs[${i}]`, message: `unknown document type "${doc}"; known: ${known.join(', ')}` }];
    if (docs.indexOf(doc) !== i) return [{ code: 'input_invalid' as const, path: `docs[${i}]`, message: `"${doc}" is named twice; each document appears once in a packet` }];
    return [];
  });
  if (problems.length > 0) throw new CareprintError(problems);
}
