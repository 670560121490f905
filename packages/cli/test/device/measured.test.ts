import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VTEAM, createPopulation, normal } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

/** VTEAM pulse trains (100 SET, 100 RESET pulses) with 10 % cycle-to-cycle spread, as a measurement CSV. */
function measuredCsv(cycles: number): string {
  const pop = createPopulation(
    VTEAM,
    cycles,
    { kOn: normal({ mean: -10, std: 1 }), kOff: normal({ mean: 5e-4, std: 5e-5 }), xOn: 3e-9 },
    { seed: 1 },
  );
  const g = new Float64Array(cycles);
  const lines = ['# VTEAM pulse trains', 'cycle,pulse,polarity,conductance'];
  for (let k = 0; k <= 200; k++) {
    if (k > 0) pop.model.step(pop, k <= 100 ? -0.25 : 1, k <= 100 ? 2e-10 : 1.2e-9);
    pop.model.conductance(pop, g);
    for (let c = 0; c < cycles; c++) lines.push(`${c},${k},${k === 0 ? 0 : k <= 100 ? 1 : -1},${g[c]}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('memsim device --measured', () => {
  it('fits the measured pulse trains and plots the fit against the data', async () => {
    const dir = tempDir();
    const file = join(dir, 'vteam.csv');
    writeFileSync(file, measuredCsv(200));
    const r = await runCli(['device', '--measured', file, '--out', dir, '--json', '--no-png']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.cycles).toBe(200);
    expect(json.maxMeanError).toBeLessThan(0.05);
    expect(Math.abs(json.spreadRatio - 1)).toBeLessThan(0.15);
    const csv = readFileSync(join(dir, 'vteam-fit.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('pulse,dataMean,dataStd,fitMean,fitStd');
    expect(csv.length).toBe(203);
    expect(readFileSync(join(dir, 'vteam-fit.svg'), 'utf8').startsWith('<svg')).toBe(true);
  });

  it('a bad CSV fails with the file and line', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'cycle,pulse,polarity,conductance\n1,0,0,1e-3\n1,1,1,-1\n');
    const r = await runCli(['device', '--measured', file, '--out', dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/bad\.csv, line 3.*conductance/);
    const missing = await runCli(['device', '--measured', join(dir, 'nope.csv')]);
    expect(missing.stderr).toMatch(/--measured/);
  });
});
