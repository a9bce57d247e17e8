/**
 * The routes and languages careprint knows, apart from the schemas that read them, so
 * that a command line option can name them without loading the validation library.
 */
export const routes = ['iv', 'im', 'intranasal'] as const;
export type Route = (typeof routes)[number];

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];
