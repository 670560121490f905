import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import { formatCsv } from './csv-text';

/** Writes a file, creating its directory; an unwritable path becomes a one-line InvalidParameterError. */
export function writeOutput(path: string, content: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  } catch (error) {
    throw new InvalidParameterError({
      where: 'memsim',
      parameter: '--out',
      value: path,
      expected: `a writable path (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    });
  }
}

/**
 * Formats columns as CSV text through csv-stringify (header line, then one line per row; numbers in shortest round-trip form). With
 * `maxRows`, longer columns are strided evenly (the last sample is always kept).
 */
export function columnsToCsv(columns: Record<string, ArrayLike<number>>, maxRows = Number.POSITIVE_INFINITY): string {
  const names = Object.keys(columns);
  const n = names.length === 0 ? 0 : columns[names[0]!]!.length;
  const stride = Math.max(1, Math.ceil(n / maxRows));
  const row = (i: number) => names.map((c) => String(columns[c]![i]));
  const rows = [names];
  for (let i = 0; i < n; i += stride) rows.push(row(i));
  if (stride > 1 && (n - 1) % stride !== 0) rows.push(row(n - 1));
  return formatCsv(rows);
}
