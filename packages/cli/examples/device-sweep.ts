// Hysteresis loop and bipolar switching of VTEAM with its defaults: CSV, SVG and PNG in a temporary directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeviceSweep } from '../src/index';

const out = mkdtempSync(join(tmpdir(), 'memsim-device-'));
const r = await runDeviceSweep('VTEAM', { seed: 1, out });
console.log(
  `${r.model}: ${r.samples} samples, peak |I| = ${r.peakCurrent.toExponential(3)} A, loop area = ${r.loopArea.toExponential(3)} W`,
);
console.log(`files: ${r.files.join(', ')}`);
