// Benchmarks of @memsim/nonideality. Run: node scripts/bench-all.mjs packages/nonideality (from the repository root).
import { reportFigure, rssMegabytes, timeMedian } from '@memsim/core/testing';
import { Crossbar } from '@memsim/crossbar';
import { VTEAM, normal } from '@memsim/devices';
import { cycleVariability, deviceFaults, finiteConductanceStates, nonLinear, retention } from '../src/index';

const gc = (globalThis as { gc?: () => void }).gc;
const opts = { minTimeMs: 0, minIterations: 3 };

/**
 * Median process CPU time [s] of `fn` over `runs` calls (after one warm-up). The code is single-threaded, so on a
 * loaded machine this is what the wall-clock time would be on an idle one.
 */
function cpuMedian(fn: () => unknown, runs = 3): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)]!;
}

/** Reports wall-clock and CPU medians of one case; returns the CPU median [s]. */
function report(name: string, fn: () => unknown, target: string, reference?: string): number {
  const wall = timeMedian(fn, opts);
  const cpu = cpuMedian(fn);
  reportFigure({ name, value: wall, unit: 's (wall)', target, ...(reference ? { reference } : {}) });
  reportFigure({ name: `${name}-cpu`, value: cpu, unit: 's (CPU)', target });
  return cpu;
}

// 8 M devices (2048 × 4096, a 1024×4096 layer in double-column), random in-range conductances.
{
  const rows = 2048;
  const cols = 4096;
  const n = rows * cols;
  const xbar = new Crossbar({ model: VTEAM, rows, cols, initialState: 'random', seed: 1 });

  report(
    'nonideality::finiteConductanceStates-16-8M',
    () => {
      const r = finiteConductanceStates(xbar, { states: 16 });
      if (r.levels.length !== n) throw new Error('bad report');
      return r.changed;
    },
    '< 1',
    '0.89 s for 1 M, and a no-op',
  );

  report(
    'nonideality::deviceFaults-0.1-0.1-8M-with-clone',
    () => {
      // Stuck marks are permanent (markStuck has no undo), so each run faults a fresh copy; the figure includes it.
      const r = deviceFaults(xbar.clone(), { lrsProportion: 0.1, hrsProportion: 0.1, seed: 3 });
      if (r.lrs.length !== Math.floor(n * 0.1)) throw new Error('bad fault count');
      return r.hrs.length;
    },
    '< 1',
    '3.11 s for 1 M (matrix only)',
  );

  report(
    'nonideality::cycleVariability-8M',
    () =>
      cycleVariability(xbar, {
        rOn: normal({ mean: 50, std: 5, min: 1 }),
        rOff: normal({ mean: 1000, std: 50, min: 1 }),
        seed: 4,
      }).clamped,
    '< 1',
  );

  report(
    'nonideality::retention-drift-8M',
    () => {
      const r = retention(xbar, { time: 2, initialTime: 1, driftCoefficient: 0.1 });
      if (r.lrsChanged !== n) throw new Error('bad drift report');
      return r.extended;
    },
    '< 1',
  );
  reportFigure({ name: 'nonideality::rss-after-8M', value: rssMegabytes(), unit: 'MB' });
}
gc?.();

// nonLinear lookup: 1 M VTEAM devices × 51 samples (5 ns quarter period at 50 MHz, 0.1 ns steps).
{
  const xbar = new Crossbar({ model: VTEAM, rows: 1024, cols: 1024, initialState: 'random', seed: 2 });
  const sweep = (): unknown => {
    const r = nonLinear(xbar, { sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 });
    if (r.samples !== 51 || r.devices !== 1 << 20) throw new Error('bad sweep');
    return xbar.lookup!.currents[r.samples - 1];
  };
  const cpu = report(
    'nonideality::nonLinear-lookup-1M-VTEAM-51',
    sweep,
    '< 2',
    '≈ 187 s extrapolated (2.93 s for 32 768 devices)',
  );
  reportFigure({
    name: 'nonideality::nonLinear-lookup-throughput-cpu',
    value: ((1 << 20) * 51) / cpu / 1e6,
    unit: 'M device-steps/CPU-s',
  });
}
