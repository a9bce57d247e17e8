/**
 * One sheet's content described once and written out twice: as careprint markup and
 * as a pdfmake document definition, with the same text and the same fonts, so the
 * two engines are compared on equal work.
 */
export type Section =
  | { kind: 'h1' | 'h2' | 'p'; text: string }
  | { kind: 'callout'; text: string }
  | { kind: 'ul'; items: string[] }
  | { kind: 'table'; rows: [string, string][] }
  | { kind: 'signature'; label: string };

const list = [
  'Do not drive a car, motorcycle or bike. Do not use machines or power tools.',
  'An adult must take you home. Do not go home alone in a taxi, rideshare or bus.',
  'Do not drink alcohol. Do not take sleeping pills, sedatives or other drugs that make you sleepy unless your doctor prescribed them.',
  'Do not make big decisions or sign legal papers.',
  'Have an adult stay with you tonight.',
  'Rest. Drink water. Eat something light first, like toast or crackers.',
];

function body(round: number): Section[] {
  return [
    { kind: 'h2', text: round === 0 ? 'For the next 24 hours' : `More about the next 24 hours (${round + 1})` },
    { kind: 'ul', items: list },
    { kind: 'h2', text: 'What is normal' },
    { kind: 'p', text: 'These feelings are common after ketamine. They most often fade within a few hours: feeling sleepy, tired or a little confused; feeling dizzy or unsteady; mild nausea; blurry or double vision; feeling far away from yourself or as if in a dream.' },
    { kind: 'table', rows: [['If you notice', 'Do this'], ['You throw up more than once', 'Call the clinic'], ['Chest pain or trouble breathing', 'Call 911'], ['Thoughts of hurting yourself', 'Call or text 988']] },
  ];
}

export function sheet(patient: string, pages: 1 | 4): Section[] {
  if (pages === 1) {
    return [
      { kind: 'h1', text: 'Going home after ketamine treatment' },
      { kind: 'p', text: `Patient: ${patient}. Today you had a ketamine infusion into a vein. It started at 9:00 AM. You are expected to leave the clinic at about 10:10 AM.` },
      { kind: 'callout', text: 'Do not drive until 10:10 AM on Wednesday, November 25' },
      ...body(0).slice(0, 4),
      { kind: 'signature', label: `Patient: ${patient}` },
    ];
  }
  const rounds = 5;
  return [
    { kind: 'h1', text: 'Going home after ketamine treatment' },
    { kind: 'p', text: `Patient: ${patient}. Today you had a ketamine infusion into a vein. It started at 9:00 AM. You are expected to leave the clinic at about 10:10 AM.` },
    { kind: 'callout', text: 'Do not drive until 10:10 AM on Wednesday, November 25' },
    ...Array.from({ length: rounds }, (_, i) => body(i)).flat(),
    { kind: 'signature', label: `Patient: ${patient}` },
    { kind: 'signature', label: 'Adult taking the patient home' },
  ];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function toMarkup(sections: Section[]): string {
  let sig = 0;
  return sections
    .map((s) => {
      switch (s.kind) {
        case 'h1':
        case 'h2':
        case 'p':
          return `<${s.kind}>${esc(s.text)}</${s.kind}>`;
        case 'callout':
          return `<callout><h2>${esc(s.text)}</h2></callout>`;
        case 'ul':
          return `<ul>${s.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
        case 'table':
          return `<table widths="50,50">${s.rows.map((r, i) => `<tr>${r.map((c) => (i === 0 ? `<th>${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('')}</table>`;
        case 'signature':
          return `<signature role="${sig++ === 0 ? 'patient' : 'escort'}" label="${esc(s.label)}"/>`;
      }
    })
    .join('\n');
}

export function toPdfmake(sections: Section[]): Record<string, unknown> {
  const content = sections.map((s) => {
    switch (s.kind) {
      case 'h1':
        return { text: s.text, fontSize: 21, bold: true, margin: [0, 0, 0, 6] };
      case 'h2':
        return { text: s.text, fontSize: 16, bold: true, margin: [0, 12, 0, 4] };
      case 'p':
        return { text: s.text, margin: [0, 6, 0, 0] };
      case 'callout':
        return { table: { widths: ['*'], body: [[{ text: s.text, fontSize: 16, bold: true, margin: [8, 8, 8, 8], fillColor: '#f2f2f2' }]] }, margin: [0, 10, 0, 0] };
      case 'ul':
        return { ul: s.items, margin: [0, 6, 0, 0] };
      case 'table':
        return { table: { headerRows: 1, widths: ['*', '*'], body: s.rows.map((r, i) => r.map((c) => ({ text: c, bold: i === 0, fillColor: i === 0 ? '#ebebeb' : undefined, margin: [4, 4, 4, 4] }))) }, margin: [0, 8, 0, 0] };
      case 'signature':
        return { stack: [{ text: s.label, bold: true }, { canvas: [{ type: 'line', x1: 0, y1: 30, x2: 280, y2: 30, lineWidth: 0.9 }] }, { text: 'Signature', fontSize: 10 }], unbreakable: true, margin: [0, 16, 0, 0] };
    }
  });
  return {
    pageSize: 'LETTER',
    pageMargins: [54, 90, 54, 90],
    defaultStyle: { font: 'Atkinson', fontSize: 13, lineHeight: 1.32 },
    header: { text: 'Harbor Light Infusion Clinic', fontSize: 9, margin: [54, 54, 54, 0] },
    footer: (page: number, pages: number) => ({ text: `discharge v1.0.0 · Page ${page} of ${pages}`, fontSize: 9, margin: [54, 0, 54, 0] }),
    content,
    info: { title: 'Going home after ketamine treatment', creationDate: new Date(0) },
  };
}
