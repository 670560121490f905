import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

// Issue 19: `memsim train --data x.csv` reported "test accuracy" on its own training rows. A single file is now split
// (its last rows held out) or tested on --test-data, and the output says which samples were used.
function writeCsv(path: string, rows: number, offset = 0): void {
  const lines = ['label,a,b,c,d'];
  for (let i = 0; i < rows; i++) {
    const label = (i + offset) % 2;
    lines.push([label, label, 1 - label, 0.5, (i % 7) / 7].join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('memsim train with a single data file', () => {
  it('holds out the last --test-fraction rows and says so', async () => {
    const dir = tempDir();
    const csv = join(dir, 'x.csv');
    writeCsv(csv, 50);
    const r = await runCli([
      'train',
      '--arch',
      'mlp',
      '--data',
      csv,
      '--epochs',
      '1',
      '--out',
      dir,
      '--json',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [result] = JSON.parse(r.stdout);
    expect(result.testSamples).toBe(10);
    expect(result.trainSamples).toBe(40);
    expect(result.split).toBe(`held out: samples 41–50 of ${csv} (trained on samples 1–40)`);
    const meta = JSON.parse(readFileSync(join(dir, 'mlp', 'model.json'), 'utf8')).userDefinedMetadata.memsim;
    expect(meta.trainSamples).toBe(40);
    expect(meta.testSamples).toBe(10);
  }, 60_000);

  it('tests on --test-data when given, and refuses --test-data with a built-in set', async () => {
    const dir = tempDir();
    const csv = join(dir, 'train.csv');
    const testCsv = join(dir, 'test.csv');
    writeCsv(csv, 30);
    writeCsv(testCsv, 12, 1);
    const r = await runCli([
      'train',
      '--arch',
      'mlp',
      '--data',
      csv,
      '--test-data',
      testCsv,
      '--epochs',
      '1',
      '--out',
      dir,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`on 12 samples of ${testCsv.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(trained on 30 samples`),
    );
    const bad = await runCli(['train', '--arch', 'mlp', '--test-data', testCsv, '--out', dir, '--quiet']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/`--test-data` must be given only with a single-file --data/);
  }, 60_000);
});
