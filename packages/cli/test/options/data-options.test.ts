import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, loadNpyDataset, parseCsv, readCsv } from '../../src/index';
import { tempDir } from '../helpers';
import { writeNpy } from '../npy-writer';
import { type OptionCase, expectRejected, unknownKey } from './cases';

// Issue 20: the data loaders resolve their options through core's resolveOptions and a schema typed against their
// options interface: an unknown key is rejected naming it and every allowed key, and each bad value is an
// InvalidParameterError naming the option, the value and what is allowed, before any file is read.
const dir = tempDir('memsim-options-data-');
const csv = join(dir, 'table.csv');
writeFileSync(csv, 'id,v\nr1,2\nr2,3\n');
const x = writeNpy(join(dir, 'x.npy'), '<f4', [3, 2], new Float32Array([0, 1, 1, 0, 0.5, 0.5]));
const y = writeNpy(join(dir, 'y.npy'), '<i4', [3], new Int32Array([0, 1, 2]));

const parseCsvCases: OptionCase[] = [
  [
    'unknown key',
    () => parseCsv('a\n1\n', { sources: 'x.csv' } as never),
    unknownKey('parseCsv', 'sources', ['source', 'dropColumns'], 'source'),
  ],
  [
    'source: a number',
    () => parseCsv('a\n1\n', { source: 3 as never }),
    /`source` must be a non-empty name.*received 3/,
  ],
  ['source: empty', () => parseCsv('a\n1\n', { source: '' }), /`source` must be a non-empty name.*received ''/],
  [
    'dropColumns: not an array',
    () => parseCsv('a\n1\n', { dropColumns: 'a' as never }),
    /`dropColumns` must be an array of column names or 0-based column indices; received 'a'/,
  ],
  [
    'dropColumns: a negative index',
    () => parseCsv('a\n1\n', { dropColumns: [-1] }),
    /`dropColumns\[0\]` must be a column name or a 0-based column index.*received -1/,
  ],
  [
    'dropColumns: a fractional index',
    () => parseCsv('a\n1\n', { dropColumns: ['a', 1.5] }),
    /`dropColumns\[1\]` must be .*received 1\.5/,
  ],
  ['options: null', () => parseCsv('a\n1\n', null as never), /`options` must be an options object; received null/],
];

const readCsvCases: OptionCase[] = [
  [
    'unknown key (source is the path)',
    () => readCsv(csv, { source: 'x' } as never),
    unknownKey('readCsv', 'source', ['dropColumns']),
  ],
  [
    'dropColumns: an object',
    () => readCsv(csv, { dropColumns: {} as never }),
    /^readCsv: `dropColumns` must be an array/,
  ],
];

const loadDatasetCases: OptionCase[] = [
  [
    'unknown key',
    () => loadDataset({ split: 'test', limt: 5 } as never),
    unknownKey('loadDataset', 'limt', ['dataset', 'data', 'split', 'limit', 'labels', 'classes'], 'limit'),
  ],
  [
    'dataset: unknown name',
    () => loadDataset({ dataset: 'svhn' as never }),
    /`dataset` must be one of 'mnist', 'fashion-mnist', 'cifar10'; received 'svhn'/,
  ],
  [
    'data: a number',
    () => loadDataset({ data: 5 as never }),
    /`data` must be a path to an IDX directory, a CSV file or a \.npy file; received 5/,
  ],
  ['data: empty', () => loadDataset({ data: '' }), /`data` must be a path to an IDX directory/],
  [
    'data: missing file (explicit check)',
    () => loadDataset({ data: join(dir, 'nope') }),
    /`data` must be an existing IDX directory or CSV file/,
  ],
  ['split', () => loadDataset({ split: 'val' as never }), /`split` must be one of 'train', 'test'; received 'val'/],
  [
    'limit: 0',
    () => loadDataset({ limit: 0 }),
    /`limit` must be a positive integer \(or Infinity: every sample\); received 0/,
  ],
  ['limit: fractional', () => loadDataset({ limit: 2.5 }), /`limit` must be a positive integer .*received 2\.5/],
  [
    'limit: a string',
    () => loadDataset({ limit: '10' as never }),
    /`limit` must be a positive integer .*received '10'/,
  ],
  ['limit: NaN', () => loadDataset({ limit: Number.NaN }), /`limit` must be a positive integer .*received NaN/],
  [
    'labels: a number',
    () => loadDataset({ data: x, labels: 7 as never }),
    /`labels` must be a path to a \.npy label vector; received 7/,
  ],
  [
    'classes: 0',
    () => loadDataset({ data: x, labels: y, classes: 0 }),
    /`classes` must be a positive integer.*received 0/,
  ],
  ['options: an array', () => loadDataset([] as never), /`options` must be an options object/],
];

