import type { Language } from '../model/schemas.js';

/** Words the layout prints around the template's content, in one language. */
export interface ChromeText {
  readonly pageLabel: string;
  readonly signature: string;
  readonly date: string;
  readonly time: string;
  readonly printedName: string;
  readonly initials: string;
  readonly born: string;
  readonly record: string;
  readonly document: string;
  readonly effective: string;
  readonly blankPage: string;
  readonly packetTitle: string;
}

/** careprint's own chrome words; a template set gives them for a language it adds. */
export const chromeText: Record<Language, ChromeText> = {
  en: { pageLabel: 'Page {page} of {pages}', signature: 'Signature', date: 'Date', time: 'Time', printedName: 'Printed name', initials: 'Initials', born: 'Born', record: 'MRN', document: 'Document', effective: 'effective', blankPage: 'This page is blank on purpose.', packetTitle: 'Treatment papers' },
  es: { pageLabel: 'Página {page} de {pages}', signature: 'Firma', date: 'Fecha', time: 'Hora', printedName: 'Nombre', initials: 'Iniciales', born: 'Nacimiento', record: 'N.º de expediente', document: 'Documento', effective: 'vigente desde', blankPage: 'Esta página está en blanco a propósito.', packetTitle: 'Documentos del tratamiento' },
};
