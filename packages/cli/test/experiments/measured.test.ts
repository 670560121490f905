import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { patchOptions, readMeasuredSource, runSweep } from '../../src/index';
import { getExperiment } from '../../src/index';
import { runCli, tempDir } from '../helpers';

/**
 * Pulse trains of a saturating device, 1e-4 … 1e-3 S: 60 potentiation then 60 depression pulses per cycle, each
 * cycle a little faster than the one before (the cycle-to-cycle spread).
 */
function pulseCsv(cycles = 3): string {
  const lines = ['cycle,pulse,polarity,conductance'];
  for (let c = 0; c < cycles; c++) {
    const rate = (1 + 0.1 * c) / 15;
    let g = 1e-4;
    lines.push(`${c},0,0,${g}`);
    for (let k = 1; k <= 120; k++) {
      const up = k <= 60;
      g += up ? (1e-3 - g) * rate : -(g - 1e-4) * rate;
      lines.push(`${c},${k},${up ? 1 : -1},${g}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function writeCsv(text: string, name = 'pulses.csv'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

describe('studies on a measured device (--measured)', () => {
  it('every trial patches onto the fitted model: its measured range, its spread, the rest of the study hardware', () => {
    const source = readMeasuredSource(writeCsv(pulseCsv()));
    const hardware = getExperiment('programming-noise').hardware({ model: 'pcm', scale: 1 })!;
    const config = patchOptions({ ...hardware, measured: source }, 1);
    const o = { model: config.device!.model, params: config.device!.params!, tileShape: config.mapping?.tileShape };
    expect(o.model.name).toBe('Measured');
    // rOn/rOff from the data's extreme readings (not the study's VTEAM values), and the spread as a distribution.
    const gMax = Math.max(
      ...pulseCsv()
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => Number(l.split(',')[3])),
    );
    expect(o.params.rOn).toBeCloseTo(1 / gMax, 9);
    expect(o.params.rOff).toBeCloseTo(1e4, 6);
    expect(typeof o.params.setScale).toBe('object');
    expect(o.tileShape).toEqual(patchOptions(hardware, 1).mapping?.tileShape);
  });

  it('a sweep on the measured device keeps digital accuracy without noise; its CSV and inputs record name the device', async () => {
    const csv = pulseCsv();
    const measured = readMeasuredSource(writeCsv(csv));
    const out = tempDir();
    const report = await runSweep('programming-noise', {
      arch: 'mlp',
      limit: 128,
      seed: 2,
      png: false,
      progress: null,
      points: [{ model: 'pcm', scale: 0 }],
      seeds: 1,
      out,
      measured,
    });
    expect(report.csv).toMatch(/programming-noise-mlp-measured-pulses\.csv$/);
    expect(report.summary[0]!.mean).toBeGreaterThan(report.digitalAccuracy - 0.03);
    const record = JSON.parse(readFileSync(report.csv.replace(/\.csv$/, '.inputs.json'), 'utf8'));
    expect(record.device).toBe(createHash('sha256').update(csv).digest('hex'));
  }, 120_000);

  it('the command takes --measured, and refuses bad data naming the file and line, and a queue', async () => {
    const out = tempDir();
    const args = ['experiment', 'programming-noise', '--arch', 'mlp', '--limit', '16', '--seeds', '1', '--out', out];
    const ok = await runCli([...args, '--measured', writeCsv(pulseCsv()), '--workers', '2', '--json', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).csv).toMatch(/programming-noise-mlp-measured-pulses\.csv$/);
    const bad = pulseCsv().replace('\n1,5,1,', '\n1,3,1,'); // pulse numbers that do not increase in cycle 1
    const refused = await runCli([...args, '--measured', writeCsv(bad, 'bad.csv'), '--quiet']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.csv, line 128.*`pulse`/);
    const missing = await runCli([...args, '--measured', join(out, 'nope.csv'), '--quiet']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--measured.*readable CSV file.*nope\.csv/);
    const queued = await runCli([
      ...args,
      '--measured',
      writeCsv(pulseCsv()),
      '--queue',
      'redis://127.0.0.1:1',
      '--quiet',
    ]);
    expect(queued.code).toBe(1);
    expect(queued.stderr).toMatch(/--measured.*without --queue/);
  }, 120_000);
});
