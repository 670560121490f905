import { performance } from 'node:perf_hooks';

/** One printed benchmark figure. */
export interface BenchFigure {
  /** `package::case`, e.g. `'quantize::linear-8bit-1M'`. */
  name: string;
  value: number;
  /** Unit of `value`, e.g. `'M elements/s'`, `'GFLOP/s'`, `'s'`, `'MB'`. */
  unit: string;
  /** Optional target, e.g. `'>= 100'`, printed beside the figure. */
  target?: string;
  /** Optional reference figure (MemTorch's, where known). */
  reference?: string;
}

/**
 * Times `fn` repeatedly (after one warm-up call) until `minTimeMs` has passed and at least `minIterations` ran;
 * returns the median seconds per call. `fn` should return a value that depends on its work so it is not optimised away.
 */
export function timeMedian(fn: () => unknown, options: { minTimeMs?: number; minIterations?: number } = {}): number {
  const { minTimeMs = 500, minIterations = 5 } = options;
  let sink = fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minIterations || performance.now() - start < minTimeMs) {
    const t0 = performance.now();
    sink = fn();
    samples.push((performance.now() - t0) / 1000);
    if (samples.length > 10000) break;
  }
  if (sink === Symbol.for('never')) console.log('');
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Prints one figure as a `BENCH {json}` line (collected by `pnpm bench`) and a readable line. */
export function reportFigure(figure: BenchFigure): void {
  const pretty = `${figure.name}: ${figure.value.toPrecision(4)} ${figure.unit}${figure.target ? ` (target ${figure.target})` : ''}${figure.reference ? ` [MemTorch: ${figure.reference}]` : ''}`;
  console.log(pretty);
  console.log(`BENCH ${JSON.stringify(figure)}`);
}

/** Resident set size now [MB]. */
export function rssMegabytes(): number {
  return process.memoryUsage().rss / 2 ** 20;
}
