import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countMarks } from '@memsim/plot';
import { type SweepPoint, experimentColumns, getExperiment, runSweep } from '../../src/index';
import { runCli, tempDir } from '../helpers';

const LIMIT = 256;
const common = { arch: 'mlp', limit: LIMIT, seed: 3, png: false, progress: null };

function csvRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [cols[i]!, c])));
}

async function sweep(name: string, points: SweepPoint[], seeds = 1, extra: Record<string, unknown> = {}) {
  const out = tempDir();
  const report = await runSweep(name, { ...common, points, seeds, out, ...extra });
  const rows = csvRows(report.csv);
  expect(Object.keys(rows[0]!)).toEqual(experimentColumns(getExperiment(name)));
  for (const r of rows) {
    expect(Number(r.samples)).toBe(report.samples);
    const acc = Number(r.accuracy);
    expect(acc).toBeGreaterThanOrEqual(0);
    expect(acc).toBeLessThanOrEqual(1);
  }
  expect(report.svg.startsWith('<svg')).toBe(true);
  expect(report.digitalAccuracy).toBeGreaterThan(0.95);
  return { report, rows, acc: report.summary.map((s) => s.mean), out };
}

describe('experiments end to end (MLP, 256 test images, 2 sweep points)', () => {
  it('tutorial: memristive within 1 % of digital', async () => {
    const { report, acc } = await sweep('tutorial', [{ variant: 'digital' }, { variant: 'memristive' }]);
    expect(acc[0]).toBe(report.digitalAccuracy);
    expect(Math.abs(acc[1]! - acc[0]!)).toBeLessThanOrEqual(0.01);
    expect(countMarks(report.svg).bar).toBe(2);
  });
  it('variability: accuracy falls as σ rises', async () => {
    const { report, acc } = await sweep('variability', [{ sigma: 0 }, { sigma: 80 }], 2);
    expect(Math.abs(acc[0]! - report.digitalAccuracy)).toBeLessThanOrEqual(0.01);
    expect(acc[1]!).toBeLessThan(acc[0]! - 0.1);
    expect(report.summary[1]!.n).toBe(2);
    expect(countMarks(report.svg)).toMatchObject({ line: 1, point: 2, rule: 4 });
  });
  it('finite-states: more states is not worse', async () => {
    const { acc } = await sweep('finite-states', [{ states: 2 }, { states: 8 }]);
    expect(acc[1]!).toBeGreaterThanOrEqual(acc[0]! - 0.02);
    expect(acc[1]!).toBeGreaterThan(0.9);
  });
  it('faults: accuracy falls as the failure rate rises', async () => {
    const { acc } = await sweep('faults', [
      { kind: 'LRS', rate: 0 },
      { kind: 'LRS', rate: 0.25 },
    ]);
    expect(acc[1]!).toBeLessThan(acc[0]! - 0.1);
  });
  it('states-ratio: more states is not much worse', async () => {
    const { acc } = await sweep('states-ratio', [
      { sigma: 0, ratio: 32, states: 2 },
      { sigma: 0, ratio: 32, states: 8 },
    ]);
    expect(acc[1]!).toBeGreaterThanOrEqual(acc[0]! - 0.02);
  });
  it('states-faults: accuracy falls with the failure rate', async () => {
    const { acc } = await sweep('states-faults', [
      { sigma: 0, kind: 'both', rate: 0, states: 8 },
      { sigma: 0, kind: 'both', rate: 0.25, states: 8 },
    ]);
    expect(acc[1]!).toBeLessThan(acc[0]! - 0.1);
  });
  it('adc: more bits is not worse', async () => {
    const { acc } = await sweep('adc', [
      { tile: '128x128', bits: 2 },
      { tile: '128x128', bits: 8 },
    ]);
    expect(acc[1]!).toBeGreaterThanOrEqual(acc[0]! - 0.02);
    expect(acc[1]!).toBeGreaterThan(0.95);
  });
  it('line-resistance: passive read-out stays accurate for small wire resistance (32 images)', async () => {
    const { acc } = await sweep(
      'line-resistance',
      [
        { tile: 32, lineResistance: 1 },
        { tile: 32, lineResistance: 50 },
      ],
      1,
      { limit: 32 },
    );
    expect(acc[0]!).toBeGreaterThan(0.9);
    expect(acc[1]!).toBeLessThanOrEqual(acc[0]! + 0.05);
  });
});

describe('determinism', () => {
  it('same seed → same CSV whatever the worker count', async () => {
    const points = [{ sigma: 0 }, { sigma: 60 }];
    const one = await sweep('variability', points, 2, { workers: 1 });
    const two = await sweep('variability', points, 2, { workers: 2 });
    expect(readFileSync(two.report.csv, 'utf8')).toBe(readFileSync(one.report.csv, 'utf8'));
  });
  it('resuming after an interruption gives the CSV of an uninterrupted run', async () => {
    const points = [
      { kind: 'HRS', rate: 0 },
      { kind: 'HRS', rate: 0.2 },
    ];
    const whole = await sweep('faults', points, 2);
    const expected = readFileSync(whole.report.csv, 'utf8');
    const out = tempDir();
    await runSweep('faults', { ...common, points, seeds: 2, out });
    // "Interrupted" after the first point: the CSV holds its rows only; the rerun resumes.
    const csv = join(out, 'faults-mlp.csv');
    writeFileSync(csv, `${expected.split('\n').slice(0, 3).join('\n')}\n`);
    const resumed = await runSweep('faults', { ...common, points, seeds: 2, out });
    expect(resumed.resumed).toBe(2);
    expect(resumed.ran).toBe(2);
    expect(readFileSync(resumed.csv, 'utf8')).toBe(expected);
  });
  it('the command prints JSON with --json and writes the CSV under --out', async () => {
    const out = tempDir();
    const r = await runCli([
      'experiment',
      'finite-states',
      '--arch',
      'mlp',
      '--limit',
      '64',
      '--out',
      out,
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.summary).toHaveLength(getExperiment('finite-states').grid('quick').length);
    expect(csvRows(json.csv)).toHaveLength(json.summary.length);
  });
});
