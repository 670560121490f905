import type * as tf from '@tensorflow/tfjs';
import {
  checkBoolean,
  createRng,
  InvalidParameterError,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { MappedCrossbars } from '@memsim/crossbar';
import type { OutputCalibration } from '@memsim/mapping';
import { applyNonidealities } from '@memsim/nonideality';
import type { ApplyNonidealitiesReport, NonidealitySpec } from '@memsim/nonideality';
import type { MemristiveLayer, RecordedInputs } from '../memristive/memristive-layer';
import { tuneSet } from '../internal/tune-layer';
import { createCrossbarEngine } from '../patch/create-crossbar-engine';
import { linkNormalizationFolds } from '../patch/fold-normalization';
import type { CrossbarEngineOptions } from '../patch/create-crossbar-engine';
import type { ReadoutConfig } from '../config/readout-config';
import type { EngineFactory } from '../patch/patch-options';
import type { LayerCrossbars, LayerProgram, LayerSummary } from './layer-program';
import { ChipNoiseState } from './noise-state';

/**
 * Options of {@link MemristiveModel.tune}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const options: TuneOptions = { samples: 1024, perColumn: false }; // the defaults; data: random inputs in [−1, 1); seed: the patch seed
 * patched.tune(options)[0].calibration.slope; // → Float64Array [≈1]: an ideal read-out needs no correction
 */
export interface TuneOptions {
  /**
   * Calibration inputs of the whole model (what `predict` takes). Each layer is calibrated on the inputs its
   * crossbars receive in a digital (legacy) forward of this data. @default uniform random inputs in [−1, 1) per crossbar set
   */
  data?: tf.Tensor | tf.Tensor[];
  /** Input rows per crossbar set used for the fit (with `data`: a seeded uniform sample of the rows the set receives). @default 1024 */
  samples?: number;
  /** One slope/intercept per output column instead of one per crossbar set (MemTorch: one per layer). @default false */
  perColumn?: boolean;
  /** Seed of the random inputs and the row sampling. @default the patch seed */
  seed?: number;
}

/**
 * Defaults of {@link MemristiveModel.tune}.
 *
 * @example
 * DEFAULT_TUNE_OPTIONS; // → { samples: 1024, perColumn: false }
 */
export const DEFAULT_TUNE_OPTIONS = Object.freeze({ samples: 1024, perColumn: false });

/**
 * One fitted calibration: layer, crossbar set, slope/intercept/R² (length 1, or one per column).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const [result]: TuneResult[] = patched.tune({ perColumn: true });
 * [result.index, result.calibration.slope.length]; // → [0, 3]: crossbar set 0, one slope per output column
 */
export interface TuneResult {
  layer: string;
  index: number;
  calibration: OutputCalibration;
}

// A fit needs two rows at least; the seed is checked by createRng (absent: the patch seed).
const TUNE_SCHEMA = {
  data: option.optional(rule.any<tf.Tensor | tf.Tensor[]>()),
  samples: option.withDefault(rule.integerRange(2, Number.MAX_SAFE_INTEGER), DEFAULT_TUNE_OPTIONS.samples),
  perColumn: option.withDefault(rule.boolean, DEFAULT_TUNE_OPTIONS.perColumn),
  seed: option.optional(rule.any<number>()),
} satisfies OptionsSchema<TuneOptions>;

const PREDICT_SCHEMA = { batchSize: option.optional(rule.positiveInteger) } satisfies OptionsSchema<{
  batchSize?: number;
}>;

/**
 * How the model's crossbars are read and tuned: everything `save` must keep besides the devices. @internal
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const patched = await patchModel(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] }), { model: VTEAM });
 * const settings: Readonly<ChipSettings> = patched.settings;
 * [settings.engine.mode, settings.seed]; // → ['ideal', 0]
 */
export interface ChipSettings {
  /** Engine options of every crossbar set (mode, tiles, ADC, DAC, encoding, resistances). */
  engine: CrossbarEngineOptions;
  /** Seed of tuning inputs. */
  seed: number;
}

/** Constructor input of {@link MemristiveModel} (built by `patchModel` and `loadChip`). @internal */
export interface MemristiveModelInit {
  model: tf.LayersModel;
  programs: LayerProgram[];
  settings: ChipSettings;
  engineFactory: EngineFactory | null;
}

/**
 * A patched model: the new tfjs model whose selected layers compute on simulated crossbars, plus the programmed
 * chip (crossbars, calibrations, read-out settings). Built by `patchModel`; saved and reloaded with `saveChip` /
 * `loadChip` (or `saveChipToDirectory` in Node).
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { VTEAM } from '@memsim/devices';
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] });
 * const patched: MemristiveModel = await patchModel(model, { model: VTEAM, adc: { bits: 8 } });
 * patched.summary()[0]!.className; // → 'MemristiveDense'
 * patched.applyNonidealities([{ kind: 'finiteConductanceStates', states: 16 }]);
 * patched.predict(tf.ones([2, 6])); // the memristive forward pass
 */
export class MemristiveModel {
  /** The patched tfjs model (use it like any LayersModel; the original is untouched). */
  readonly model: tf.LayersModel;
  private readonly programs: LayerProgram[];
  private settingsValue: ChipSettings;
  private readonly engineFactory: EngineFactory | null;
  /** Read-noise generators and drift-compensation factors (issue 17). */
  private readonly noise = new ChipNoiseState();

  /** @internal use `patchModel` or `loadChip`. */
  constructor(init: MemristiveModelInit) {
    this.model = init.model;
    this.programs = init.programs;
    this.settingsValue = init.settings;
    this.engineFactory = init.engineFactory;
    this.installEngines();
    // conv → BatchNormalization (→ ReLU) chains compute in the conv's kernel epilogue at inference.
    linkNormalizationFolds(this.model);
  }

  /** The memristive layers, in model order. */
  get layers(): MemristiveLayer[] {
    return this.programs.map((p) => p.layer);
  }

  /** Read-out settings of the chip (engine options and tuning seed). */
  get settings(): Readonly<ChipSettings> {
    return this.settingsValue;
  }

  /** The layer programs (crossbar sets per layer). @internal */
  get layerPrograms(): readonly LayerProgram[] {
    return this.programs;
  }

  /** Read-noise generators and drift-compensation factors. @internal */
  get noiseState(): ChipNoiseState {
    return this.noise;
  }

  /** The engine of a crossbar set before drift compensation (with its own read-noise generator). */
  private rawEngine(mapped: MappedCrossbars, setIndex: number, layer: MemristiveLayer) {
    // An unset ADC range follows MemTorch's rule for the layer kind (per image for convolutions).
    const settings = this.settingsValue.engine;
    const engine = settings.adcRange === undefined ? { ...settings, adcRange: layer.defaultAdcRange } : settings;
    const rng =
      engine.readNoise === undefined ? undefined : this.noise.rngFor(mapped, setIndex, this.settingsValue.seed);
    return createCrossbarEngine(mapped, engine, rng);
  }

  /** (Re)creates every engine from the crossbars, keeping the calibrations. */
  private installEngines(): void {
    let setIndex = 0;
    for (const program of this.programs) {
      const { layer } = program;
      const saved = program.sets.map((_, i) => (layer.hasEngines ? layer.calibration(i) : null));
      const engines = program.sets.map((mapped, index) => {
        if (mapped !== null) return this.noise.compensated(mapped, this.rawEngine(mapped, setIndex++, layer));
        if (this.engineFactory === null)
          throw new InvalidParameterError({
            where: 'MemristiveModel',
            parameter: `layer '${layer.name}'`,
            value: null,
            expected: 'crossbars or an engine factory',
          });
        return this.engineFactory({ layer: layer.name, index, weights: layer.crossbarWeights()[index]! });
      });
      layer.setEngines(engines);
      for (const [i, c] of saved.entries()) layer.setCalibration(i, c);
    }
  }

  /**
   * Changes how the crossbars are read (e.g. switch to `mode: 'nonlinear'` after a non-linear I-V transform) and
   * rebuilds the engines; calibrations are kept (re-`tune` after a change that alters the gain). Takes a
   * {@link ReadoutConfig} (the `readout` of `patchModel`), merged into the current one — a key set to `undefined`
   * removes that setting — plus the run-time `threads`.
   *
   * @throws {InvalidParameterError} when the model uses a custom engine factory or an option is invalid (the
   *   read-out is then unchanged).
   */
  setReadout(readout: ReadoutConfig & { threads?: number }): void {
    if (this.engineFactory !== null)
      throw new InvalidParameterError({
        where: 'MemristiveModel.setReadout',
        parameter: 'readout',
        value: readout,
        expected: 'used with @memsim/crossbar engines (not a custom engine factory)',
      });
    const previous = this.settingsValue;
    this.settingsValue = { ...previous, engine: { ...previous.engine, ...readout } };
    try {
      this.installEngines();
    } catch (error) {
      this.settingsValue = previous;
      this.installEngines();
      throw error;
    }
  }

  /**
   * Runs the patched model (memristive layers on crossbars unless `setLegacy(true)`).
   *
   * @param x - input tensor(s) as the original model takes them.
   * @param options - `batchSize` (default 32, as tfjs).
   */
  predict(x: tf.Tensor | tf.Tensor[], options: { batchSize?: number } = {}): tf.Tensor | tf.Tensor[] {
    const { batchSize } = resolveOptions('MemristiveModel.predict', options, PREDICT_SCHEMA);
    checkPredictInput(x);
    // Absent: tfjs's own default (32), so the digital and memristive forwards batch alike.
    return this.model.predict(x, batchSize === undefined ? {} : { batchSize });
  }

  /**
   * Switches every memristive layer between its digital reference forward (true; MemTorch's `forward_legacy`) and
   * the crossbar forward (false).
   */
  setLegacy(on: boolean): void {
    checkBoolean('MemristiveModel.setLegacy', 'on', on);
    for (const layer of this.layers) layer.setLegacy(on);
  }

  /**
   * Calibrates every crossbar set: fits output ≈ slope · raw + intercept against the digital product of the same
   * inputs (per set, or per output column), on random inputs or on the inputs the set receives for `data`. Always
   * fitted on raw outputs, so tuning twice equals tuning once (MemTorch's re-tune compounds).
   *
   * @throws {InvalidParameterError} on an unknown or invalid option.
   */
  tune(options: TuneOptions = {}): TuneResult[] {
    const where = 'MemristiveModel.tune';
    const o = resolveOptions(where, options, TUNE_SCHEMA);
    const { samples, perColumn } = o;
    const rng = createRng(o.seed ?? this.settingsValue.seed);
    let recorded: RecordedInputs[][] | null = null;
    if (o.data !== undefined) {
      const legacy = this.layers.map((l) => l.legacy);
      for (const layer of this.layers) {
        layer.setLegacy(true);
        layer.startRecording(samples, rng);
      }
      try {
        const out = this.model.predict(o.data);
        for (const t of Array.isArray(out) ? out : [out]) t.dispose();
      } finally {
        recorded = this.layers.map((l) => l.stopRecording());
        for (const [i, l] of this.layers.entries()) l.setLegacy(legacy[i]!);
      }
    }
    const results: TuneResult[] = [];
    this.programs.forEach((program, p) => {
      const { layer } = program;
      const weights = layer.crossbarWeights();
      weights.forEach((w, index) => {
        let input: { data: Float32Array; rows: number };
        if (recorded !== null) {
          const r = recorded[p]![index]!;
          input = { data: r.data.subarray(0, r.rows * w.rows), rows: r.rows };
          if (input.rows < 2)
            throw new InvalidParameterError({
              where,
              parameter: 'data',
              value: o.data,
              expected: `enough inputs to give layer '${layer.name}' at least 2 rows`,
            });
        } else
          input = { data: rng.fillUniform(new Float32Array(samples * w.rows), -1, 1) as Float32Array, rows: samples };
        const calibration = tuneSet(layer, index, input.data, input.rows, perColumn);
        layer.setCalibration(index, calibration);
        results.push({ layer: layer.name, index, calibration });
      });
    });
    return results;
  }

  /**
   * Applies non-idealities (finite states, faults, variability, non-linear I-V, endurance, retention) to every
   * crossbar of the model, in order, through `@memsim/nonideality` (mutates the chip). A `nonLinear` spec switches the
   * read-out to the crossbar's `'nonlinear'` mode (as in MemTorch, it replaces the tiled/passive read-out). Calibrations
   * are kept: call `tune()` again to re-calibrate on the degraded chip.
   *
   * @throws {InvalidParameterError} when the model runs on a custom engine factory or a spec is invalid.
   * @example
   * patched.applyNonidealities([{ kind: 'deviceFaults', lrsProportion: 0.05, hrsProportion: 0.05, electroformProportion: 0, seed: 1 }]);
   */
  applyNonidealities(list: readonly NonidealitySpec[]): ApplyNonidealitiesReport {
    const all = this.programs.flatMap((p) => p.sets.flatMap((s) => (s === null ? [] : s.crossbars)));
    if (all.length === 0)
      throw new InvalidParameterError({
        where: 'MemristiveModel.applyNonidealities',
        parameter: 'model',
        value: 'custom engine',
        expected: 'a model programmed on @memsim/crossbar crossbars',
      });
    const report = applyNonidealities(all, list);
    if (list.some((spec) => spec.kind === 'nonLinear') && this.settingsValue.engine.mode !== 'nonlinear')
      this.setReadout({ mode: 'nonlinear' });
    return report;
  }

  /**
   * Global drift compensation (aihwkit `GlobalDriftCompensation`, run after `drift_analog_weights`): reads the
   * identity through every crossbar set's read-out now (ADC, read noise and all), compares the mean |output| with the
   * exact read of the conductances as programmed (`@memsim/nonideality` `globalDriftCompensation`) and rescales that
   * set's outputs by the ratio from now on. Call it after each `pcmDrift`; saved with the chip.
   *
   * @returns the factor of every crossbar set, in chip order.
   * @throws {InvalidParameterError} when the model runs on a custom engine factory.
   * @example
   * patched.applyNonidealities([{ kind: 'pcmDrift', time: 86400, seed: 1 }]);
   * patched.compensateDrift(); // → [1.52, 1.49, …]
   */
  compensateDrift(): number[] {
    this.requireCrossbars('MemristiveModel.compensateDrift');
    const factors: number[] = [];
    let setIndex = 0;
    for (const program of this.programs)
      for (const mapped of program.sets)
        if (mapped !== null)
          factors.push(this.noise.measure(mapped, this.rawEngine(mapped, setIndex++, program.layer)));
    return factors;
  }

  /** Removes the drift compensation of every set (outputs no longer rescaled). */
  clearDriftCompensation(): void {
    this.noise.clearFactors();
  }

  /** The drift-compensation factor of every crossbar set, in chip order (1 = none). */
  driftCompensation(): number[] {
    return this.programs.flatMap((p) => p.sets.flatMap((s) => (s === null ? [] : [this.noise.factor(s)])));
  }

  private requireCrossbars(where: string): void {
    if (this.programs.every((p) => p.sets.every((s) => s === null)))
      throw new InvalidParameterError({
        where,
        parameter: 'model',
        value: 'custom engine',
        expected: 'a model programmed on @memsim/crossbar crossbars',
      });
  }

  /** The crossbar sets of every layer (empty sets for layers on a custom engine). */
  crossbars(): LayerCrossbars[] {
    return this.programs.map((p) => ({
      layer: p.layer.name,
      className: p.layer.getClassName(),
      sets: p.sets.filter((s): s is MappedCrossbars => s !== null),
    }));
  }

  /** Devices, tiles, crossbars and weights per memristive layer. */
  summary(): LayerSummary[] {
    return this.programs.map((p) => {
      let crossbars = 0;
      let tiles = 0;
      let devices = 0;
      let weights = 0;
      for (const set of p.sets) {
        if (set === null) continue;
        weights += set.rows * set.cols;
        for (const xbar of set.crossbars) {
          crossbars++;
          devices += xbar.size;
          tiles += xbar.tileShape
            ? Math.ceil(xbar.rows / xbar.tileShape[0]) * Math.ceil(xbar.cols / xbar.tileShape[1])
            : 1;
        }
      }
      return {
        layer: p.layer.name,
        className: p.layer.getClassName(),
        sets: p.sets.length,
        crossbars,
        tiles,
        devices,
        weights,
      };
    });
  }

  /** Frees the tfjs model's tensors. */
  dispose(): void {
    this.model.dispose();
  }
}

/** `predict` takes a tensor or an array of tensors; anything else (null, a plain array of numbers) is a typed error. */
function checkPredictInput(x: unknown): void {
  // Duck-typed: tfjs is a type-only import here, and instanceof fails across two copies of tfjs anyway.
  const isTensor = (t: unknown) =>
    typeof t === 'object' &&
    t !== null &&
    Array.isArray((t as { shape?: unknown }).shape) &&
    typeof (t as { dataSync?: unknown }).dataSync === 'function';
  if (!(isTensor(x) || (Array.isArray(x) && x.length > 0 && x.every(isTensor))))
    throw new InvalidParameterError({
      where: 'MemristiveModel.predict',
      parameter: 'x',
      value: x,
      expected: 'a tf.Tensor or a non-empty array of tf.Tensors (the inputs the original model takes)',
    });
}
