/** Every element the markup knows, with the attributes it takes (required ones marked). */
export interface ElementRule {
  readonly attributes: Readonly<Record<string, 'required' | 'optional'>>;
}

const none: ElementRule = { attributes: {} };
const named: ElementRule = { attributes: { name: 'required', label: 'required' } };

export const grammar: Readonly<Record<string, ElementRule>> = {
  h1: none,
  h2: none,
  h3: none,
  p: none,
  strong: none,
  em: none,
  br: none,
  ul: none,
  ol: none,
  li: none,
  table: { attributes: { widths: 'optional' } },
  tr: none,
  th: none,
  td: none,
  hr: none,
  callout: none,
  'keep-together': none,
  'page-break': none,
  section: { attributes: { element: 'required' } },
  signature: { attributes: { role: 'required', label: 'required', name: 'optional', 'name-line': 'optional' } },
  initials: named,
  checkbox: named,
  field: { attributes: { ...named.attributes, width: 'optional' } },
};

export const inlineElements = new Set(['strong', 'em', 'br']);
