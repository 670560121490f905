import { stringify } from 'csv-stringify/sync';

/**
 * Formats rows of cells as CSV text through csv-stringify (RFC 4180 quoting: a cell with a comma, a quote or a line
 * break is quoted and its quotes doubled), one LF-terminated line per record, so csv-parse reads every cell back as
 * written.
 */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  // csv-stringify's types want mutable arrays; it never writes to them.
  return stringify(rows as string[][], { record_delimiter: 'unix' });
}
