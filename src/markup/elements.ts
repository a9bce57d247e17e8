import type { Block, Inline } from './blocks.js';

/** One marked element of a document and the words it prints. */
export interface MarkedElement {
  readonly element: string;
  readonly text: string;
}

function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' ? i.text : ' ')).join('');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return inlineText(block.inlines);
    case 'list':
      return block.items.map((item) => item.map(blockText).join(' ')).join(' ');
    case 'table':
      return block.rows.map((row) => row.map((cell) => inlineText(cell.inlines)).join(' ')).join(' ');
    case 'callout':
    case 'keepTogether':
    case 'section':
      return block.children.map(blockText).join(' ');
    case 'signature':
      return [block.label, block.name].join(' ');
    case 'initials':
    case 'checkbox':
    case 'field':
      return block.label;
    case 'rule':
    case 'pageBreak':
      return '';
    default: {
      const never: never = block;
      return never;
    }
  }
}

function collect(list: readonly Block[], out: MarkedElement[]): void {
  for (const block of list) {
    if (block.kind === 'section') out.push({ element: block.element, text: blockText(block).replace(/\s+/g, ' ').trim() });
    if (block.kind === 'section' || block.kind === 'callout' || block.kind === 'keepTogether') collect(block.children, out);
    if (block.kind === 'list') for (const item of block.items) collect(item, out);
  }
}

/** The marked elements of a shared (keyed) block, found once: it never changes. */
const markedByBlock = new WeakMap<Block, readonly MarkedElement[]>();

/** Every `<section element="…">` in a block tree, in document order, with its text. */
export function markedElements(blocks: readonly Block[]): MarkedElement[] {
  const out: MarkedElement[] = [];
  for (const block of blocks) {
    if (block.key === undefined) {
      collect([block], out);
      continue;
    }
    let marked = markedByBlock.get(block);
    if (!marked) {
      const found: MarkedElement[] = [];
      collect([block], found);
      markedByBlock.set(block, found);
      marked = found;
    }
    out.push(...marked);
  }
  return out;
}

/** The words a patient reads, one line per heading, paragraph, list item or table row; captions of fields and signatures left out. */
export function proseText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const add = (list: readonly Block[]): void => {
    for (const block of list) {
      switch (block.kind) {
        case 'heading':
        case 'paragraph':
          lines.push(inlineText(block.inlines));
          break;
        case 'list':
          for (const item of block.items) add(item);
          break;
        case 'table':
          for (const row of block.rows) lines.push(row.map((cell) => inlineText(cell.inlines)).join(' '));
          break;
        case 'callout':
        case 'keepTogether':
        case 'section':
          add(block.children);
          break;
        default:
          break;
      }
    }
  };
  add(blocks);
  return lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '').join('\n');
}
