import { resolve } from 'node:path';
import { CareprintError, type Problem } from '../errors.js';
import { lintRegistry } from './lintSet.js';
import { TemplateRegistry, type TemplateSetRef } from '../template/registry.js';

/**
 * A clinic's template set over careprint's, read and linted: a set with any problem the
 * linter finds is refused whole, every problem listed, so nothing reaches a render that
 * `careprint templates lint` would refuse. `label` is how messages name the directory
 * (the path as the user gave it).
 */
export function loadTemplateSet(dir: string, label: string = dir): TemplateRegistry {
  const problems = lintTemplateSet(dir, label);
  if (problems.length > 0) throw new CareprintError(problems);
  return TemplateRegistry.layered(resolve(dir), label).registry;
}

/** Every problem with a set, as `careprint templates lint` prints them. */
export function lintTemplateSet(dir: string, label: string = dir): Problem[] {
  const { registry, problems } = TemplateRegistry.layered(resolve(dir), label);
  if (problems.length > 0) return problems;
  return lintRegistry(registry, label);
}

const opened = new Map<string, TemplateRegistry>();

/**
 * The set a render task names, read once per thread. It was linted where it was loaded;
 * here it must be the very same files (same sha256), or the task is refused rather than
 * printed from wording nobody checked.
 */
export function openCheckedSet(ref: TemplateSetRef): TemplateRegistry {
  const key = `${ref.dir}\n${ref.sha256}`;
  const hit = opened.get(key);
  if (hit) return hit;
  const { registry, problems } = TemplateRegistry.layered(ref.dir, ref.id);
  if (problems.length > 0) throw new CareprintError(problems);
  if (registry.set?.sha256 !== ref.sha256) {
    throw CareprintError.of('template_missing', ref.id, 'the template set changed after it was checked; load it again (restart the service or the batch) so it is linted first');
  }
  opened.set(key, registry);
  return registry;
}
