import { InvalidParameterError, MemsimError } from '@memsim/core';
import * as crossbar from '@memsim/crossbar';
import * as devices from '@memsim/devices';
import type { DeviceModel } from '@memsim/devices';
import * as layers from '@memsim/layers';
import type { PatchConfig, ReadoutConfig } from '@memsim/layers';
import * as nonideality from '@memsim/nonideality';
import type { Dataset } from '../data/dataset';
import { resolveDeviceModel } from '../device/device-sweep';
import { evaluate } from '../model/evaluate';
import type { tf } from '../tf/backend';
import type { HardwareSpec } from './hardware';
import { fitMeasured } from './measured-source';

/** The part of `@memsim/layers`' MemristiveModel a trial uses. */
interface MemristiveModelLike {
  predict(x: tf.Tensor, options?: { batchSize?: number }): tf.Tensor | Promise<tf.Tensor>;
  tune?(options?: Record<string, unknown>): unknown;
  applyNonidealities?(list: Record<string, unknown>[]): unknown;
  compensateDrift?(): unknown;
  crossbars?(): { sets: { crossbars: unknown[] }[] }[];
  dispose?(): void;
}
type PatchModelFn = (model: tf.LayersModel, options: PatchConfig) => Promise<MemristiveModelLike> | MemristiveModelLike;

/** The `patchModel` of this build of @memsim/layers, or null while it is not there yet. */
export function layersPatchModel(): PatchModelFn | null {
  const fn = (layers as unknown as Record<string, unknown>).patchModel;
  return typeof fn === 'function' ? (fn as PatchModelFn) : null;
}

/** Test images per predict call in a trial. */
const EVAL_BATCH = 1000;

/**
 * Seconds spent in each phase of one trial.
 *
 * @example
 * await initBackend({ backend: 'cpu' });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const timing: TrialTiming = (await simulateTrial(model, NOVEL_DEFAULTS, 1, loadDataset({ limit: 50 }))).timing;
 * timing.patch + timing.tune + timing.inference; // seconds of the trial (tuning dominates for a small network)
 */
export interface TrialTiming {
  patch: number;
  tune: number;
  inference: number;
}

/**
 * Result of {@link simulateTrial}.
 *
 * @example
 * await initBackend({ backend: 'cpu' });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const trial: TrialResult = await simulateTrial(model, NOVEL_DEFAULTS, 1, loadDataset({ limit: 50 }));
 * [trial.accuracy, trial.predictions.length, trial.failure]; // → [1, 50, undefined]
 */
export interface TrialResult {
  /** Accuracy in [0, 1]; NaN when the trial could not be built (see `failure`). */
  accuracy: number;
  /** Why the hardware could not be built (e.g. rOn and rOff distributions overlapping so devices cannot be drawn). */
  failure?: string;
  predictions: Int32Array;
  timing: TrialTiming;
}

/**
 * Read-out settings of every study: an image's result never depends on the other images of its batch (nor on the
 * evaluation batch size): inputs are encoded to voltages with one scale per image, an untiled ADC takes one range per
 * image (tiled ADCs are per tile and input row anyway), and convolution rows are in MemTorch's (c, kh, kw) order.
 * @example
 * STUDY_READOUT.inputEncoding; // → 'sample' (batch-independent read-out)
 */
export const STUDY_READOUT = Object.freeze({
  inputEncoding: 'sample',
  adcRange: 'sample',
  rowOrder: 'channels-first',
} as const);

/**
 * {@link STUDY_READOUT} in words, for reports.
 *
 * @example
 * STUDY_READOUT_TEXT.startsWith('Batch-independent read-out'); // → true (printed in reports)
 */
export const STUDY_READOUT_TEXT =
  "Batch-independent read-out: inputs scaled into ±maxInputVoltage per image (inputEncoding 'sample'), one untiled ADC range per image (adcRange 'sample'; tiled ADCs convert per tile and input row), convolution kernels on crossbar rows in MemTorch's (c, kh, kw) order (rowOrder 'channels-first'). An image's result does not depend on the rest of its batch or on the batch size.";

/** False inside a Node worker thread (looked up at run time, so browser bundles need no Node module). */
function onMainThread(): boolean {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as { isMainThread?: boolean } | undefined;
  return threads?.isMainThread ?? true;
}

/**
 * Translates a {@link HardwareSpec} into `patchModel`'s configs (@memsim/layers `PatchConfig`: device, mapping,
 * programming, read-out), with the batch-independent read-out of {@link STUDY_READOUT}.
 * @example
 * patchOptions({ ...NOVEL_DEFAULTS, tileShape: [128, 128], adcBits: 8 }, 1).readout; // → { maxInputVoltage, inputEncoding: 'sample', adcRange: 'sample', adc: { bits: 8, … } }
 */
