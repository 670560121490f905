// MODULES //

import { InvalidParameterError } from '@memsim/core';
import type { OptionCheck } from '@memsim/core';
// The browser build of csv-parse (its own Buffer polyfill inside), bundled into dist by tsup (noExternal): the Node
// build uses the global Buffer at module level, which broke every browser bundle that imports @memsim/devices.
import { parse } from 'csv-parse/browser/esm/sync';

// TYPES //

/** One parsed CSV record: numeric columns and the 1-based line it came from. */
export interface CsvRecord {
  values: Record<string, number>;
  line: number;
}

// MAIN //

/** `where` text naming the file and line: `measuredDevice (pulses.csv, line 7)`. */
export function at(where: string, file: string, line: number): string {
  return `${where} (${file}, line ${line})`;
}

/** The `file` option of the measured-data readers: the name their errors show. */
export const fileNameRule: OptionCheck<string> = (where, parameter, value) => {
  if (typeof value !== 'string')
    throw new InvalidParameterError({ where, parameter, value, expected: 'a file name (string)' });
  return value;
};

/**
 * Parses CSV text with a header row (csv-parse: quoting, CRLF, blank lines and surrounding spaces handled) into
 * numeric records holding the `required` columns (case-insensitive, extra columns ignored). Every error names the
 * file and line.
 *
 * @throws {InvalidParameterError} on malformed CSV, a missing column, or a value that is not a finite number.
 * @internal
 */
export function readCsv(where: string, text: string, file: string, required: readonly string[]): CsvRecord[] {
  if (typeof text !== 'string')
    throw new InvalidParameterError({ where, parameter: 'data', value: text, expected: 'CSV text (a string)' });
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      comment: '#',
    }) as never;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new InvalidParameterError({
      where: at(where, file, e.lines ?? 1),
      parameter: 'data',
      value: file,
      expected: `well-formed CSV (${e.message ?? String(error)})`,
      message: `${at(where, file, e.lines ?? 1)}: malformed CSV: ${e.message ?? String(error)}`,
    });
  }
  const header = headerLine(text);
  const columns = rows.length > 0 ? Object.keys(rows[0]!.record) : headerColumns(text);
  for (const name of required)
    if (!columns.includes(name))
      throw new InvalidParameterError({
        where: at(where, file, header),
        parameter: name,
        value: columns.join(', '),
        expected: `a column of the header (required columns: ${required.join(', ')})`,
        message: `${at(where, file, header)}: missing column \`${name}\` (header has ${columns.length === 0 ? 'no columns' : columns.join(', ')}; required: ${required.join(', ')}).`,
      });
  if (rows.length === 0)
    throw new InvalidParameterError({
      where: at(where, file, header),
      parameter: 'data',
      value: file,
      expected: 'at least one data row after the header',
    });
  return rows.map(({ record, info }) => {
    const values: Record<string, number> = {};
    for (const name of required) {
      const raw = record[name]!;
      const v = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(v))
        throw new InvalidParameterError({
          where: at(where, file, info.lines),
          parameter: name,
          value: raw,
          expected: 'a finite number',
        });
      values[name] = v;
    }
    return { values, line: info.lines };
  });
}

/** 1-based line of the header (the first non-blank, non-comment line). */
function headerLine(text: string): number {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s !== '' && !s.startsWith('#')) return i + 1;
  }
  return 1;
}

function headerColumns(text: string): string[] {
  const line = text.split(/\r?\n/)[headerLine(text) - 1] ?? '';
  return line
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
}
