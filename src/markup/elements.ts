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

/** Every `<section element="…">` in a block tree, in document order, with its text. */
export function markedElements(blocks: readonly Block[]): MarkedElement[] {
  const out: MarkedElement[] = [];
  const visit = (list: readonly Block[]) => {
    for (const block of list) {
      if (block.kind === 'section') out.push({ element: block.element, text: blockText(block).replace(/\s+/g, ' ').trim() });
      if (block.kind === 'section' || block.kind === 'callout' || block.kind === 'keepTogether') visit(block.children);
      if (block.kind === 'list') for (const item of block.items) visit(item);
    }
  };
  visit(blocks);
  return out;
}