export function patchOptions(spec: HardwareSpec, seed: number, threads?: number): PatchConfig {
  const { model, params } = spec.measured !== undefined ? measuredParams(spec) : deviceParams(spec);
  const readout: ReadoutConfig = {
    maxInputVoltage: spec.maxInputVoltage,
    inputEncoding: STUDY_READOUT.inputEncoding,
    adcRange: STUDY_READOUT.adcRange,
  };
  if (spec.nonLinear) readout.mode = 'nonlinear';
  if (spec.adcBits !== null) readout.adc = { bits: spec.adcBits, overflowRate: 0, method: 'linear' };
  if (spec.readNoise !== undefined) readout.readNoise = { ...spec.readNoise } as ReadoutConfig['readNoise'];
  if (!spec.transistor) {
    // Passive read-out with the wire resistances solved as a circuit; the devices are set directly (the pulse
    // programming of a 0T1R array is not what this study looks at, and it dominates the run time).
    readout.mode = 'passive';
    readout.sourceResistance = spec.sourceResistance;
    readout.lineResistance = spec.lineResistance;
  }
  return {
    // Every layer kind memsim puts on crossbars (the shipped networks have Dense and Conv2D only).
    layers: ['Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'DepthwiseConv2D', 'SimpleRNN', 'LSTM', 'GRU'],
    device: { model: model as DeviceModel<any>, params },
    mapping: {
      scheme: 'double-column',
      rowOrder: STUDY_READOUT.rowOrder,
      ...(spec.tileShape === null ? {} : { tileShape: spec.tileShape }),
    },
    programming: { transistor: true },
    readout,
    seed,
    // One thread budget (`--threads`): the caller passes each trial its share; without one, a trial on the main
    // thread uses every core and one on a worker thread reads on one (results are bit-identical either way).
    threads: threads ?? (onMainThread() ? crossbar.defaultThreads() : 1),
  };
}

/** The study's named device: its parameters, rOn/rOff overridden by the spec, drawn per device when σ > 0. */
function deviceParams(spec: HardwareSpec): { model: unknown; params: Record<string, unknown> } {
  const model = resolveDeviceModel(spec.device);
  const rOn = spec.rOn ?? spec.deviceParams?.rOn ?? (model.defaults as Record<string, number>).rOn;
  const rOff = spec.rOff ?? spec.deviceParams?.rOff ?? (model.defaults as Record<string, number>).rOff;
  const params: Record<string, unknown> = { ...spec.deviceParams };
  if (spec.sigma > 0) {
    params.rOn = devices.normal({ mean: rOn!, std: spec.sigma, min: 1 });
    params.rOff = devices.normal({ mean: rOff!, std: 2 * spec.sigma, min: 1 });
  } else {
    if (spec.rOn !== undefined) params.rOn = spec.rOn;
    if (spec.rOff !== undefined) params.rOff = spec.rOff;
  }
  return { model, params };
}

/** A measured device (`--measured`): the fitted model and parameters, rOn/rOff drawn per device when σ > 0. */
function measuredParams(spec: HardwareSpec): { model: unknown; params: Record<string, unknown> } {
  const fitted = fitMeasured(spec.measured!);
  const params: Record<string, unknown> = { ...fitted.params };
  if (spec.sigma > 0) {
    params.rOn = devices.normal({ mean: fitted.params.rOn, std: spec.sigma, min: 1 });
    params.rOff = devices.normal({ mean: fitted.params.rOff, std: 2 * spec.sigma, min: 1 });
  }
  return { model: fitted.model, params };
}

/** The non-idealities of a spec, in application order (finite states, then faults, as MemTorch's S2). */
export function nonidealityList(spec: HardwareSpec, seed: number): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  if (spec.nonLinear) list.push({ kind: 'nonLinear', mode: 'simulate' });
  if (spec.states !== null) list.push({ kind: 'finiteConductanceStates', states: spec.states });
  if (spec.lrs > 0 || spec.hrs > 0)
    list.push({
      kind: 'deviceFaults',
      lrsProportion: spec.lrs,
      hrsProportion: spec.hrs,
      electroformProportion: 0,
      seed: seed + 7919,
    });
  if (spec.programmingNoise !== undefined && spec.programmingNoise.scale > 0)
    list.push({ kind: 'programmingNoise', ...spec.programmingNoise, seed: seed + 104729 });
  return list;
}

