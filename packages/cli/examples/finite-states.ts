// A small finite-states sweep (P2) of the shipped MLP on 128 MNIST test images: 2 vs 8 conductance states.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSummaryTable, runSweep } from '../src/index';

const out = mkdtempSync(join(tmpdir(), 'memsim-experiment-'));
const report = await runSweep('finite-states', {
  arch: 'mlp',
  limit: 128,
  points: [{ states: 2 }, { states: 8 }],
  seed: 1,
  out,
  progress: null,
});
console.log(`${report.title}\ndigital: ${(100 * report.digitalAccuracy).toFixed(2)} %`);
console.log(formatSummaryTable(report));
console.log(`CSV: ${report.csv}`);
