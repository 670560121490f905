/**
 * Options of {@link createProgress}.
 *
 * @example
 * const options: ProgressOptions = { label: 'trials', total: 3, stream: null, interval: 1, unit: 'trial', done: 0 }; // stream default: process.stderr
 * const progress = createProgress(options);
 * progress.tick('σ = 0.1'); // one line per second at most, with the elapsed time and the ETA
 */
export interface ProgressOptions {
  /** Prefix of every line, e.g. `variability`. */
  label: string;
  /** Total number of steps. */
  total: number;
  /** Where lines go. Default `process.stderr`; `null` silences progress. */
  stream?: NodeJS.WritableStream | null;
  /** Minimum time between two lines [s]. Default 1. The last step is always shown. */
  interval?: number;
  /** Name of one step. Default `'trial'`. */
  unit?: string;
  /** Steps already done before this run (resumed work); they do not count towards the rate. */
  done?: number;
}

/**
 * A progress reporter: `step k of n, elapsed, ETA` on stderr.
 *
 * @example
 * const progress: Progress = createProgress({ label: 'trials', total: 2, stream: null });
 * progress.tick();
 * progress.elapsed(); // → seconds since createProgress
 */
export interface Progress {
  /** Marks one more step done; `detail` is appended to the line. */
  tick(detail?: string): void;
  /** Seconds since creation. */
  elapsed(): number;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

/**
 * Creates a {@link Progress} that prints `label: trial k of n, elapsed …, ETA …` at most once per `interval`.
 *
 * @example
 * const progress = createProgress({ label: 'trials', total: 3, stream: null }); // null: silent
 * for (let i = 0; i < 3; i++) progress.tick();
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream === undefined ? process.stderr : options.stream;
  const interval = (options.interval ?? 1) * 1000;
  const started = Date.now();
  const initial = options.done ?? 0;
  let done = initial;
  let last = 0;
  return {
    tick(detail?: string) {
      done++;
      const now = Date.now();
      if (stream === null || (now - last < interval && done < options.total)) return;
      last = now;
      const elapsed = (now - started) / 1000;
      const rate = (done - initial) / Math.max(elapsed, 1e-9);
      const eta = (options.total - done) / rate;
      stream.write(
        `${options.label}: ${options.unit ?? 'trial'} ${done} of ${options.total}, elapsed ${formatSeconds(elapsed)}, ETA ${formatSeconds(eta)}${detail ? ` (${detail})` : ''}\n`,
      );
    },
    elapsed: () => (Date.now() - started) / 1000,
  };
}
