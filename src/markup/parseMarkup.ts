import { CareprintError } from '../errors.js';
import { RecentCache } from '../util/recentCache.js';
import { signatureRoles, type Block, type Inline, type SignatureRole, type TableCell } from './blocks.js';
import { inlineElements } from './grammar.js';
import { normalizeInlines } from './inlines.js';
import { parseTree, type ElementNode, type Node } from './parseTree.js';
import { topLevelElements } from './topLevel.js';

interface Ctx {
  readonly source: string;
}

/**
 * Blocks of top-level elements parsed lately, by their markup: the same markup always
 * makes the same block, and blocks are never changed once made, so documents share
 * them. Kept from a key's second use on, so a block with a patient's name in it is
 * never kept. A block whose markup is invalid throws and is not kept.
 */
const recentBlocks = new RecentCache<string, Block>(256, { secondUse: true });

function fail(ctx: Ctx, line: number, message: string): never {
  throw CareprintError.of('markup_invalid', `${ctx.source}:${line}`, message);
}

const isBlank = (node: Node) => node.kind === 'text' && node.text.trim() === '';
const isInlineNode = (node: Node) => node.kind === 'text' || inlineElements.has(node.name);

function collectInlines(ctx: Ctx, nodes: readonly Node[], style: { bold: boolean; italic: boolean }, out: Inline[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') out.push({ kind: 'text', text: node.text, ...style });
    else if (node.name === 'br') out.push({ kind: 'break' });
    else if (node.name === 'strong') collectInlines(ctx, node.children, { ...style, bold: true }, out);
    else if (node.name === 'em') collectInlines(ctx, node.children, { ...style, italic: true }, out);
    else fail(ctx, node.line, `<${node.name}> cannot stand inside text (markup line ${node.line})`);
  }
}

function inlinesOf(ctx: Ctx, nodes: readonly Node[]): Inline[] {
  const raw: Inline[] = [];
  collectInlines(ctx, nodes, { bold: false, italic: false }, raw);
  return normalizeInlines(raw);
}

/** Block content: consecutive inline nodes become a paragraph, elements become blocks. */
function blocksOf(ctx: Ctx, nodes: readonly Node[]): Block[] {
  const blocks: Block[] = [];
  let pending: Node[] = [];
  const flush = () => {
    const inlines = inlinesOf(ctx, pending);
    if (inlines.length > 0) blocks.push({ kind: 'paragraph', inlines });
    pending = [];
  };
  for (const node of nodes) {
    if (isInlineNode(node)) {
      pending.push(node);
      continue;
    }
    flush();
    blocks.push(blockOf(ctx, node as ElementNode));
  }
  flush();
  return blocks;
}

function onlyElements(ctx: Ctx, node: ElementNode, childName: readonly string[]): ElementNode[] {
  const out: ElementNode[] = [];
  for (const child of node.children) {
    if (isBlank(child)) continue;
    if (child.kind === 'text' || !childName.includes(child.name)) {
      const what = child.kind === 'text' ? 'text' : `<${child.name}>`;
      fail(ctx, child.line, `${what} cannot stand directly inside <${node.name}>; expected ${childName.map((n) => `<${n}>`).join(' or ')} (markup line ${child.line})`);
    }
    out.push(child);
  }
  return out;
}

function noChildren(ctx: Ctx, node: ElementNode): void {
  const child = node.children.find((c) => !isBlank(c));
  if (child) fail(ctx, child.line, `<${node.name}> takes no content (markup line ${child.line})`);
}

function parseWidths(ctx: Ctx, node: ElementNode, columns: number): number[] | null {
  const spec = node.attributes.widths;
  if (spec === undefined) return null;
  const widths = spec.split(',').map((s) => Number(s.trim()));
  if (widths.length !== columns || widths.some((w) => !Number.isFinite(w) || w <= 0)) {
    fail(ctx, node.line, `<table widths="${spec}"> needs ${columns} positive numbers, one per column (markup line ${node.line})`);
  }
  return widths;
}

function tableOf(ctx: Ctx, node: ElementNode): Block {
  const rows = onlyElements(ctx, node, ['tr']).map((tr) =>
    onlyElements(ctx, tr, ['th', 'td']).map((cell): TableCell => ({ header: cell.name === 'th', inlines: inlinesOf(ctx, cell.children) })),
  );
  const columns = rows[0]?.length ?? 0;
  if (columns === 0) fail(ctx, node.line, `<table> needs at least one row with cells (markup line ${node.line})`);
  const ragged = rows.findIndex((r) => r.length !== columns);
  if (ragged >= 0) fail(ctx, node.line, `<table> row ${ragged + 1} has ${rows[ragged]?.length} cells, the first row has ${columns} (markup line ${node.line})`);
  return { kind: 'table', widths: parseWidths(ctx, node, columns), rows };
}

/** A short blank's `width`: the percentage of the line its writing line takes, 5 to 100. */
function fieldWidth(ctx: Ctx, node: ElementNode): number {
  const width = Number(node.attributes.width);
  if (!/^\d+$/.test(node.attributes.width ?? '') || width < 5 || width > 100) fail(ctx, node.line, `<field width="${node.attributes.width}"> must be a whole percentage from 5 to 100 (markup line ${node.line})`);
  return width;
}

