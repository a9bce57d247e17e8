/**
 * The value at a dotted field path of the visit contract (`session.provider.name`) in
 * input as given, or undefined where any step is missing or not an object.
 */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}
