import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { InvalidParameterError } from '@memsim/core';
import { writeOutput } from '../internal/files';

/** One CSV row as strings keyed by column. */
export type CsvRow = Record<string, string>;

function escapeCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

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
   * @throws {InvalidParameterError} when an existing file has a different header.
   */
  constructor(path: string, columns: readonly string[], options: { fresh?: boolean } = {}) {
    this.path = path;
    this.columns = columns;
    this.existing = [];
    const header = columns.join(',');
    if (!options.fresh && existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      if (lines[0] !== header)
        throw new InvalidParameterError({
          where: 'memsim experiment',
          parameter: '--out',
          value: path,
          expected: `a CSV with header '${header}' to resume (or pass --fresh, or another --out)`,
        });
      // Only complete lines (terminated by a newline) with the right number of cells count.
      const complete = lines.slice(1, -1);
      for (const line of complete) {
        const cells = line.split(',');
        if (cells.length !== columns.length) break;
        this.existing.push(Object.fromEntries(columns.map((c, i) => [c, cells[i]!])));
      }
      // Rewrite what is valid, so a torn last line cannot corrupt later appends.
      writeOutput(
        path,
        `${[header, ...this.existing.map((r) => columns.map((c) => escapeCell(r[c]!)).join(','))].join('\n')}\n`,
      );
    } else writeOutput(path, `${header}\n`);
  }

  /** Appends one row (values for every column). */
  append(row: CsvRow): void {
    appendFileSync(this.path, `${this.columns.map((c) => escapeCell(row[c] ?? '')).join(',')}\n`);
  }
}
