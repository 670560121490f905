import { InvalidParameterError } from '@memsim/core';
import { type HardwareSpec, NOVEL_DEFAULTS, PCM_DEFAULTS, TUTORIAL_DEFAULTS } from './hardware';

/**
 * One point of a sweep: parameter name → value (numbers, or a short label such as `'LRS'`).
 *
 * @example
 * const point: SweepPoint = { sigma: 50 }; // a point of the 'variability' grid [Ω]
 * getExperiment('variability').hardware(point)?.sigma; // → 50
 */
export type SweepPoint = Record<string, number | string>;

/**
 * Grid size: the reference's full grid, or a quick one (a few points) for tours and tests.
 *
 * @example
 * const scale: GridScale = 'quick'; // a few points ('full': the reference's grid)
 * getExperiment('variability').grid(scale); // → [{ sigma: 0 }, { sigma: 50 }, { sigma: 100 }]
 */
export type GridScale = 'full' | 'quick';
/** Runtime list of {@link GridScale}. */
export const GRID_SCALES: readonly GridScale[] = ['full', 'quick'];

/**
 * A MemTorch study as a sweep of hardware configurations.
 *
 * @example
 * const study: ExperimentDefinition = getExperiment('faults');
 * const [first] = study.grid('quick'); // → { kind: 'LRS', rate: 0 }
 * study.hardware({ kind: 'LRS', rate: 0.1 })?.lrs; // → 0.1: the hardware one point simulates
 */
export interface ExperimentDefinition {
  name: ExperimentName;
  title: string;
  /** Where the grid comes from. */
  reference: string;
  /** Parameter columns, in CSV order. */
  parameters: string[];
  grid(scale: GridScale): SweepPoint[];
  /** The hardware one point simulates (`null` = the digital network). */
  hardware(point: SweepPoint): HardwareSpec | null;
  /** How to plot it: x column, optional series column, axis title. */
  plot: { x: string; series?: string; xTitle: string; xScale?: 'linear' | 'log' };
  /** Monte-Carlo seeds per point by default (1 when nothing is random). */
  seeds: { full: number; quick: number };
}

/**
 * Names of the sweep experiments.
 *
 * @example
 * const name: ExperimentName = 'adc';
 * getExperiment(name).title; // → 'Accuracy vs ADC resolution and tile shape'
 */
export type ExperimentName =
  | 'tutorial'
  | 'variability'
  | 'finite-states'
  | 'faults'
  | 'states-ratio'
  | 'states-faults'
  | 'line-resistance'
  | 'adc'
  | 'drift'
  | 'programming-noise';
/**
 * Runtime list of {@link ExperimentName}.
 *
 * @example
 * EXPERIMENT_NAMES.includes('faults'); // → true
 */
export const EXPERIMENT_NAMES: readonly ExperimentName[] = [
  'tutorial',
  'variability',
  'finite-states',
  'faults',
  'states-ratio',
  'states-faults',
  'line-resistance',
  'adc',
  'drift',
  'programming-noise',
];

/** Inference times of the drift study [s]: 1 s, 1 min, 1 h, 1 day, 1 week, 1 month (30 d), 1 year (365 d). */
const DRIFT_TIMES = [1, 60, 3600, 86400, 604800, 2592000, 31536000];

const linspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, k) => +(a + ((b - a) * k) / (n - 1)).toPrecision(12));
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);
const FAULT_KINDS = ['LRS', 'HRS', 'both'] as const;
const faults = (kind: string, rate: number) => ({
  lrs: kind === 'HRS' ? 0 : kind === 'both' ? rate / 2 : rate,
  hrs: kind === 'LRS' ? 0 : kind === 'both' ? rate / 2 : rate,
});
/** rOn ~ N(rOn, σ) and rOff ~ N(rOff, 2σ) are at least 3 standard deviations of their difference apart. */
const separated = (rOn: number, rOff: number, sigma: number) => rOff - rOn >= 3 * Math.sqrt(5) * sigma;
const cross = (a: SweepPoint[], name: string, values: readonly (number | string)[]) =>
  a.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));

