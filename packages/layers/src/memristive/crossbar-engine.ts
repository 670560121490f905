import type { ConvPatches, OutputEpilogue } from '@memsim/crossbar';

/**
 * The crossbar computation a memristive layer delegates to, one per crossbar set (one per conv group; the input and
 * the recurrent kernel of an RNN): given `batch` input rows of `rows` values (row-major, in the layer's input units),
 * return `batch` rows of `cols` outputs **in weight units**, i.e. an estimate of input · W where W is the digital
 * weight matrix the crossbars were programmed from (rows = word lines = inputs, cols = bit lines = outputs).
 * Encoding to voltages and undoing it, the MVM mode, ADC/DAC and non-idealities all live inside the engine
 * (`createCrossbarEngine` builds one from `@memsim/crossbar`); the layer applies its calibration, bias and
 * activation on top.
 *
 * `samples` says how many independent samples (images) the rows come from, each owning `batch / samples` contiguous
 * rows (a conv layer: one image's patches); data-dependent ranges taken "per sample" (the `'sample'` input encoding,
 * a per-sample ADC range) are taken over those rows, so a sample's result never depends on the rest of the batch.
 * Default: `batch` (every row is its own sample). A custom engine may ignore it.
 *
 * @example
 * // A digital engine (exact input · W), e.g. as the baseline returned by an EngineFactory.
 * const w = Float32Array.of(0.5, -1, 0.25, 0.75, -0.125, 0); // 3 inputs × 2 outputs, row-major
 * const digital: CrossbarEngine = (input, batch) => {
 *   const out = new Float32Array(batch * 2);
 *   for (let b = 0; b < batch; b++) for (let r = 0; r < 3; r++) for (let c = 0; c < 2; c++) out[b * 2 + c] += input[b * 3 + r] * w[r * 2 + c];
 *   return out;
 * };
 * digital(Float32Array.of(1, 0, 0.5), 1); // → Float32Array [0.4375, -1]
 */
export type CrossbarEngine = ((input: Float32Array, batch: number, samples?: number) => Float32Array) & {
  /**
   * Optional fast path of a convolution (set by `createCrossbarEngine` for the read-outs `@memsim/crossbar` `mvmConv`
   * covers): the engine's result on the im2col rows of `image` (`patches.samples` samples), computed without the
   * im2col matrix, or null when it does not apply (the layer then unfolds and calls the engine). Same numbers.
   * With `epilogue` (passed only when `fusesEpilogue` is set) the result is mapped by it, as `@memsim/crossbar`
   * `applyOutputEpilogue` would.
   */
  readonly conv?: (image: Float32Array, patches: ConvPatches, epilogue?: OutputEpilogue) => Float32Array | null;
  /**
   * True when `conv` applies an epilogue it is given (`createCrossbarEngine`'s engines: inside the kernel, per
   * thread); otherwise the layer applies its bias, activation and folded normalisation after the call.
   */
  readonly fusesEpilogue?: boolean;
};
