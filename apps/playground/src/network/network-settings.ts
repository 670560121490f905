import { normal, VTEAM } from '@memsim/devices';
import type { PatchConfig, ReadoutConfig } from '@memsim/layers';
import type { NonidealitySpec } from '@memsim/nonideality';
import { numberParam } from '../state/url-state';

/** The network lab's hardware (and URL state): VTEAM devices, double column, 1T1R unless wires are resistive. */
export interface NetworkSettings {
  /** Device-to-device σ [Ω]: rOn ~ N(rOn, σ), rOff ~ N(rOff, 2σ) (MemTorch's novel simulations). */
  sigma: number;
  /** Finite conductance states (0 = continuous). */
  states: number;
  /** Proportion of devices stuck at LRS / HRS. */
  lrs: number;
  hrs: number;
  /** ADC bits per tile column (0 = no ADC). */
  adcBits: number;
  /** Square tile edge [cells] (0 = untiled). */
  tile: number;
  /** Line resistance per cell segment [Ω] (0 = 1T1R read-out; > 0 = passive array solved as a circuit). */
  lineResistance: number;
  /** Seed of everything random (device draw, faults, tuning inputs). */
  seed: number;
}

/** VTEAM rOn / rOff [Ω] of the lab (MemTorch's novel-simulation device). */
export const R_ON = 200;
export const R_OFF = 500;
/** Source resistance of a passive array [Ω]. */
export const SOURCE_RESISTANCE = 5;
/** Images per predict call; inputs are scaled per batch, so the batch is part of the recipe. */
export const EVAL_BATCH = 250;

/** Defaults: the tutorial hardware (128×128 tiles, 8-bit ADC), ideal devices. */
export const DEFAULT_NETWORK_SETTINGS: Readonly<NetworkSettings> = Object.freeze({
  sigma: 0,
  states: 0,
  lrs: 0,
  hrs: 0,
  adcBits: 8,
  tile: 128,
  lineResistance: 0,
  seed: 1,
});

export function networkSettingsFromQuery(q: URLSearchParams): NetworkSettings {
  const d = DEFAULT_NETWORK_SETTINGS;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return {
    sigma: clamp(numberParam(q, 'sigma', d.sigma), 0, 200),
    states: Math.round(clamp(numberParam(q, 'states', d.states), 0, 256)),
    lrs: clamp(numberParam(q, 'lrs', d.lrs), 0, 0.5),
    hrs: clamp(numberParam(q, 'hrs', d.hrs), 0, 0.5),
    adcBits: Math.round(clamp(numberParam(q, 'adcBits', d.adcBits), 0, 16)),
    tile: Math.round(clamp(numberParam(q, 'tile', d.tile), 0, 512)),
    lineResistance: clamp(numberParam(q, 'lineResistance', d.lineResistance), 0, 10),
    seed: Math.max(0, Math.round(numberParam(q, 'seed', d.seed))),
  };
}

export function networkSettingsToQuery(s: NetworkSettings, q: URLSearchParams): void {
  for (const [k, v] of Object.entries(s))
    if (v !== DEFAULT_NETWORK_SETTINGS[k as keyof NetworkSettings]) q.set(k, String(v));
}

/** `patchModel` configs of the settings (the same recipe `memsim experiment` uses). */
export function patchOptionsFor(s: NetworkSettings): PatchConfig {
  const readout: ReadoutConfig = { maxInputVoltage: 1 };
  if (s.adcBits > 0) readout.adc = { bits: s.adcBits, overflowRate: 0, method: 'linear' };
  if (s.lineResistance > 0) {
    readout.mode = 'passive';
    readout.sourceResistance = SOURCE_RESISTANCE;
    readout.lineResistance = s.lineResistance;
  }
  return {
    layers: ['Dense', 'Conv2D'],
    device: {
      model: VTEAM,
      params:
        s.sigma > 0
          ? {
              rOn: normal({ mean: R_ON, std: s.sigma, min: 1 }),
              rOff: normal({ mean: R_OFF, std: 2 * s.sigma, min: 1 }),
            }
          : { rOn: R_ON, rOff: R_OFF },
    },
    mapping: { scheme: 'double-column', ...(s.tile > 0 ? { tileShape: [s.tile, s.tile] as [number, number] } : {}) },
    programming: { transistor: true },
    readout,
    seed: s.seed,
  };
}

/** The non-idealities of the settings, in MemTorch's order (finite states, then faults). */
export function nonidealitiesFor(s: NetworkSettings): NonidealitySpec[] {
  const list: NonidealitySpec[] = [];
  if (s.states > 0) list.push({ kind: 'finiteConductanceStates', states: s.states });
  if (s.lrs > 0 || s.hrs > 0)
    list.push({ kind: 'deviceFaults', lrsProportion: s.lrs, hrsProportion: s.hrs, seed: s.seed + 7919 });
  return list;
}
