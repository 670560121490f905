import { readFileSync } from 'node:fs';
import { InvalidParameterError } from '@memsim/core';

/** A numeric table read from CSV. */
export interface CsvTable {
  /** Column names (generated as `c0, c1, …` when the file has no header). */
  header: string[];
  /** Row-major values, `rows × header.length`; non-numeric cells of a dropped column are not stored. */
  rows: number;
  data: Float64Array;
}

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** Name shown in error messages. */
  source?: string;
  /** Columns whose cells may be non-numeric (e.g. a row id); they are dropped. Default: none. */
  dropColumns?: readonly (string | number)[];
}

function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

/**
 * Parses comma-separated numeric text. The first line is a header when any of its cells is not a number.
 * Every other row must have the header's number of cells, each a finite number (except dropped columns).
 *
 * @throws {InvalidParameterError} when the text is empty, a row has the wrong number of cells, or a cell is not a
 * finite number; the message names the line and column.
 * @example
 * parseCsv('a,b\n1,2\n3,4\n'); // → { header: ['a', 'b'], rows: 2, data: Float64Array [1, 2, 3, 4] }
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvTable {
  const source = options.source ?? 'CSV';
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const fail = (expected: string, value: unknown): never => {
    throw new InvalidParameterError({ where: 'readCsv', parameter: source, value, expected });
  };
  if (lines.length === 0) fail('a CSV file with at least one row', 'an empty file');
  const first = splitLine(lines[0]!).map((c) => c.trim());
  const hasHeader = first.some((c) => c === '' || !Number.isFinite(Number(c)));
  const header = hasHeader ? first.map((c, i) => c || `c${i}`) : first.map((_, i) => `c${i}`);
  const drop = new Set<number>();
  for (const d of options.dropColumns ?? []) {
    const index = typeof d === 'number' ? d : header.indexOf(d);
    if (index >= 0) drop.add(index);
  }
  const kept = header.filter((_, i) => !drop.has(i));
  const body = hasHeader ? lines.slice(1) : lines;
  if (body.length === 0) fail('a CSV file with at least one data row', 'a header only');
  const data = new Float64Array(body.length * kept.length);
  let k = 0;
  for (let r = 0; r < body.length; r++) {
    const cells = splitLine(body[r]!);
    const lineNo = r + (hasHeader ? 2 : 1);
    if (cells.length !== header.length)
      fail(`${header.length} cells on every row`, `${cells.length} cells on line ${lineNo}`);
    for (let c = 0; c < cells.length; c++) {
      if (drop.has(c)) continue;
      const v = Number(cells[c]!.trim());
      if (cells[c]!.trim() === '' || !Number.isFinite(v))
        fail(`numbers in column \`${header[c]}\``, `'${cells[c]}' on line ${lineNo}`);
      data[k++] = v;
    }
  }
  return { header: kept, rows: body.length, data };
}

/**
 * Reads a numeric CSV file.
 *
 * @throws {InvalidParameterError} when the file cannot be read or is malformed (see {@link parseCsv}).
 * @example
 * // (typechecked, not run: reads your file)
 * const table = readCsv('measurements.csv', { dropColumns: ['id'] });
 */
export function readCsv(path: string, options: Omit<ParseCsvOptions, 'source'> = {}): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidParameterError({
      where: 'readCsv',
      parameter: 'path',
      value: path,
      expected: `a readable CSV file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    });
  }
  return parseCsv(text, { ...options, source: path });
}
