// Window functions given as expressions (compileWindow) against the built-in windows.
// Run: node scripts/bench-all.mjs packages/devices (from the repository root).
import { loadavg } from 'node:os';
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { compile } from 'mathjs';
import { compileWindow, createPopulation, joglekar, LinearIonDrift } from '../src/index';

const JOGLEKAR = '1 - ((2x - 1)^2)^p';
const n = 1 << 20;
const xs = Float64Array.from({ length: n }, (_, k) => k / n);
const cpu0 = process.cpuUsage();

/** Millions of window evaluations per second of `f` over the grid (the sum is checked, so no call is dropped). */
function evaluationsPerSecond(name: string, f: (x: number) => number, count = n): void {
  const stride = n / count;
  let sum = 0;
  const seconds = timeMedian(() => {
    sum = 0;
    for (let k = 0; k < count; k++) sum += f(xs[k * stride]!);
    return sum;
  });
  // Σ (1 − (2x − 1)²) over x = k/n is ≈ 2n/3: a wrong or skipped evaluation shows.
  if (!(Math.abs(sum / count - 2 / 3) < 1e-3)) throw new Error(`${name}: wrong window values (mean ${sum / count})`);
  reportFigure({ name, value: count / seconds / 1e6, unit: 'M evaluations/s' });
}

// 1. Scalar evaluations at p = 1.
evaluationsPerSecond('devices::window-builtin-joglekar', (x) => joglekar(x, 1));
const user = compileWindow(JOGLEKAR);
evaluationsPerSecond('devices::window-expression-joglekar', (x) => user(x, 1, 0, 1));
// What evaluating through mathjs's own compiled expression per step would cost (a scope object per call).
const mathjsCompiled = compile(JOGLEKAR);
const scope = { x: 0, p: 1, i: 0, j: 1 };
evaluationsPerSecond(
  'devices::window-mathjs-evaluate-joglekar',
  (x) => {
    scope.x = x;
    return mathjsCompiled.evaluate(scope) as number;
  },
  n >> 4,
);

// 2. The LinearIonDrift kernel with the named window and with the same window as an expression.
for (const [label, window] of [
  ['named', 'joglekar'],
  ['expression', JOGLEKAR],
] as const) {
  const pop = createPopulation(LinearIonDrift, n, { window, p: 2 }, { seed: 1 });
  pop.state.set(xs);
  const seconds = timeMedian(() => LinearIonDrift.step(pop, 1, 1e-6));
  if (!pop.state.every((x) => x >= 0 && x <= 1)) throw new Error('state left [0, 1]');
  reportFigure({
    name: `devices::lineariondrift-step-1M-${label}-window`,
    value: n / seconds / 1e6,
    unit: 'M device-steps/s',
  });
}

const cpu = process.cpuUsage(cpu0);
reportFigure({ name: 'devices::window-bench-cpu-time', value: (cpu.user + cpu.system) / 1e6, unit: 's (CPU)' });
reportFigure({ name: 'devices::window-bench-load-average-1min', value: loadavg()[0]!, unit: '' });
