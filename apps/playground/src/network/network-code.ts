import { EVAL_BATCH, type NetworkSettings, R_OFF, R_ON, SOURCE_RESISTANCE } from './network-settings';

/** The memsim TypeScript program (Node) that measures what the network lab shows for `s`. */
export function networkCode(s: NetworkSettings): string {
  const params =
    s.sigma > 0
      ? `{ rOn: normal({ mean: ${R_ON}, std: ${s.sigma}, min: 1 }), rOff: normal({ mean: ${R_OFF}, std: ${2 * s.sigma}, min: 1 }) }`
      : `{ rOn: ${R_ON}, rOff: ${R_OFF} }`;
  const mapping =
    s.tile > 0 ? `{ scheme: 'double-column', tileShape: [${s.tile}, ${s.tile}] }` : `{ scheme: 'double-column' }`;
  const readout = ['maxInputVoltage: 1'];
  if (s.adcBits > 0) readout.push(`adc: { bits: ${s.adcBits}, overflowRate: 0, method: 'linear' }`);
  if (s.lineResistance > 0)
    readout.push(`mode: 'passive'`, `sourceResistance: ${SOURCE_RESISTANCE}`, `lineResistance: ${s.lineResistance}`);
  const list: string[] = [];
  if (s.states > 0) list.push(`{ kind: 'finiteConductanceStates', states: ${s.states} }`);
  if (s.lrs > 0 || s.hrs > 0)
    list.push(`{ kind: 'deviceFaults', lrsProportion: ${s.lrs}, hrsProportion: ${s.hrs}, seed: ${s.seed + 7919} }`);
  return `import * as tf from '@tensorflow/tfjs';
import { loadDataset, loadNetwork } from '@memsim/cli';
import { ${s.sigma > 0 ? 'normal, VTEAM' : 'VTEAM'} } from '@memsim/devices';
import { initBackend, patchModel } from '@memsim/layers';

await initBackend();
const { model } = await loadNetwork({ arch: 'cnn' }); // the CNN shipped with @memsim/cli
const data = loadDataset({ dataset: 'mnist', split: 'test', limit: 1000 }); // the page's 1 000 images
const hardware = await patchModel(model, {
  layers: ['Dense', 'Conv2D'],
  device: { model: VTEAM, params: ${params} },
  mapping: ${mapping},
  programming: { transistor: true },
  readout: { ${readout.join(', ')} },
  seed: ${s.seed},
});
${list.length > 0 ? `hardware.applyNonidealities([${list.join(', ')}]);\n` : ''}hardware.tune();
let correct = 0;
for (let start = 0; start < data.count; start += ${EVAL_BATCH}) {
  const n = Math.min(${EVAL_BATCH}, data.count - start);
  const x = tf.tensor4d(data.x.subarray(start * 784, (start + n) * 784), [n, 28, 28, 1]);
  const classes = tf.argMax(hardware.predict(x, { batchSize: ${EVAL_BATCH} }) as tf.Tensor, -1).dataSync();
  for (let i = 0; i < n; i++) if (classes[i] === data.y[start + i]) correct++;
}
console.log('memristive accuracy:', correct / data.count);
`;
}
