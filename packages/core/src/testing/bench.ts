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

/** One variant of {@link timeInterleaved}: `prepare` (untimed, e.g. a thread-count switch) then the timed `run`. */
export interface TimedVariant {
  prepare?: () => void;
  run: () => unknown;
}

/**
 * Times several variants of one job in interleaved rounds (each variant once per round, after one untimed warm-up
 * each) and returns each variant's median wall seconds and mean process CPU seconds per run. Why interleaved: on a
 * shared VM the machine's speed drifts over seconds, so timing variant A's runs and then B's puts the drift into the
 * ratio A/B (a "2-thread speed-up" of 0.9× or 2.2× from the same code); alternating puts it into both.
 */
export function timeInterleaved(variants: readonly TimedVariant[], rounds = 5): { wall: number; cpu: number }[] {
  const walls: number[][] = variants.map(() => []);
  const cpus = variants.map(() => 0);
  let sink: unknown;
  for (let round = -1; round < rounds; round++)
    variants.forEach((v, i) => {
      v.prepare?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      sink = v.run();
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      if (round < 0) return;
      walls[i]!.push(wall);
      cpus[i]! += (c.user + c.system) / 1e6;
    });
  if (sink === Symbol.for('never')) console.log('');
  return walls.map((w, i) => {
    w.sort((a, b) => a - b);
    return { wall: w[Math.floor(w.length / 2)]!, cpu: cpus[i]! / rounds };
  });
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