/** What happens after tuning, in the field: PCM drift to the inference time (ν drawn once), then compensation. */
function driftAfterTuning(mm: MemristiveModelLike, spec: HardwareSpec, seed: number): void {
  if (spec.driftTime === undefined) return;
  applyTo(mm, [{ kind: 'pcmDrift', time: spec.driftTime, seed: seed + 1299709 }]);
  if (spec.driftCompensation) mm.compensateDrift?.();
}

/** Applies non-idealities to every crossbar of a patched model (through the model's own method when it has one). */
function applyTo(mm: MemristiveModelLike, list: Record<string, unknown>[]): void {
  if (typeof mm.applyNonidealities === 'function') {
    mm.applyNonidealities(list);
    return;
  }
  const crossbars = (mm.crossbars?.() ?? []).flatMap((layer) => layer.sets.flatMap((set) => set.crossbars));
  nonideality.applyNonidealities(crossbars as never, list as never);
}

/**
 * Options of {@link simulateTrial}.
 *
 * @example
 * await initBackend({ backend: 'cpu' });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const options: TrialOptions = { batchSize: 1000 }; // the default; the accuracy does not depend on it
 * await simulateTrial(model, NOVEL_DEFAULTS, 1, loadDataset({ limit: 50 }), options);
 */
export interface TrialOptions {
  /**
   * Test images per predict call. The result does not depend on it (see {@link STUDY_READOUT}); larger is faster.
   * Default 1000.
   */
  batchSize?: number;
  /** In-layer GEMM threads of this trial (its share of the `--threads` budget). Default: see {@link patchOptions}. */
  threads?: number;
}

/**
 * One Monte-Carlo trial: patch the trained network onto memristive hardware (`spec`; `null` = digital), apply the
 * non-idealities, tune, and measure the accuracy on `data`. Deterministic for a given seed, and independent of the
 * evaluation batch size.
 *
 * @throws {InvalidParameterError} when @memsim/layers has no `patchModel` in this build.
 * @example
 * import { initBackend } from '@memsim/layers';
 * await initBackend({ backend: 'cpu' });
 * const data = loadDataset({ split: 'test', limit: 50 });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const trial = await simulateTrial(model, { ...NOVEL_DEFAULTS, sigma: 0.1 }, 1, data);
 * trial.accuracy; // → the memristive accuracy on the 50 images
 */
export async function simulateTrial(
  model: tf.LayersModel,
  spec: HardwareSpec | null,
  seed: number,
  data: Dataset,
  options: TrialOptions = {},
): Promise<TrialResult> {
  const batchSize = options.batchSize ?? EVAL_BATCH;
  if (spec === null) {
    const t0 = performance.now();
    const r = await evaluate((x) => model.predict(x, { batchSize }) as tf.Tensor, data, { batchSize });
    return { ...r, timing: { patch: 0, tune: 0, inference: (performance.now() - t0) / 1000 } };
  }
  const patchModel = layersPatchModel();
  if (patchModel === null)
    throw new InvalidParameterError({
      where: 'memsim experiment',
      parameter: '@memsim/layers',
      value: 'no patchModel',
      expected: 'a build of @memsim/layers that exports patchModel (memristive simulation is not available yet)',
    });
  const t0 = performance.now();
  let mm: MemristiveModelLike;
  try {
    mm = await patchModel(model, patchOptions(spec, seed, options.threads));
  } catch (error) {
    // A device population that cannot be drawn (overlapping rOn / rOff distributions at large σ) is a property of
    // the sweep point, not a bug: the trial is recorded as failed and the sweep goes on.
    if (MemsimError.isInstance(error) && /redraw/i.test((error as Error).message))
      return {
        accuracy: Number.NaN,
        failure: (error as Error).message.split('\n')[0]!,
        predictions: new Int32Array(0),
        timing: { patch: (performance.now() - t0) / 1000, tune: 0, inference: 0 },
      };
    throw error;
  }
  const list = nonidealityList(spec, seed);
  if (list.length > 0) applyTo(mm, list);
  const t1 = performance.now();
  if (spec.tune) await mm.tune?.(spec.tuneSamples === undefined ? {} : { samples: spec.tuneSamples });
  driftAfterTuning(mm, spec, seed);
  const t2 = performance.now();
  // Whole evaluation batches through the crossbars (tfjs' default predict batch of 32 is slower).
  const r = await evaluate((x) => mm.predict(x, { batchSize }), data, { batchSize });
  const t3 = performance.now();
  mm.dispose?.();
  return { ...r, timing: { patch: (t1 - t0) / 1000, tune: (t2 - t1) / 1000, inference: (t3 - t2) / 1000 } };
}
