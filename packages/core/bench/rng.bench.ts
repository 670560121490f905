import { createRng } from '../src/index';
import { reportFigure, timeMedian } from '../src/testing/index';

const n = 1_000_000;
const out = new Float64Array(n);
const rng = createRng(1);
const uniform = timeMedian(() => rng.fillUniform(out)[n - 1]);
reportFigure({ name: 'core::rng-uniform', value: n / uniform / 1e6, unit: 'M draws/s' });
const normal = timeMedian(() => rng.fillNormal(out)[n - 1]);
reportFigure({ name: 'core::rng-normal', value: n / normal / 1e6, unit: 'M draws/s' });
// addNormal (one draw per value, fused add) with one σ and with a σ per value: the paths that share fillNormal's
// sampler (bench them together: merging the loops must not slow any of them).
const std = new Float64Array(n).fill(0.5);
const addShared = timeMedian(() => {
  rng.addNormal(out, 0.5);
  return out[n - 1];
});
reportFigure({ name: 'core::rng-addNormal-shared', value: n / addShared / 1e6, unit: 'M draws/s' });
const addEach = timeMedian(() => {
  rng.addNormal(out, std);
  return out[n - 1];
});
reportFigure({ name: 'core::rng-addNormal-each', value: n / addEach / 1e6, unit: 'M draws/s' });
