import { Parser } from 'htmlparser2';
import { CareprintError } from '../errors.js';
import { grammar } from './grammar.js';

/** An element as parsed, with the markup line it opened on. */
export interface ElementNode {
  readonly kind: 'element';
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly line: number;
  readonly children: Node[];
  /** A top-level element's own markup, from its start tag to its explicit end tag. */
  markup?: string;
}
export interface TextNode {
  readonly kind: 'text';
  readonly text: string;
  readonly line: number;
}
export type Node = ElementNode | TextNode;

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Parses markup with htmlparser2 (entities decoded, self-closing tags honoured) into a
 * plain tree, rejecting any element or attribute the grammar does not know. `source`
 * names the template for error messages.
 */
export function parseTree(markup: string, source: string): ElementNode {
  const starts = lineStarts(markup);
  const root: ElementNode = { kind: 'element', name: '#root', attributes: {}, line: 1, children: [] };
  const stack: ElementNode[] = [root];
  let topStart = 0;
  const errors: CareprintError[] = [];
  const fail = (line: number, message: string) => errors.push(CareprintError.of('markup_invalid', `${source}:${line}`, message));

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const line = lineAt(starts, parser.startIndex);
        const rule = grammar[name];
        if (!rule) fail(line, `unknown element <${name}> at markup line ${line}`);
        else {
          for (const attr of Object.keys(attributes)) {
            if (!rule.attributes[attr]) fail(line, `unknown attribute "${attr}" on <${name}> at markup line ${line}`);
          }
          for (const [attr, need] of Object.entries(rule.attributes)) {
            if (need === 'required' && !attributes[attr]?.trim()) fail(line, `<${name}> needs a non-empty "${attr}" attribute (markup line ${line})`);
          }
        }
        const node: ElementNode = { kind: 'element', name, attributes, line, children: [] };
        stack[stack.length - 1]?.children.push(node);
        if (stack.length === 1) topStart = parser.startIndex;
        stack.push(node);
      },
      onclosetag(_name, isImplied) {
        if (stack.length <= 1) return;
        const node = stack.pop() as ElementNode;
        // Only an explicit end tag bounds the element's text for certain.
        if (stack.length === 1 && !isImplied) node.markup = markup.slice(topStart, parser.endIndex + 1);
      },
      ontext(text) {
        stack[stack.length - 1]?.children.push({ kind: 'text', text, line: lineAt(starts, parser.startIndex) });
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(markup);
  parser.end();
  if (errors.length > 0) throw new CareprintError(errors.flatMap((e) => e.problems));
  return root;
}
