/**
 * The shape of the values templates can use, read from views careprint builds for sample
 * visits: which names exist, their types (null when a visit may lack the value) and an
 * example. The linter checks templates against it; `careprint templates vars` prints it.
 */
export type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'list';

export interface Shape {
  readonly types: ReadonlySet<ValueType>;
  /** The named values inside an object. */
  readonly fields: ReadonlyMap<string, Shape>;
  /** What a list holds. */
  readonly item: Shape | undefined;
  /** The first value seen that is not null. */
  readonly example: unknown;
}

interface MutableShape {
  types: Set<ValueType>;
  fields: Map<string, MutableShape>;
  item: MutableShape | undefined;
  example: unknown;
}

const empty = (): MutableShape => ({ types: new Set(), fields: new Map(), item: undefined, example: undefined });

function typeOf(value: unknown): ValueType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

function add(shape: MutableShape, value: unknown): void {
  const type = typeOf(value);
  shape.types.add(type);
  if (type !== 'null' && shape.example === undefined && type !== 'object') shape.example = Array.isArray(value) ? value[0] : value;
  if (type === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const field = shape.fields.get(key) ?? empty();
      shape.fields.set(key, field);
      add(field, v);
    }
  }
  if (type === 'list') {
    shape.item ??= empty();
    for (const v of value as unknown[]) add(shape.item, v);
  }
}

/** The shape of several views of the same kind, merged: a name any view has, with every type seen. */
export function shapeOf(views: readonly unknown[]): Shape {
  const shape = empty();
  for (const view of views) add(shape, view);
  // A field missing from some objects is null there: strict templates must test it first.
  const markMissing = (s: MutableShape, values: readonly unknown[]) => {
    for (const [key, field] of s.fields) {
      const objects = values.filter((v) => typeOf(v) === 'object') as Record<string, unknown>[];
      if (objects.some((o) => !(key in o))) field.types.add('null');
      markMissing(field, objects.map((o) => o[key]));
    }
  };
  markMissing(shape, views);
  return shape;
}

export interface VarLine {
  readonly path: string;
  readonly type: string;
  readonly example: string;
}

/** Every value a template can print, one a line: `times.noDrivingUntil.full`, `string`, an example. */
export function listVars(shape: Shape, prefix = ''): VarLine[] {
  const lines: VarLine[] = [];
  for (const [key, field] of shape.fields) {
    const path = prefix ? `${prefix}.${key}` : key;
    const types = [...field.types].filter((t) => t !== 'null');
    const nullable = field.types.has('null') ? ' or null' : '';
    if (field.types.has('object')) {
      lines.push({ path, type: `object${nullable}`, example: '' });
      lines.push(...listVars(field, path));
    } else if (field.types.has('list') && field.item) {
      const itemTypes = [...field.item.types].filter((t) => t !== 'null').join(' | ');
      lines.push({ path, type: `list of ${itemTypes}${nullable}`, example: field.example === undefined ? '' : JSON.stringify(field.example) });
      if (field.item.types.has('object')) lines.push(...listVars(field.item, `${path}[]`));
    } else {
      lines.push({ path, type: `${types.join(' | ') || 'null'}${nullable}`, example: field.example === undefined ? '' : JSON.stringify(field.example) });
    }
  }
  return lines;
}
