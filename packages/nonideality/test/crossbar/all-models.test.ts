import { expectClose } from '@memsim/core/testing';
import type { CrossbarOptions } from '@memsim/crossbar';
import {
  DataDriven,
  DataDriven2021,
  LinearIonDrift,
  StanfordPKU,
  VTEAM,
  conductanceRange,
  normal,
} from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { applyNonidealities } from '../../src/index';
import { makeCrossbar, readDevices } from './make-crossbar';

describe.each([
  ['VTEAM', VTEAM],
  ['LinearIonDrift', LinearIonDrift],
  ['DataDriven', DataDriven],
  ['DataDriven2021', DataDriven2021],
  ['StanfordPKU', StanfordPKU],
] as const)('every non-ideality on %s crossbars', (_name, model) => {
  it('writes device states consistent with the matrix', () => {
    const xbar = makeCrossbar({
      rows: 6,
      cols: 5,
      tileShape: [4, 4],
      model: model as CrossbarOptions['model'],
      seed: 2,
    });
    const { gMin, gMax } = conductanceRange(xbar.population);
    const rOn = 1 / gMax[0]!;
    const rOff = 1 / gMin[0]!;
    applyNonidealities(xbar, [
      {
        kind: 'cycleVariability',
        rOn: normal({ mean: rOn, std: rOn / 20 }),
        rOff: normal({ mean: rOff, std: rOff / 20 }),
        seed: 1,
      },
      { kind: 'deviceFaults', lrsProportion: 0.1, hrsProportion: 0.1, seed: 2 },
      { kind: 'finiteConductanceStates', states: 5 },
      { kind: 'retention', time: 10, initialTime: 1, driftCoefficient: 0.05 },
      {
        kind: 'endurance',
        cycles: 1e4,
        mode: 'gradual',
        pLrs: [100, 0.1, 0.5, 0.05],
        pHrs: [100, 0.1, 0.5, -0.05],
        temperature: 350,
      },
    ]);
    const dev = readDevices(xbar);
    const cells = Array.from({ length: 30 }, (_, cell) => dev[xbar.deviceIndex(Math.floor(cell / 5), cell % 5)]!);
    expectClose(cells, xbar.conductance, { rtol: 1e-9 });
    for (const g of xbar.conductance) expect(g > 0 && Number.isFinite(g)).toBe(true);
  });
});
