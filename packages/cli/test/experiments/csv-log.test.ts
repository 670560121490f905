import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvLog } from '../../src/index';
import { columnsToCsv } from '../../src/internal/files';
import { tempDir } from '../helpers';

// Cells a hand-rolled writer gets wrong: separators, quotes, line breaks (LF, CRLF, lone CR), edge spaces, empty.
const AWKWARD = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', 'lone\rcr', ' padded ', '', '"', ',\n"'];

describe('CSV writing (csv-stringify) reads back through csv-parse', () => {
  it('CsvLog.append: every awkward cell round-trips exactly', () => {
    const path = join(tempDir(), 'log.csv');
    const columns = ['name', 'note'];
    const log = new CsvLog(path, columns);
    for (const cell of AWKWARD) log.append({ name: cell, note: `${cell}|${cell}` });
    const records = parse(readFileSync(path, 'utf8')) as string[][];
    expect(records[0]).toEqual(columns);
    expect(records.slice(1)).toEqual(AWKWARD.map((cell) => [cell, `${cell}|${cell}`]));
  });

  it('CsvLog resume: awkward cells are read back and rewritten unchanged, then appends continue', () => {
    const path = join(tempDir(), 'log.csv');
    const first = new CsvLog(path, ['a', 'b']);
    for (const cell of AWKWARD) first.append({ a: cell, b: 'x' });
    const resumed = new CsvLog(path, ['a', 'b']);
    expect(resumed.existing.map((r) => r.a)).toEqual(AWKWARD);
    resumed.append({ a: 'after,resume', b: 'y\nz' });
    const records = parse(readFileSync(path, 'utf8')) as string[][];
    expect(records.slice(1).map((r) => r[0])).toEqual([...AWKWARD, 'after,resume']);
    expect(records.at(-1)).toEqual(['after,resume', 'y\nz']);
  });

  it('CsvLog still refuses a CRLF file (line ends, not a CR inside a quoted cell)', () => {
    const path = join(tempDir(), 'crlf.csv');
    writeFileSync(path, 'a,b\r\n1,2\r\n');
    expect(() => new CsvLog(path, ['a', 'b'])).toThrow(/CRLF/);
  });

  it('columnsToCsv: header and numbers in shortest round-trip form, striding keeps the last sample', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i / 3);
    const records = parse(columnsToCsv({ 'x,odd "name"': x, y: x.map((v) => -v) }, 4)) as string[][];
    expect(records[0]).toEqual(['x,odd "name"', 'y']);
    const xs = records.slice(1).map((r) => Number(r[0]));
    expect(xs).toEqual([0, 3, 6, 9].map((i) => x[i]!));
    expect(records.slice(1).every((r) => Number(r[1]) === -Number(r[0]))).toBe(true);
  });
});
