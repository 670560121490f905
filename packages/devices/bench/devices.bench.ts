// Benchmarks of @memsim/devices. Run: node scripts/bench-all.mjs packages/devices (from the repository root).
import { reportFigure, rssMegabytes, timeMedian } from '@memsim/core/testing';
import {
  conductanceRange,
  createPopulation,
  DataDriven2021,
  hysteresisLoop,
  LinearIonDrift,
  normal,
  VTEAM,
} from '../src/index';

const gc = (globalThis as { gc?: () => void }).gc;

// 1. Building 8 M VTEAM devices with stochastic rOn/rOff (first, so the RSS figure is not inflated by later cases).
{
  const stochastic = { rOn: normal({ mean: 50, std: 5, min: 1 }), rOff: normal({ mean: 1000, std: 100, min: 1 }) };
  createPopulation(VTEAM, 1 << 16, stochastic, { seed: 0 }); // warm-up (JIT), outside the timed region
  gc?.();
  const before = rssMegabytes();
  const n = 8 * 1024 * 1024;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const pop = createPopulation(VTEAM, n, stochastic, { seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const after = rssMegabytes();
  const { gMax } = conductanceRange(pop);
  if (!(gMax[n - 1]! > 0) || pop.size !== n) throw new Error('bad population');
  reportFigure({
    name: 'devices::vteam-build-8M-stochastic',
    value: seconds,
    unit: 's',
    target: '< 1',
    reference: '≈ 10 min, 2.5 GB (8.4 M Python objects)',
  });
  reportFigure({ name: 'devices::vteam-build-8M-cpu-time', value: (cpu.user + cpu.system) / 1e6, unit: 's (CPU)' });
  reportFigure({ name: 'devices::vteam-build-8M-rss', value: after, unit: 'MB', target: '< 600' });
  reportFigure({ name: 'devices::vteam-build-8M-rss-growth', value: after - before, unit: 'MB' });
}
gc?.();

// 2. VTEAM population step: 1 M devices with per-device rOn/rOff.
{
  const n = 1 << 20;
  const pop = createPopulation(
    VTEAM,
    n,
    { rOn: normal({ mean: 50, std: 5, min: 1 }), rOff: normal({ mean: 1000, std: 100, min: 1 }) },
    { seed: 2 },
  );
  VTEAM.setConductance(pop, 1 / 500);
  let sign = 1;
  const seconds = timeMedian(() => {
    VTEAM.step(pop, 0.5 * sign, 1e-10);
    sign = -sign;
    return pop.state[n - 1];
  });
  reportFigure({
    name: 'devices::vteam-step-1M-shared-voltage',
    value: n / seconds / 1e6,
    unit: 'M device-steps/s',
    target: '>= 50',
    reference: '≈ 0.2 M/s',
  });

  const voltages = new Float64Array(n).map((_, i) => (i % 3 === 0 ? -0.5 : i % 3 === 1 ? 0.5 : 0.01));
  const perDevice = timeMedian(() => {
    VTEAM.step(pop, voltages, 1e-10);
    return pop.state[n - 1];
  });
  reportFigure({
    name: 'devices::vteam-step-1M-per-device-voltage',
    value: n / perDevice / 1e6,
    unit: 'M device-steps/s',
    reference: '≈ 0.2 M/s',
  });

  const out = new Float64Array(n);
  const read = timeMedian(() => {
    VTEAM.conductance(pop, out);
    return out[n - 1];
  });
  reportFigure({ name: 'devices::vteam-conductance-1M', value: n / read / 1e6, unit: 'M devices/s' });
}

// 3. LinearIonDrift population step (Biolek window, state-dependent rate).
{
  const n = 1 << 20;
  const pop = createPopulation(LinearIonDrift, n);
  LinearIonDrift.setConductance(pop, 1e-3);
  let sign = 1;
  const seconds = timeMedian(() => {
    LinearIonDrift.step(pop, sign, 1e-4);
    sign = -sign;
    return pop.state[n - 1];
  });
  reportFigure({ name: 'devices::linear-ion-drift-step-1M', value: n / seconds / 1e6, unit: 'M device-steps/s' });
}

// 4. DataDriven2021 hysteresis loop with defaults (10 000 001 samples).
{
  const seconds = timeMedian(
    () => {
      const { current } = hysteresisLoop(DataDriven2021);
      if (current.length !== 10_000_001) throw new Error('bad loop');
      return current[5_000_000];
    },
    { minIterations: 3, minTimeMs: 0 },
  );
  reportFigure({
    name: 'devices::datadriven2021-hysteresis-defaults',
    value: seconds,
    unit: 's',
    target: '< 2',
    reference: '15.0 s',
  });
  const cpu0 = process.cpuUsage();
  if (hysteresisLoop(DataDriven2021).current.length !== 10_000_001) throw new Error('bad loop');
  const cpu = process.cpuUsage(cpu0);
  reportFigure({
    name: 'devices::datadriven2021-hysteresis-cpu-time',
    value: (cpu.user + cpu.system) / 1e6,
    unit: 's (CPU)',
  });
}
