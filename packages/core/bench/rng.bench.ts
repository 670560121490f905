import { createRng } from '../src/index';
import { reportFigure, timeMedian } from '../src/testing/index';

const n = 1_000_000;
const out = new Float64Array(n);
const rng = createRng(1);
const uniform = timeMedian(() => rng.fillUniform(out)[n - 1]);
reportFigure({ name: 'core::rng-uniform', value: n / uniform / 1e6, unit: 'M draws/s' });
const normal = timeMedian(() => rng.fillNormal(out)[n - 1]);
reportFigure({ name: 'core::rng-normal', value: n / normal / 1e6, unit: 'M draws/s' });
