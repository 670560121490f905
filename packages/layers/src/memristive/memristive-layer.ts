import * as tf from '@tensorflow/tfjs';
import { checkBoolean, InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import type { Matrix, Rng } from '@memsim/core';
import { applyCalibration } from '@memsim/mapping';
import type { OutputCalibration } from '@memsim/mapping';
import type { CrossbarEngine } from './crossbar-engine';
import { applyOutputEpilogue } from '@memsim/crossbar';
import type { ConvPatches, OutputEpilogue } from '@memsim/crossbar';
import { withCalibration } from './layer-epilogue';

/**
 * Inputs one crossbar set received while recording (for `tune({ data })`): a uniform random sample (reservoir) of at
 * most `capacity` input rows, so memory stays bounded whatever the amount of calibration data.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * import { createRng } from '@memsim/core';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * patched.layers[0].startRecording(4, createRng(1)); // keep at most 4 input rows per crossbar set
 * patched.predict(tf.ones([10, 6]));
 * const [recorded]: RecordedInputs[] = patched.layers[0].stopRecording();
 * [recorded.rows, recorded.seen]; // → [4, 10]
 */
export interface RecordedInputs {
  /** Row-major sampled rows (`rows` of them are filled). */
  data: Float32Array;
  /** Filled rows. */
  rows: number;
  /** Rows seen in total. */
  seen: number;
}

/**
 * Base class of every memristive layer: a real `tf.layers.Layer` whose matrix products run on injected
 * {@link CrossbarEngine}s (one per crossbar set), followed by the set's output calibration, the digital bias and the
 * original activation. With no engines, or with `setLegacy(true)`, it is the digital tfjs layer (MemTorch's
 * `forward_legacy`). The digital kernel stays a layer weight, so tfjs saving, `getWeights` and legacy mode keep working.
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] });
 * const patched = await patchModel(model, { model: VTEAM });
 * patched.model.layers[0] instanceof MemristiveLayer; // → true: every memristive layer (Dense, Conv, RNN) is one
 */
export abstract class MemristiveLayer extends tf.layers.Layer {
  /** Brand for {@link MemristiveLayer.isMemristiveLayer} (works across copies of the library). */
  readonly memsimLayer = true;
  private engines: CrossbarEngine[] | null = null;
  private calibrations: (OutputCalibration | null)[] = [];
  private legacyMode = false;
  private recorded: RecordedInputs[] | null = null;
  private recordRng: Rng | null = null;
  private recordCapacity = 0;

  /**
   * Every memristive layer needs its args object (units, filters, …): check it before tfjs's Layer constructor reads
   * it, so `new MemristiveDense(null)` is an InvalidParameterError rather than a TypeError from inside tfjs.
   */
  constructor(args: tf.serialization.ConfigDict | object) {
    super(checkLayerArgs((new.target as { className?: string }).className ?? new.target.name, args));
  }

  /** True when `value` is a memristive layer of any copy of this library. */
  static isMemristiveLayer(value: unknown): value is MemristiveLayer {
    return typeof value === 'object' && value !== null && (value as { memsimLayer?: unknown }).memsimLayer === true;
  }

  /**
   * The digital weight matrices the crossbars hold, one per crossbar set, rows = inputs in the order this layer
   * unfolds them (conv: its `rowOrder`, (c, kd, kh, kw) by default), cols = outputs. The layer must be built.
   */
  abstract crossbarWeights(): Matrix<Float32Array>[];

  /** Number of crossbar sets this layer needs (conv groups, or 2 for an RNN). The layer must be built. */
  get crossbarSetCount(): number {
    return this.crossbarWeights().length;
  }

  /**
   * Installs the engines (one per crossbar set) and resets the calibrations to none; `null` removes them (digital).
   *
   * @throws {ShapeMismatchError} when the number of engines differs from the number of crossbar sets.
   */
  setEngines(engines: readonly CrossbarEngine[] | null): void {
    if (engines === null) {
      this.engines = null;
      this.calibrations = [];
      return;
    }
    const count = this.crossbarSetCount;
    if (!Array.isArray(engines) || engines.length !== count || engines.some((e) => typeof e !== 'function'))
      throw new ShapeMismatchError({
        where: `${this.name}.setEngines`,
        parameter: 'engines',
        expectedShape: [count],
        actualShape: [Array.isArray(engines) ? engines.length : -1],
        detail: '(one engine function per crossbar set)',
      });
    this.engines = engines.slice();
    this.calibrations = new Array<OutputCalibration | null>(count).fill(null);
  }

  /** True when engines are installed. */
  get hasEngines(): boolean {
    return this.engines !== null;
  }

  /** The raw engine of crossbar set `index` (no calibration), or null. */
  engine(index: number): CrossbarEngine | null {
    return this.engines?.[index] ?? null;
  }

  /** Switches between the digital reference forward (true) and the memristive forward (false). */
  setLegacy(on: boolean): void {
    this.legacyMode = checkBoolean(`${this.name}.setLegacy`, 'on', on);
  }

  /** True when the layer runs its digital reference forward. */
  get legacy(): boolean {
    return this.legacyMode;
  }

  /**
   * Sets (or clears, with null) the output calibration of crossbar set `index`: y ← slope·y + intercept, shared
   * (length 1) or per output column.
   *
   * @throws {InvalidParameterError} when `index` is out of range or no engines are installed.
   */
  setCalibration(index: number, calibration: OutputCalibration | null): void {
    if (this.engines === null || !Number.isInteger(index) || index < 0 || index >= this.engines.length)
      throw new InvalidParameterError({
        where: `${this.name}.setCalibration`,
        parameter: 'index',
        value: index,
        expected:
          this.engines === null ? 'used after engines are installed' : `an integer in [0, ${this.engines.length - 1}]`,
      });
    this.calibrations[index] = calibration;
  }

  /** The calibration of crossbar set `index`, or null. */
  calibration(index: number): OutputCalibration | null {
    return this.calibrations[index] ?? null;
  }

  /**
   * Starts recording the inputs each crossbar set receives (used by `tune({ data })`): a seeded uniform sample of at
   * most `capacity` rows per set (reservoir sampling).
   */
  startRecording(capacity: number, rng: Rng): void {
    this.recordCapacity = capacity;
    this.recordRng = rng;
    this.recorded = this.crossbarWeights().map((w) => ({
      data: new Float32Array(capacity * w.rows),
      rows: 0,
      seen: 0,
    }));
  }

  /** Stops recording and returns what was recorded, one entry per crossbar set. */
  stopRecording(): RecordedInputs[] {
    const r = this.recorded ?? [];
    this.recorded = null;
    return r;
  }

  /** True when the forward must go through the crossbar engines. */
  protected get memristive(): boolean {
    return !this.legacyMode && this.engines !== null;
  }

  /** True while inputs are being recorded. */
  protected get recording(): boolean {
    return this.recorded !== null;
  }

  /** Adds the input rows of crossbar set `index` to its reservoir when recording. */
  protected record(index: number, input: Float32Array): void {
    const r = this.recorded?.[index];
    if (!r) return;
    const width = r.data.length / this.recordCapacity;
    const n = input.length / width;
    for (let i = 0; i < n; i++, r.seen++) {
      let slot = r.rows;
      if (r.rows < this.recordCapacity) r.rows++;
      else {
        slot = this.recordRng!.integer(r.seen + 1);
        if (slot >= this.recordCapacity) continue;
      }
      r.data.set(input.subarray(i * width, (i + 1) * width), slot * width);
    }
  }

  /**
   * The ADC range rule MemTorch uses for this kind of layer when the read-out does not set one: `'batch'` (one range
   * over the whole call: Linear) or `'sample'` (one per sample: MemTorch's convolutions quantise each image's output).
   */
  get defaultAdcRange(): 'batch' | 'sample' {
    return 'batch';
  }

  /**
   * Runs crossbar set `index` on `batch` input rows coming from `samples` samples (contiguous, `batch / samples` rows
   * each; default every row its own sample) and applies its calibration, then `epilogue` (the layer's digital tail
   * over the set's columns; null: none) in one pass.
   */
  protected runCrossbar(
    index: number,
    input: Float32Array,
    batch: number,
    samples?: number,
    epilogue: OutputEpilogue | null = null,
  ): Float32Array {
    const engine = this.engines![index]!;
    const y = samples === undefined ? engine(input, batch) : engine(input, batch, samples);
    const e = this.fusedEpilogue(index, epilogue);
    if (e === null) {
      const calibrated = this.calibrate(index, y);
      return epilogue === null ? calibrated : applyOutputEpilogue(calibrated, epilogue.scale.length, epilogue);
    }
    return applyOutputEpilogue(y, e.scale.length, e);
  }

  /**
   * Runs crossbar set `index` on the im2col rows of `image` through the engine's conv fast path (no im2col matrix)
   * and applies its calibration and `epilogue` (inside the engine's kernel when it fuses epilogues, on each thread's
   * rows); null when the engine has none or it does not apply.
   */
  protected runCrossbarOnImage(
    index: number,
    image: Float32Array,
    patches: ConvPatches,
    epilogue: OutputEpilogue | null = null,
  ): Float32Array | null {
    const engine = this.engines![index]!;
    const e = this.fusedEpilogue(index, epilogue);
    if (e !== null && engine.fusesEpilogue === true) return engine.conv?.(image, patches, e) ?? null;
    const y = engine.conv?.(image, patches) ?? null;
    if (y === null) return null;
    if (e !== null) return applyOutputEpilogue(y, e.scale.length, e);
    const calibrated = this.calibrate(index, y);
    return epilogue === null ? calibrated : applyOutputEpilogue(calibrated, epilogue.scale.length, epilogue);
  }

  /**
   * `epilogue` with set `index`'s calibration folded in, or null when there is no epilogue or the calibration does
   * not fit its columns (then the calibration runs on its own and raises its own error).
   */
  private fusedEpilogue(index: number, epilogue: OutputEpilogue | null): OutputEpilogue | null {
    if (epilogue === null) return null;
    const calibration = this.calibrations[index] ?? null;
    const k = calibration?.slope.length ?? 1;
    if (calibration !== null && ((k !== 1 && k !== epilogue.scale.length) || calibration.intercept.length !== k))
      return null;
    return withCalibration(epilogue, calibration);
  }

  private calibrate(index: number, y: Float32Array): Float32Array {
    const calibration = this.calibrations[index];
    return calibration ? Float32Array.from(applyCalibration(y, calibration)) : y;
  }
}

function checkLayerArgs<T>(className: string, args: T): T {
  if (typeof args !== 'object' || args === null || Array.isArray(args))
    throw new InvalidParameterError({
      where: className,
      parameter: 'args',
      value: args,
      expected: 'a layer args object',
    });
  return args;
}
