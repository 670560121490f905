import { NumericalError } from '@memsim/core';
import type { DevicePopulation } from '@memsim/devices';
import type { DeviceLookup, SweepLookupSpec } from './lookup-spec';

/** Devices swept together: small enough that a chunk's state, parameters and currents stay in cache. */
const CHUNK = 4096;

/** A chunk of `pop` (devices a … a + m − 1) with its own copy of the state, so the real devices are not touched. */
function chunkOf(pop: DevicePopulation, a: number, m: number, rng: DevicePopulation['rng']): DevicePopulation {
  const params: Record<string, number | Float64Array> = {};
  for (const [k, v] of Object.entries(pop.params)) params[k] = typeof v === 'number' ? v : v.subarray(a, a + m);
  const aux: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(pop.aux)) aux[k] = v.slice(a, a + m);
  return {
    model: pop.model,
    size: m,
    state: pop.state.slice(a, a + m),
    params,
    settings: pop.settings,
    aux,
    integration: pop.integration,
    rng,
  };
}

/**
 * Sweeps copies of the devices of `pop`, chunk by chunk, and returns the ascending per-device table. The devices
 * themselves are not changed; a stochastic population's generator is split once (advanced).
 */
export function sweepLookup(pop: DevicePopulation, sweep: SweepLookupSpec): DeviceLookup {
  const { amplitude, frequency, timeStep: dt, lastStep: last } = sweep;
  const model = pop.model;
  const n = pop.size;
  const vEnd = amplitude * Math.cos(2 * Math.PI * frequency * last * dt);
  // Reaching 0 V (to rounding) the last sample is the origin; otherwise the origin (0 V, 0 A) is added as slot 0.
  const reachesZero = vEnd <= 1e-12 * amplitude;
  const samples = reachesZero ? last + 1 : last + 2;
  const steps = last + 1;
  const voltages = new Float64Array(samples);
  const sweepV = new Float64Array(steps);
  for (let k = 0; k < steps; k++) {
    const v = k === last && reachesZero ? 0 : amplitude * Math.cos(2 * Math.PI * frequency * k * dt);
    sweepV[k] = v;
    voltages[samples - 1 - k] = v; // ascending: sample k = 0 (V = A) goes last
  }
  const currents = new Float64Array(n * samples);
  const local = new Float64Array(CHUNK * steps);
  const out = new Float64Array(CHUNK);
  const before = model.currentTiming === 'before-step';
  const rng = pop.rng === null ? null : pop.rng.split();
  for (let a = 0; a < n; a += CHUNK) {
    const m = Math.min(CHUNK, n - a);
    const sub = chunkOf(pop, a, m, rng);
    const o = m === CHUNK ? out : out.subarray(0, m);
    model.beginSimulation(sub);
    for (let k = 0; k < steps; k++) {
      const v = sweepV[k]!;
      if (before) {
        model.current(sub, v, o);
        model.step(sub, v, dt);
      } else {
        model.step(sub, v, dt);
        model.current(sub, v, o);
      }
      local.set(o, k * m);
    }
    // Transpose the chunk into devices × samples (ascending voltage: step k lands in slot samples − 1 − k).
    for (let j = 0; j < m; j++) {
      const row = (a + j) * samples + samples - 1;
      for (let k = 0; k < steps; k++) currents[row - k] = local[k * m + j]!;
    }
  }
  for (let i = 0; i < currents.length; i++)
    if (!Number.isFinite(currents[i]))
      throw new NumericalError({
        where: 'Crossbar.setLookup',
        step: (samples - 1 - (i % samples)) as number,
        detail: `the sweep of device ${Math.floor(i / samples)} (${model.name}) gave a non-finite current ${currents[i]} A at ${voltages[i % samples]} V`,
      });
  return { voltages, currents };
}
