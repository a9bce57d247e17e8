import type { Language } from '../model/schemas.js';

/** Words the layout prints around the template's content, per language. */
export const chromeText: Record<Language, {
  pageLabel: string;
  signature: string;
  date: string;
  time: string;
  printedName: string;
  initials: string;
  born: string;
  record: string;
  document: string;
  effective: string;
  blankPage: string;
  packetTitle: string;
}> = {
  en: { pageLabel: 'Page {page} of {pages}', signature: 'Signature', date: 'Date', time: 'Time', printedName: 'Printed name', initials: 'Initials', born: 'Born', record: 'MRN', document: 'Document', effective: 'effective', blankPage: 'This page is blank on purpose.', packetTitle: 'Treatment papers' },
  es: { pageLabel: 'Página {page} de {pages}', signature: 'Firma', date: 'Fecha', time: 'Hora', printedName: 'Nombre', initials: 'Iniciales', born: 'Nacimiento', record: 'N.º de expediente', document: 'Documento', effective: 'vigente desde', blankPage: 'Esta página está en blanco a propósito.', packetTitle: 'Documentos del tratamiento' },
};
