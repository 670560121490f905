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
 */
export type CrossbarEngine = (input: Float32Array, batch: number, samples?: number) => Float32Array;
