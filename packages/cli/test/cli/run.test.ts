import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countMarks } from '@memsim/plot';
import { tourStops } from '../../src/index';
import { runCli, tempDir } from '../helpers';

describe('memsim run (small slice)', () => {
  it('writes the report, CSVs and PNGs and prints the summary table', async () => {
    const out = tempDir();
    const r = await runCli(['run', '--out', out, '--limit', '64', '--seeds', '2', '--workers', '1', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^study\s+setting\s+accuracy/);
    expect(r.stdout).toMatch(/digital\s+cnn\s+9\d\.\d\d %/);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(10 + 1 + tourStops(2).length);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.memristive).toBe(true);
    const studies = new Set(summary.rows.map((row: { study: string }) => row.study.split(' ')[0]));
    expect([...studies].sort()).toEqual([
      'adc',
      'digital',
      'drift',
      'faults',
      'finite-states',
      'line-resistance',
      'programming-noise',
      'states-faults',
      'states-ratio',
      'tutorial',
      'variability',
    ]);
    for (const row of summary.rows) expect(row.accuracy).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(out, 'devices', 'VTEAM-hysteresis.png'))).toBe(true);
    expect(existsSync(join(out, 'studies', 'variability-cnn.csv'))).toBe(true);
    expect(existsSync(join(out, 'studies', 'drift-cnn.svg'))).toBe(true);
    expect(existsSync(join(out, 'studies', 'programming-noise-cnn.svg'))).toBe(true);
    expect(countMarks(readFileSync(join(out, 'heatmap.svg'), 'utf8')).rect).toBe(2 * 32 * 32);
  }, 120_000);
});