function blockOf(ctx: Ctx, node: ElementNode): Block {
  const a = node.attributes;
  switch (node.name) {
    case 'h1':
    case 'h2':
    case 'h3':
      return { kind: 'heading', level: Number(node.name[1]) as 1 | 2 | 3, inlines: inlinesOf(ctx, node.children) };
    case 'p':
      return { kind: 'paragraph', inlines: inlinesOf(ctx, node.children) };
    case 'ul':
    case 'ol':
      return { kind: 'list', ordered: node.name === 'ol', items: onlyElements(ctx, node, ['li']).map((li) => blocksOf(ctx, li.children)) };
    case 'table':
      return tableOf(ctx, node);
    case 'hr':
      return { kind: 'rule' };
    case 'callout':
      return { kind: 'callout', children: blocksOf(ctx, node.children) };
    case 'keep-together':
      return { kind: 'keepTogether', children: blocksOf(ctx, node.children) };
    case 'section':
      if (!/^[a-z][a-z0-9-]*$/.test(a.element ?? '')) fail(ctx, node.line, `<section element="${a.element}"> must be lower-case letters, digits and "-" (markup line ${node.line})`);
      return { kind: 'section', element: a.element ?? '', children: blocksOf(ctx, node.children) };
    case 'page-break':
      noChildren(ctx, node);
      return { kind: 'pageBreak' };
    case 'signature': {
      noChildren(ctx, node);
      const role = a.role as SignatureRole;
      if (!signatureRoles.includes(role)) fail(ctx, node.line, `<signature role="${a.role}"> is not one of ${signatureRoles.join(', ')} (markup line ${node.line})`);
      const nameLine = a['name-line'];
      if (nameLine !== undefined && nameLine !== 'beside' && nameLine !== 'below') fail(ctx, node.line, `<signature name-line="${nameLine}"> must be "beside" or "below" (markup line ${node.line})`);
      const block = { kind: 'signature' as const, role, label: (a.label ?? '').trim(), name: (a.name ?? '').trim() };
      return nameLine === 'beside' ? { ...block, nameBeside: true } : block;
    }
    case 'initials':
    case 'checkbox':
    case 'field':
      noChildren(ctx, node);
      if (!/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/.test(a.name ?? '')) fail(ctx, node.line, `<${node.name} name="${a.name}"> must be letters, digits, "-", "_" and dots (markup line ${node.line})`);
      if (node.name === 'field' && a.width !== undefined) return { kind: 'field', name: a.name ?? '', label: (a.label ?? '').trim(), widthPercent: fieldWidth(ctx, node) };
      return { kind: node.name, name: a.name ?? '', label: (a.label ?? '').trim() };
    default:
      return fail(ctx, node.line, `<${node.name}> cannot stand here (markup line ${node.line})`);
  }
}

/** Markup text (the template's output) to a block tree. `source` names the template in errors. */
export function parseMarkup(markup: string, source: string): Block[] {
  return parseByElement(markup, source) ?? parseWhole(markup, source);
}

/**
 * The blocks of markup parsed one top-level element at a time, so the elements parsed
 * before (most of a document: the template's own words) are found by their markup and
 * not parsed again. `null` when the markup does not divide into elements that each
 * parse alone to exactly one block (text at the top, an element HTML closes without an
 * end tag, markup that is not valid): the whole is then parsed, which also gives an
 * error its line in the whole.
 *
 * The same blocks as parsing the whole: htmlparser2 starts each top-level element in the
 * state it starts the markup in (no element open, reading text), and an element that
 * parses alone to one element ended by its own end tag leaves it in that state again,
 * so an element's markup parses the same wherever it stands.
 */
function parseByElement(markup: string, source: string): Block[] | null {
  const spans = topLevelElements(markup);
  if (spans === null) return null;
  const blocks: Block[] = [];
  for (const { start, end } of spans) {
    const key = markup.slice(start, end);
    const block = recentBlocks.get(key) ?? parseOneElement(key, source);
    if (block === null) return null;
    blocks.push(block);
  }
  return blocks;
}

/** The block of one top-level element's markup, kept for its next use when its end tag bounds it; `null` unless it is exactly one block element. */
function parseOneElement(markup: string, source: string): Block | null {
  try {
    const [node, ...more] = parseTree(markup, source).children;
    if (node === undefined || more.length > 0 || node.kind !== 'element' || isInlineNode(node)) return null;
    if (node.markup === markup) return recentBlocks.getOrMake(markup, () => ({ ...blockOf({ source }, node), key: markup }));
    // Closed at its start tag (<hr/>, <signature .../>): nothing bounds it for certain, so it has no key.
    if (node.markup === undefined && !markup.includes('</')) return blockOf({ source }, node);
    return null;
  } catch (error) {
    if (error instanceof CareprintError) return null;
    throw error;
  }
}

/** The blocks of markup parsed as a whole: what `parseMarkup` gives, always by the longer way (exported for the tests that hold the two equal). */
export function parseWhole(markup: string, source: string): Block[] {
  const ctx: Ctx = { source };
  const root = parseTree(markup, source);
  const stray = root.children.find((c) => c.kind === 'text' && c.text.trim() !== '');
  if (stray) fail(ctx, stray.line, `text outside any block (markup line ${stray.line}); wrap it in <p>`);
  const elements = root.children.filter((c): c is ElementNode => c.kind === 'element');
  // A top-level element that is a block by itself carries its markup as its key.
  if (elements.some(isInlineNode)) return blocksOf(ctx, elements);
  return elements.map((node) => {
    const { markup: key } = node;
    if (key === undefined) return blockOf(ctx, node);
    return recentBlocks.getOrMake(key, () => ({ ...blockOf(ctx, node), key }));
  });
}
