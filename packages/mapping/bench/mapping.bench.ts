// Benchmarks of @memsim/mapping: naiveMap on a 4096 × 1024 Dense kernel (4.19 M weights), the other routines,
// input encoding and calibration. Setup stays outside the timed region; each result is checked.
import { createRng } from '@memsim/core';
import { reportFigure, rssMegabytes, timeMedian } from '@memsim/core/testing';
import { calibrate, levelsMapping, naiveMap, perColumnMapping, scaleInput } from '../src/index';

const rows = 4096;
const cols = 1024;
const n = rows * cols;
const data = new Float32Array(n);
createRng(1).fillNormal(data, 0, 0.05);
const weights = { rows, cols, data };
const device = { rOn: 100, rOff: 16000 };

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`mapping bench: ${what}`);
}

function mWeightsPerSecond(name: string, fn: () => Float64Array, target?: string): void {
  const seconds = timeMedian(
    () => {
      const g = fn();
      check(g.length === n && g[0]! > 0, name);
      return g;
    },
    { minTimeMs: 1500, minIterations: 5 },
  );
  reportFigure({
    name: `mapping::${name}`,
    value: n / seconds / 1e6,
    unit: 'M weights/s',
    ...(target ? { target } : {}),
  });
}

mWeightsPerSecond(
  'naiveMap-double-4096x1024',
  () => naiveMap(weights, { ...device, scheme: 'double-column' })[0]!.data,
);
mWeightsPerSecond(
  'naiveMap-single-4096x1024',
  () => naiveMap(weights, { ...device, scheme: 'single-column' })[0]!.data,
);
mWeightsPerSecond(
  'naiveMap-double-pL0.05-4096x1024',
  () => naiveMap(weights, { ...device, scheme: 'double-column', pL: 0.05 })[0]!.data,
);
mWeightsPerSecond(
  'perColumnMapping-double-4096x1024',
  () => perColumnMapping(weights, { ...device, scheme: 'double-column' }).conductances[0]!.data,
);
mWeightsPerSecond(
  'levelsMapping-64-double-4096x1024',
  () => levelsMapping(weights, { ...device, scheme: 'double-column', levels: 64 }).conductances[0]!.data,
);

// Input encoding: a batch of 256 samples × 4096 inputs (Float32 activations), per sample.
const x = new Float32Array(256 * 4096);
createRng(2).fillUniform(x, -3, 3);
const tEncode = timeMedian(() => {
  const r = scaleInput(x, { maxInputVoltage: 0.5, per: 'sample', batch: 256 });
  check(r.scale.length === 256, 'scaleInput');
  return r;
});
reportFigure({ name: 'mapping::scaleInput-sample-256x4096', value: x.length / tEncode / 1e6, unit: 'M inputs/s' });

// Calibration: 1 M raw/reference output pairs, 256 columns.
const raw = new Float64Array(2 ** 20);
createRng(3).fillUniform(raw, -1, 1);
const reference = raw.map((v) => 1.7 * v - 0.2);
const tCal = timeMedian(() => {
  const c = calibrate(raw, reference, { perColumn: true, cols: 256 });
  check(Math.abs(c.slope[0]! - 1.7) < 1e-9, 'calibrate');
  return c;
});
reportFigure({ name: 'mapping::calibrate-perColumn-1M', value: raw.length / tCal / 1e6, unit: 'M outputs/s' });
reportFigure({ name: 'mapping::peak-rss', value: rssMegabytes(), unit: 'MB' });