const loadNpyCases: OptionCase[] = [
  [
    'unknown key',
    () => loadNpyDataset({ data: x, labels: y, limits: 2 } as never),
    unknownKey('loadNpyDataset', 'limits', ['data', 'labels', 'limit', 'classes'], 'limit'),
  ],
  [
    'data: missing',
    () => loadNpyDataset({ labels: y } as never),
    /`data` must be a path to a \.npy input array; received undefined/,
  ],
  [
    'labels: a number',
    () => loadNpyDataset({ data: x, labels: 7 as never }),
    /`labels` must be a path to a \.npy label vector; received 7/,
  ],
  [
    'limit: negative',
    () => loadNpyDataset({ data: x, labels: y, limit: -1 }),
    /`limit` must be a positive integer .*received -1/,
  ],
  [
    'classes: fractional',
    () => loadNpyDataset({ data: x, labels: y, classes: 1.5 }),
    /`classes` must be a positive integer.*received 1\.5/,
  ],
  [
    'options: missing',
    () => loadNpyDataset(undefined as never),
    /`data` must be a path to a \.npy input array; received undefined/,
  ],
];

describe('data loader options (issue 20)', () => {
  it.each(parseCsvCases)('parseCsv rejects %s', (_label, call, message) => expectRejected('parseCsv', call, message));
  it.each(readCsvCases)('readCsv rejects %s', (_label, call, message) => expectRejected('readCsv', call, message));
  it.each(loadDatasetCases)('loadDataset rejects %s', (_label, call, message) =>
    expectRejected('loadDataset', call, message),
  );
  it.each(loadNpyCases)('loadNpyDataset rejects %s', (_label, call, message) =>
    expectRejected('loadNpyDataset', call, message),
  );

  it('parseCsv and readCsv: given options apply, absent ones take their defaults', () => {
    const t = parseCsv('id,v\n"r,1",2\nr2,3\n', { source: 'ids.csv', dropColumns: ['id'] });
    expect(t.header).toEqual(['v']);
    expect(Array.from(t.data)).toEqual([2, 3]);
    expect(parseCsv('id,v\nr1,2\n', { dropColumns: [0] }).header).toEqual(['v']);
    expect(parseCsv('a,b\n1,2\n').header).toEqual(['a', 'b']); // dropColumns: none
    expect(() => parseCsv('a\nx\n', { source: 'mine.csv' })).toThrow(/`mine\.csv` must be numbers in column `a`/);
    expect(() => parseCsv('a\nx\n')).toThrow(/`CSV` must be numbers/); // source: 'CSV'
    expect(readCsv(csv, { dropColumns: ['id'] }).header).toEqual(['v']);
  });

  it('loadDataset: the embedded MNIST with the default and a given split and limit', () => {
    const test = loadDataset({ limit: 5 });
    expect([test.name, test.count, test.features, test.classes]).toEqual(['mnist', 5, 784, 8]); // max label 7, + 1
    expect(Array.from(test.y)).toEqual([7, 2, 1, 0, 4]); // split: 'test' by default
    expect(Array.from(loadDataset({ dataset: 'mnist', split: 'train', limit: 5 }).y)).toEqual([5, 0, 4, 1, 9]);
    expect(loadDataset({ data: x, labels: y, limit: Number.POSITIVE_INFINITY, classes: 4 }).classes).toBe(4);
  });

  it('loadNpyDataset: given options apply, absent ones take their defaults', () => {
    const all = loadNpyDataset({ data: x, labels: y });
    expect([all.count, all.features, all.classes]).toEqual([3, 2, 3]);
    const some = loadNpyDataset({ data: x, labels: y, limit: 2, classes: 5 });
    expect([some.count, some.classes, Array.from(some.y)]).toEqual([2, 5, [0, 1]]);
  });
});
