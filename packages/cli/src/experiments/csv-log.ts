import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { InvalidParameterError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { parse } from 'csv-parse/sync';
import { formatCsv } from '../internal/csv-text';
import { writeOutput } from '../internal/files';
import { cliRule } from '../internal/option-rules';

/**
 * One CSV row as strings keyed by column.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const log = new CsvLog(join(mkdtempSync(join(tmpdir(), 'memsim-')), 'trials.csv'), ['sigma', 'seed', 'accuracy']);
 * const row: CsvRow = { sigma: '0.1', seed: '1', accuracy: '0.97' }; // every cell a string, keyed by column
 * log.append(row);
 */
export type CsvRow = Record<string, string>;

/**
 * Options of {@link CsvLog}.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const options: CsvLogOptions = { fresh: true, validate: (row) => (row.accuracy === '' ? 'no accuracy' : null) }; // default: resume, no check
 * const log = new CsvLog(join(mkdtempSync(join(tmpdir(), 'memsim-')), 'trials.csv'), ['seed', 'accuracy'], options);
 * log.append({ seed: '1', accuracy: '0.97' });
 */
export interface CsvLogOptions {
  /** Overwrite an existing file instead of resuming it. */
  fresh?: boolean;
  /** Checks one resumed row: a description of what is wrong with it, or null when it is valid. */
  validate?: (row: CsvRow) => string | null;
}

const SCHEMA = {
  fresh: option.withDefault(rule.boolean, false),
  validate: option.optional(
    cliRule.fn<(row: CsvRow) => string | null>('a function (row) => a problem description or null'),
  ),
} satisfies OptionsSchema<CsvLogOptions>;

/**
 * An append-only CSV results file that resumes: rows already on disk (complete lines with the expected header) are
 * read back, and new rows are appended one line at a time as trials finish, so an interrupted sweep loses at most
 * the trial in flight.
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const log = new CsvLog(join(mkdtempSync(join(tmpdir(), 'memsim-')), 'trials.csv'), ['sigma', 'seed', 'accuracy']);
 * log.append({ sigma: '0.1', seed: '1', accuracy: '0.97' }); // written at once: an interrupted sweep resumes from the file
 */
export class CsvLog {
  readonly path: string;
  readonly columns: readonly string[];
  /** Rows read back from disk when the log was opened. */
  readonly existing: CsvRow[];

  /**
   * Opens (or creates) `path` with `columns`. With `fresh`, an existing file is overwritten.
   *
   * @throws {InvalidParameterError} when an existing file has a different header, CRLF line ends, a malformed or
   *   ragged complete line, or a row `validate` rejects (naming the line); the file is then left untouched. Also when
   *   an option is unknown or breaks its rule (before the file is touched).
   */
  constructor(path: string, columns: readonly string[], options: CsvLogOptions = {}) {
    const o = resolveOptions('CsvLog', options, SCHEMA);
    this.path = path;
    this.columns = columns;
    this.existing = [];
    const header = columns.join(',');
    if (!o.fresh && existsSync(path)) {
      // Everything is checked before the file is rewritten: a refused resume leaves it untouched.
      const refuse = (expected: string): never => {
        throw new InvalidParameterError({
          where: 'memsim experiment',
          parameter: '--out',
          value: path,
          expected: `${expected} to resume (or pass --fresh, or another --out)`,
        });
      };
      const text = readFileSync(path, 'utf8');
      // CRLF line ends show on the header (column names hold no line break); a quoted cell may hold a CR of its own.
      if (text.slice(0, text.indexOf('\n') + 1).endsWith('\r\n'))
        refuse('a CSV with LF line ends as memsim writes it (this one has CRLF line ends)');
      // A trial killed mid-write leaves a torn last line (no newline): drop it, keep every complete line.
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      let records: { info: { lines: number }; record: string[] }[] = [];
      try {
        records = parse(complete, { info: true, relax_column_count: true }) as unknown as typeof records;
      } catch (error) {
        refuse(`a well-formed CSV (${(error as Error).message.replace(/\.$/, '')})`);
      }
      if (records.length === 0 || records[0]!.record.join(',') !== header) refuse(`a CSV with header '${header}'`);
      for (const { record, info } of records.slice(1)) {
        if (record.length !== columns.length)
          refuse(`${columns.length} cells on every row (line ${info.lines} has ${record.length})`);
        const row = Object.fromEntries(columns.map((c, i) => [c, record[i]!]));
        const problem = o.validate?.(row) ?? null;
        if (problem !== null) refuse(`valid rows (line ${info.lines}: ${problem})`);
        this.existing.push(row);
      }
      // Rewrite what is valid, so a torn last line cannot corrupt later appends.
      writeOutput(path, formatCsv([columns, ...this.existing.map((r) => columns.map((c) => r[c]!))]));
    } else writeOutput(path, formatCsv([columns]));
  }

  /** Appends one row (values for every column). */
  append(row: CsvRow): void {
    appendFileSync(this.path, formatCsv([this.columns.map((c) => row[c] ?? '')]));
  }
}
