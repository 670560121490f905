import { readFileSync } from 'node:fs';
import { InvalidParameterError, type OptionCheck, type OptionsSchema, option, resolveOptions } from '@memsim/core';
import { parse } from 'csv-parse/sync';
import { cliRule } from '../internal/option-rules';

/**
 * A numeric table read from CSV.
 *
 * @example
 * const table: CsvTable = parseCsv('a,b\n1,2\n3,4\n');
 * [table.header, table.rows, table.data, table.lines]; // → [['a', 'b'], 2, Float64Array [1, 2, 3, 4], Int32Array [2, 3]]
 */
export interface CsvTable {
  /** Column names (generated as `c0, c1, …` when the file has no header). */
  header: string[];
  /** Row-major values, `rows × header.length`; non-numeric cells of a dropped column are not stored. */
  rows: number;
  data: Float64Array;
  /** Source line (1-based) of each data row, for error messages. */
  lines: Int32Array;
}

/**
 * Options of {@link parseCsv}.
 *
 * @example
 * const options: ParseCsvOptions = { source: 'runs.csv', dropColumns: ['id'] }; // dropColumns default: none
 * parseCsv('id,accuracy\nrun1,0.97\nrun2,0.95\n', options).header; // → ['accuracy']
 */
export interface ParseCsvOptions {
  /** Name shown in error messages. */
  source?: string;
  /** Columns whose cells may be non-numeric (e.g. a row id); they are dropped. Default: none. */
  dropColumns?: readonly (string | number)[];
}

/** A column to drop: its name, or its 0-based index. */
const columnRule: OptionCheck<string | number> = (where, parameter, value) => {
  if (
    (typeof value === 'string' && value !== '') ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
  )
    return value;
  throw new InvalidParameterError({
    where,
    parameter,
    value,
    expected: 'a column name or a 0-based column index (an integer >= 0)',
  });
};

const DROP_COLUMNS_RULE = option.withDefault(
  ((where, parameter, value) => {
    if (!Array.isArray(value))
      throw new InvalidParameterError({
        where,
        parameter,
        value,
        expected: 'an array of column names or 0-based column indices',
      });
    return value.map((v, i) => columnRule(where, `${parameter}[${i}]`, v));
  }) as OptionCheck<readonly (string | number)[]>,
  [] as readonly (string | number)[],
);

const SCHEMA = {
  source: option.withDefault(cliRule.text('a non-empty name for error messages (e.g. the file name)'), 'CSV'),
  dropColumns: DROP_COLUMNS_RULE,
} satisfies OptionsSchema<ParseCsvOptions>;

const READ_SCHEMA = { dropColumns: DROP_COLUMNS_RULE } satisfies OptionsSchema<Omit<ParseCsvOptions, 'source'>>;

/** One parsed record and the source line it ends on (1-based; a quoted cell may span lines). */
interface Record_ {
  info: { lines: number };
  record: string[];
}

/**
 * Parses comma-separated numeric text with csv-parse (RFC 4180: quoted cells, quoted newlines, "" escapes, CRLF or
 * LF line ends, a UTF-8 BOM). The first row is a header when any of its cells is not a number. Every other row must
 * have the header's number of cells, each a finite number (except dropped columns).
 *
 * @throws {InvalidParameterError} when the text is empty or malformed (an unclosed quote), a row has the wrong number
 * of cells, or a cell is not a finite number (the message names the source, the line and the column), or an option is
 * unknown or breaks its rule.
 * @example
 * parseCsv('a,b\n1,2\n3,4\n'); // → { header: ['a', 'b'], rows: 2, data: Float64Array [1, 2, 3, 4] }
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvTable {
  const o = resolveOptions('parseCsv', options, SCHEMA);
  const source = o.source;
  const fail = (expected: string, value: unknown): never => {
    throw new InvalidParameterError({ where: 'readCsv', parameter: source, value, expected });
  };
  let records: Record_[];
  try {
    records = parse(text, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Record_[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return fail('well-formed CSV (every quote closed)', `${e.message.replace(/\.$/, '')}`);
  }
  if (records.length === 0) fail('a CSV file with at least one row', 'an empty file');
  const first = records[0]!.record;
  const hasHeader = first.some((c) => c === '' || !Number.isFinite(Number(c)));
  const header = hasHeader ? first.map((c, i) => c || `c${i}`) : first.map((_, i) => `c${i}`);
  const drop = new Set<number>();
  for (const d of o.dropColumns) {
    const index = typeof d === 'number' ? d : header.indexOf(d);
    if (index >= 0) drop.add(index);
  }
  const kept = header.filter((_, i) => !drop.has(i));
  const body = hasHeader ? records.slice(1) : records;
  if (body.length === 0) fail('a CSV file with at least one data row', 'a header only');
  const data = new Float64Array(body.length * kept.length);
  const lines = new Int32Array(body.length);
  let k = 0;
  for (let r = 0; r < body.length; r++) {
    const { record: cells, info } = body[r]!;
    const lineNo = info.lines;
    lines[r] = lineNo;
    if (cells.length !== header.length)
      fail(`${header.length} cells on every row`, `${cells.length} cells on line ${lineNo}`);
    for (let c = 0; c < cells.length; c++) {
      if (drop.has(c)) continue;
      const v = Number(cells[c]!);
      if (cells[c] === '' || !Number.isFinite(v))
        fail(`numbers in column \`${header[c]}\``, `'${cells[c]}' on line ${lineNo}`);
      data[k++] = v;
    }
  }
  return { header: kept, rows: body.length, data, lines };
}

/**
 * Reads a numeric CSV file.
 *
 * @throws {InvalidParameterError} when the file cannot be read or is malformed (see {@link parseCsv}), or an option is
 *   unknown or breaks its rule.
 * @example
 * // (typechecked, not run: reads your file)
 * const table = readCsv('measurements.csv', { dropColumns: ['id'] });
 */
export function readCsv(path: string, options: Omit<ParseCsvOptions, 'source'> = {}): CsvTable {
  const o = resolveOptions('readCsv', options, READ_SCHEMA);
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
  return parseCsv(text, { dropColumns: o.dropColumns, source: path });
}
