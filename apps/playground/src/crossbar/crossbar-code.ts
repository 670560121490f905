import type { CrossbarSettings } from './crossbar-compute';

/** The memsim TypeScript program that computes what the crossbar lab shows for `s`. */
export function crossbarCode(s: CrossbarSettings): string {
  const lines: string[] = [];
  const weights =
    s.source === 'random'
      ? `const rng = createRng(${s.seed});
const w = { rows: ${s.rows}, cols: ${s.cols}, data: Float64Array.from({ length: ${s.rows * s.cols} }, () => rng.normal() * 0.5) };`
      : `// ${s.source}/kernel of the CNN shipped in @memsim/cli (models/cnn); load it with @memsim/layers/node or tfjs,
// and flatten a conv kernel with @memsim/layers' flattenConvKernel(kernel, shape, { rowOrder: 'channels-last' })[0].
declare const w: { rows: number; cols: number; data: Float64Array };`;
  const params =
    s.sigma > 0
      ? `{ rOn: normal({ mean: ${s.rOn}, std: ${s.sigma * s.rOn}, min: ${s.rOn * 0.05} }), rOff: normal({ mean: ${s.rOff}, std: ${s.sigma * s.rOff}, min: ${s.rOn * 1.5} }) }`
      : `{ rOn: ${s.rOn}, rOff: ${s.rOff} }`;
  const list: string[] = [];
  if (s.states > 0) list.push(`{ kind: 'finiteConductanceStates', states: ${s.states} }`);
  if (s.lrs > 0 || s.hrs > 0)
    list.push(`{ kind: 'deviceFaults', lrsProportion: ${s.lrs}, hrsProportion: ${s.hrs}, seed: ${s.seed + 7919} }`);
  if (s.enduranceCycles > 0)
    list.push(
      `{ kind: 'endurance', cycles: ${s.enduranceCycles}, mode: 'gradual', pLrs: [1000, 0.1, 0, 0.1], pHrs: [1000, 0.1, 0, -0.1] }`,
    );
  if (s.retentionTime > 0)
    list.push(`{ kind: 'retention', model: 'conductanceDrift', time: ${1 + s.retentionTime}, initialTime: 1 }`);
  lines.push(`import { createRng } from '@memsim/core';
import { initCrossbars, irDropReport, mvm } from '@memsim/crossbar';
import { ${s.sigma > 0 ? 'normal, VTEAM' : 'VTEAM'} } from '@memsim/devices';
import { applyNonidealities } from '@memsim/nonideality';

${weights}
const mapped = initCrossbars(w, {
  model: VTEAM,
  params: ${params},
  scheme: 'double-column',
  tileShape: [${s.tile}, ${s.tile}],
  seed: ${s.seed},
});
applyNonidealities(mapped.crossbars, [${list.join(', ')}]);
const inputRng = createRng(${s.seed + 1});
const x = Float32Array.from({ length: w.rows }, () => ${s.input === 'ones' ? '1' : 'inputRng.uniform()'});
const y = mvm(x, 1, mapped, { mode: 'tiled', tileShape: [${s.tile}, ${s.tile}]${s.adcBits > 0 ? `, adc: { bits: ${s.adcBits}, overflowRate: 0, method: 'linear' }` : ''} });
console.log('hardware output (weight units):', Array.from(y.subarray(0, 4)));

// IR drop: the first tile of G⁺ as a passive circuit
const g = mapped.crossbars[0]!;
const t = Math.min(${s.tile}, g.rows);
const u = Math.min(${s.tile}, g.cols);
const tile = { rows: t, cols: u, data: Float64Array.from({ length: t * u }, (_, k) => g.conductance[Math.floor(k / u) * g.cols + (k % u)]!) };
const report = irDropReport(tile, Array.from(x.subarray(0, t)), { sourceResistance: ${s.sourceResistance}, lineResistance: ${s.lineResistance} });
console.log('worst output error from IR drop:', report.maxAbsRelativeError);
`);
  return lines.join('\n');
}
