// cli::trial — the per-trial cost split (patch, tune, inference) of a variability trial on the shipped CNN, and the
// digital inference throughput. Set MEMSIM_BENCH_IMAGES to change the number of test images (default 1000).
import { reportFigure } from '@memsim/core/testing';
import type * as tf from '@tensorflow/tfjs';
import { evaluate, getExperiment, loadDataset, loadNetwork, simulateTrial } from '../src/index';
import { initBackend } from '@memsim/layers';

const images = Number(process.env.MEMSIM_BENCH_IMAGES ?? 1000);
await initBackend();
const data = loadDataset({ split: 'test', limit: images });
const net = await loadNetwork({ arch: 'cnn' }, data);
const t0 = performance.now();
const digital = await evaluate((x) => net.model.predict(x) as tf.Tensor, data);
const digitalSeconds = (performance.now() - t0) / 1000;
if (!(digital.accuracy > 0.9)) throw new Error(`digital accuracy ${digital.accuracy}`);
reportFigure({
  name: `cli::digital-inference cnn (${images} images)`,
  value: images / digitalSeconds,
  unit: 'images/s',
});
const def = getExperiment('variability');
const r = await simulateTrial(net.model, def.hardware({ sigma: 50 }), 1, data);
if (!(r.accuracy > 0.1)) throw new Error(`memristive accuracy ${r.accuracy}`);
reportFigure({ name: 'cli::trial variability cnn patch', value: r.timing.patch, unit: 's' });
reportFigure({ name: 'cli::trial variability cnn tune', value: r.timing.tune, unit: 's' });
reportFigure({ name: `cli::trial variability cnn inference (${images} images)`, value: r.timing.inference, unit: 's' });
reportFigure({
  name: 'cli::trial variability cnn total',
  value: r.timing.patch + r.timing.tune + r.timing.inference,
  unit: 's',
  target: '< 5.7 (21 σ × 5 seeds × 10k images in 10 min)',
});
