import Handlebars from 'handlebars';
import type { Problem } from '../errors.js';
import type { SourceFile } from '../template/set/readLayer.js';
import type { Shape } from './viewShape.js';

type Node = hbs.AST.Node;

/** A place templates look values up: the view, an item of a list, a block's own names. */
interface Scope {
  readonly shape: Shape;
  readonly parent: Scope | undefined;
  readonly blockParams: ReadonlyMap<string, Shape>;
}

const anything: Shape = { types: new Set(['string', 'number', 'boolean', 'object', 'list']), fields: new Map(), item: undefined, example: undefined };
const dataNames = new Set(['index', 'first', 'last', 'key', 'root']);

export interface VariableCheck {
  readonly file: SourceFile;
  /** The view's shape; for a partial, with the names its callers pass added. */
  readonly root: Shape;
  readonly partials: ReadonlySet<string>;
}

function at(file: SourceFile, node: Node | undefined): string {
  const start = node?.loc?.start;
  return start ? `${file.path}:${start.line}:${start.column + 1}` : `${file.path}:1:1`;
}

/** Parses a template as careprint compiles it; a syntax error names the line and column. */
export function parseTemplate(file: SourceFile): { program: hbs.AST.Program | undefined; problems: Problem[] } {
  try {
    return { program: Handlebars.parse(file.text), problems: [] };
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    const first = /^Parse error on line (\d+):/.exec(e.message ?? '');
    const line = e.lineNumber ?? (first ? Number(first[1]) : 1);
    const column = (e.column ?? 0) + 1;
    const reason = (e.message ?? String(error)).split('\n').filter((l) => !/^(Parse error on line|-+\^|\.\.\.)/.test(l) && l.trim() !== '').at(-1)?.replace(/ - \d+:\d+$/, '') ?? 'does not parse';
    return { program: undefined, problems: [{ code: 'template_value_missing', path: `${file.path}:${line}:${column}`, message: `Handlebars does not parse: ${reason}` }] };
  }
}

/**
 * Every value, helper and partial a template uses that careprint does not give it,
 * with the line and column. Handlebars in strict mode would stop on the first one at
 * render time, and only on a visit that reaches it; this finds them all, before any.
 */
export function checkVariables(ast: hbs.AST.Program, check: VariableCheck): Problem[] {
  const problems: Problem[] = [];
  const report = (node: Node | undefined, message: string) => problems.push({ code: 'template_value_missing', path: at(check.file, node), message });
  const rootScope: Scope = { shape: check.root, parent: undefined, blockParams: new Map() };

  const resolve = (path: hbs.AST.PathExpression, scope: Scope): Shape | undefined => {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (!head || !dataNames.has(head)) {
        report(path, `"@${path.parts.join('.')}" is not a value Handlebars gives; @index, @first, @last, @key and @root are`);
        return undefined;
      }
      return head === 'root' ? walk(path, rootScope.shape, rest) : anything;
    }
    let s: Scope | undefined = scope;
    for (let i = 0; i < path.depth && s; i++) s = s.parent;
    if (!s) {
      report(path, `"${path.original}" climbs above the view`);
      return undefined;
    }
    const [head, ...rest] = path.parts;
    if (head === undefined) return s.shape; // {{this}} or {{.}}
    for (let b: Scope | undefined = s; b; b = b.parent) {
      const param = b.blockParams.get(head);
      if (param) return walk(path, param, rest);
    }
    return walk(path, s.shape, path.parts);
  };

  const walk = (path: hbs.AST.PathExpression, start: Shape, parts: readonly string[]): Shape | undefined => {
    let shape = start;
    for (const part of parts) {
      if (shape === anything) return anything;
      const next = shape.fields.get(part) ?? (shape.types.has('list') && part === 'length' ? anything : undefined);
      if (!next) {
        report(path, `"${path.original}" is not a value careprint gives templates (see careprint templates vars)`);
        return undefined;
      }
      shape = next;
    }
    return shape;
  };

  const expression = (node: hbs.AST.Expression, scope: Scope): Shape | undefined => {
    switch (node.type) {
      case 'PathExpression':
        return resolve(node as hbs.AST.PathExpression, scope);
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        helperCall(sub.path, sub.params, sub.hash, scope);
        return anything;
      }
      default:
        return anything; // a literal
    }
  };

  const hashValues = (hash: hbs.AST.Hash | undefined, scope: Scope) => {
    for (const pair of hash?.pairs ?? []) expression(pair.value, scope);
  };

  const helperCall = (path: hbs.AST.PathExpression, params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, scope: Scope) => {
    const name = path.original;
    if (name !== 'lookup' && name !== 'log') report(path, `"${name}" is not a helper careprint has; templates use values, #if, #unless, #each, #with and lookup`);
    for (const p of params) expression(p, scope);
    hashValues(hash, scope);
  };

  const program = (node: hbs.AST.Program | undefined, scope: Scope) => {
    for (const statement of node?.body ?? []) visit(statement, scope);
  };

  const visit = (node: hbs.AST.Statement, scope: Scope): void => {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.path.type !== 'PathExpression') return;
        const path = m.path as hbs.AST.PathExpression;
        if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0) helperCall(path, m.params, m.hash, scope);
        else resolve(path, scope);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = b.path.original;
        const subject = b.params[0] ? expression(b.params[0], scope) : undefined;
        for (const p of b.params.slice(1)) expression(p, scope);
        hashValues(b.hash, scope);
        if (name === 'if' || name === 'unless') {
          program(b.program, scope);
        } else if (name === 'each') {
          const item = subject === undefined ? anything : (subject.item ?? anything);
          const [itemName, indexName] = b.program?.blockParams ?? [];
          const params = new Map<string, Shape>();
          if (itemName) params.set(itemName, item);
          if (indexName) params.set(indexName, anything);
          program(b.program, { shape: item, parent: scope, blockParams: params });
        } else if (name === 'with') {
          const [asName] = b.program?.blockParams ?? [];
          const inner = subject ?? anything;
          program(b.program, { shape: inner, parent: scope, blockParams: asName ? new Map([[asName, inner]]) : new Map() });
        } else {
          report(b.path, `"#${name}" is not a block careprint has; templates use #if, #unless, #each and #with`);
        }
        program(b.inverse, scope);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement': {
        const p = node as hbs.AST.PartialStatement;
        const name = p.name.type === 'PathExpression' ? (p.name as hbs.AST.PathExpression).original : undefined;
        if (name === undefined || !check.partials.has(name)) report(node, `the partial "${name ?? '(computed)'}" does not exist; partials are the files in partials/`);
        for (const param of p.params) expression(param, scope);
        hashValues(p.hash, scope);
        if (node.type === 'PartialBlockStatement') program((node as hbs.AST.PartialBlockStatement).program, scope);
        return;
      }
      default:
        report(node, `${node.type} is not allowed in a careprint template`);
    }
  };

  program(ast, rootScope);
  return problems;
}

/** The names each partial is passed (`{{> document-header title="…"}}`), from every template that calls it. */
export function partialArguments(programs: readonly hbs.AST.Program[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const visitAll = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visitAll(n);
      return;
    }
    const n = node as { type?: string; name?: { original?: string }; hash?: hbs.AST.Hash };
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && n.name?.original) {
      const names = found.get(n.name.original) ?? new Set<string>();
      for (const pair of n.hash?.pairs ?? []) names.add(pair.key);
      found.set(n.name.original, names);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') visitAll(value);
  };
  visitAll(programs);
  return found;
}
