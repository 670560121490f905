// The conductance range [1/rOff, 1/rOn] of every device, without allocating when the range is shared.
//
// Why: `conductanceRange` of @memsim/devices returns two per-device Float64Arrays (16 bytes per device). Writing
// a crossbar only needs to read them, and with scalar rOn/rOff (the common case) they are constants: allocating
// them cost 268 MB of fresh memory (≈1.3 s of page faults on the development VM) when patching VGG's 8192×1024
// dense layer.

import { conductanceRange } from '@memsim/devices';
import type { DevicePopulation } from '@memsim/devices';

/** Shared bounds as numbers, per-device bounds as arrays (indexed by slot). */
export interface DeviceRange {
  gMin: number | Float64Array;
  gMax: number | Float64Array;
}

/** Bounds of `pop`: numbers when `rOn` and `rOff` are shared, else the per-device arrays of `conductanceRange`. */
export function deviceRange(pop: DevicePopulation): DeviceRange {
  const rOn = pop.params.rOn;
  const rOff = pop.params.rOff;
  if (typeof rOn === 'number' && typeof rOff === 'number') return { gMin: 1 / rOff, gMax: 1 / rOn };
  return conductanceRange(pop);
}