const DEFINITIONS: Record<ExperimentName, ExperimentDefinition> = {
  tutorial: {
    name: 'tutorial',
    title: 'Tutorial: digital vs memristive (VTEAM, 1T1R, 128×128 tiles, 8-bit ADC, ±1 V)',
    reference: 'MemTorch 1.1.0 docs (tutorial); 1.1.6 Tutorial.ipynb',
    parameters: ['variant'],
    grid: () => [{ variant: 'digital' }, { variant: 'memristive' }, { variant: 'memristive-untuned' }],
    hardware: (p) => (p.variant === 'digital' ? null : { ...TUTORIAL_DEFAULTS, tune: p.variant === 'memristive' }),
    plot: { x: 'variant', xTitle: 'network' },
    seeds: { full: 1, quick: 1 },
  },
  variability: {
    name: 'variability',
    title: 'P1: accuracy vs device-to-device variability σ (rOn ~ N(200, σ), rOff ~ N(500, 2σ))',
    reference: 'MemTorch NovelSimulations.ipynb: σ ∈ linspace(0, 100, 21)',
    parameters: ['sigma'],
    grid: (s) => (s === 'full' ? linspace(0, 100, 21) : [0, 50, 100]).map((sigma) => ({ sigma })),
    hardware: (p) => ({ ...NOVEL_DEFAULTS, sigma: Number(p.sigma) }),
    plot: { x: 'sigma', xTitle: 'σ [Ω]' },
    seeds: { full: 5, quick: 3 },
  },
  'finite-states': {
    name: 'finite-states',
    title: 'P2: accuracy vs number of finite conductance states',
    reference: 'MemTorch NovelSimulations.ipynb: states 1…10, rOn 200 Ω, rOff 500 Ω',
    parameters: ['states'],
    grid: (s) => (s === 'full' ? range(1, 10) : [2, 4, 8]).map((states) => ({ states })),
    hardware: (p) => ({ ...NOVEL_DEFAULTS, states: Number(p.states) }),
    plot: { x: 'states', xTitle: 'conductance states' },
    seeds: { full: 1, quick: 1 },
  },
  faults: {
    name: 'faults',
    title: 'P3: accuracy vs proportion of failed devices (stuck at LRS, HRS, both)',
    reference: 'MemTorch NovelSimulations.ipynb: failure ∈ linspace(0, 0.25, 11)',
    parameters: ['kind', 'rate'],
    grid: (s) =>
      cross(
        FAULT_KINDS.map((kind) => ({ kind })),
        'rate',
        s === 'full' ? linspace(0, 0.25, 11) : [0, 0.1, 0.25],
      ),
    hardware: (p) => ({ ...NOVEL_DEFAULTS, ...faults(String(p.kind), Number(p.rate)) }),
    plot: { x: 'rate', series: 'kind', xTitle: 'failure rate' },
    seeds: { full: 5, quick: 3 },
  },
  'states-ratio': {
    name: 'states-ratio',
    title: 'S1: accuracy vs states × rOff/rOn ratio × σ',
    reference:
      'MemTorch NovelSimulations.ipynb: σ {0, 20, 100} × ratio {1…32} × states 2…10; ratio 1 is dropped (rOn must be < rOff) and so is every (σ, ratio) whose rOn and rOff distributions are not 3σ apart (their devices cannot be drawn)',
    parameters: ['sigma', 'ratio', 'states'],
    grid: (s) =>
      (s === 'full'
        ? cross(
            cross(
              [0, 20, 100].map((sigma) => ({ sigma })),
              'ratio',
              [2, 4, 8, 16, 32],
            ),
            'states',
            range(2, 10),
          )
        : cross(cross([{ sigma: 0 }, { sigma: 100 }], 'ratio', [2, 32]), 'states', [2, 8])
      ).filter((p) => separated(200, 200 * Number(p.ratio), Number(p.sigma))),
    hardware: (p) => ({
      ...NOVEL_DEFAULTS,
      sigma: Number(p.sigma),
      rOn: 200,
      rOff: 200 * Number(p.ratio),
      states: Number(p.states),
    }),
    plot: { x: 'states', series: 'ratio', xTitle: 'conductance states' },
    seeds: { full: 1, quick: 1 },
  },
  'states-faults': {
    name: 'states-faults',
    title: 'S2: accuracy vs states × failure rate × σ (finite states, then faults)',
    reference:
      'MemTorch NovelSimulations.ipynb: σ {0, 20, 100} × failure linspace(0, 0.25, 6) × states 2…10 × {LRS, HRS, both}',
    parameters: ['sigma', 'kind', 'rate', 'states'],
    grid: (s) =>
      s === 'full'
        ? cross(
            cross(
              cross(
                [0, 20, 100].map((sigma) => ({ sigma })),
                'kind',
                FAULT_KINDS,
              ),
              'rate',
              linspace(0, 0.25, 6),
            ),
            'states',
            range(2, 10),
          )
        : cross(cross([{ sigma: 0, kind: 'both' }], 'rate', [0, 0.1]), 'states', [2, 8]),
    hardware: (p) => ({
      ...NOVEL_DEFAULTS,
      sigma: Number(p.sigma),
      states: Number(p.states),
      ...faults(String(p.kind), Number(p.rate)),
      order: 'finite-then-faults',
    }),
    plot: { x: 'rate', series: 'states', xTitle: 'failure rate' },
    seeds: { full: 1, quick: 1 },
  },
  'line-resistance': {
    name: 'line-resistance',
    title: 'Accuracy vs wire (line) resistance and array size (passive 0T1R read-out, beyond the reference)',
    reference: 'memsim addition: MemTorch models line resistance only in its passive solver',
    parameters: ['tile', 'lineResistance'],
    grid: (s) =>
      cross(
        [{ tile: 32 }, { tile: 64 }, ...(s === 'full' ? [{ tile: 128 }] : [])],
        'lineResistance',
        s === 'full' ? [0.1, 1, 5, 20, 50] : [1, 50],
      ),
    hardware: (p) => ({
      ...NOVEL_DEFAULTS,
      rOn: 1e4,
      rOff: 1e6,
      transistor: false,
      tuneSamples: 64,
      tileShape: [Number(p.tile), Number(p.tile)],
      sourceResistance: Number(p.lineResistance),
      lineResistance: Number(p.lineResistance),
    }),
    plot: { x: 'lineResistance', series: 'tile', xTitle: 'line resistance per segment [Ω]' },
    seeds: { full: 1, quick: 1 },
  },
  adc: {
    name: 'adc',
    title: 'Accuracy vs ADC resolution and tile shape',
    reference: 'MemTorch Exemplar_Simulations.ipynb: ADC bits {2, 4, 6, 8, 10} × tiles {128×128, 256×64}',
    parameters: ['tile', 'bits'],
    grid: (s) =>
      cross(
        ['128x128', '256x64'].map((tile) => ({ tile })),
        'bits',
        s === 'full' ? [2, 4, 6, 8, 10] : [2, 8],
      ),
    hardware: (p) => ({
      ...TUTORIAL_DEFAULTS,
      tileShape: String(p.tile).split('x').map(Number) as [number, number],
      adcBits: Number(p.bits),
    }),
    plot: { x: 'bits', series: 'tile', xTitle: 'ADC bits' },
    seeds: { full: 1, quick: 1 },
  },
  drift: {
    name: 'drift',
    title: 'PCM drift: accuracy vs inference time, with and without global drift compensation',
    reference:
      'aihwkit PCMLikeNoiseModel (programming noise, drift ν per device, 1/f read noise) and GlobalDriftCompensation; times 1 s … 1 year',
    parameters: ['compensation', 'time'],
    grid: (s) =>
      cross(
        ['off', 'on'].map((compensation) => ({ compensation })),
        'time',
        s === 'full' ? DRIFT_TIMES : [1, 86400, 31536000],
      ),
    hardware: (p) => ({ ...PCM_DEFAULTS, driftTime: Number(p.time), driftCompensation: p.compensation === 'on' }),
    plot: { x: 'time', series: 'compensation', xTitle: 'time since programming [s]', xScale: 'log' },
    seeds: { full: 5, quick: 2 },
  },
  'programming-noise': {
    name: 'programming-noise',
    title: 'Programming noise: accuracy vs noise scale (aihwkit PCM and ReRAM Wan 2022 σ(g/g_max))',
    reference:
      'aihwkit PCMLikeNoiseModel.prog_noise_scale / ReRamWan2022NoiseModel.noise_scale on the tutorial hardware, scale 0 … 5',
    parameters: ['model', 'scale'],
    grid: (s) =>
      cross(
        ['pcm', 'reram'].map((model) => ({ model })),
        'scale',
        s === 'full' ? [0, 0.5, 1, 2, 3, 4, 5] : [0, 1, 3],
      ),
    // A model that is neither fit is a user σ/g_max expression in x = g/g_max (`--noise-expression`): the point
    // carries the expression itself, so workers, queues and a resumed CSV all see which curve it was.
    hardware: (p) => ({
      ...TUTORIAL_DEFAULTS,
      programmingNoise:
        p.model === 'pcm' || p.model === 'reram'
          ? { model: p.model, scale: Number(p.scale) }
          : { model: 'polynomial', expression: String(p.model), scale: Number(p.scale) },
    }),
    plot: { x: 'scale', series: 'model', xTitle: 'programming-noise scale' },
    seeds: { full: 5, quick: 2 },
  },
};

/**
 * The definition of a sweep experiment.
 *
 * @throws {InvalidParameterError} for an unknown name.
 * @example
 * const study = getExperiment('variability');
 * study.parameters; // the swept parameters, e.g. ['sigma']
 */
export function getExperiment(name: string): ExperimentDefinition {
  const def = (DEFINITIONS as Record<string, ExperimentDefinition>)[name];
  if (def === undefined)
    throw new InvalidParameterError({
      where: 'memsim experiment',
      parameter: 'name',
      value: name,
      expected: `one of ${[...EXPERIMENT_NAMES, 'seizure'].join(', ')}`,
    });
  return def;
}
