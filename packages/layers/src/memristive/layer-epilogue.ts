import type { OutputEpilogue } from '@memsim/crossbar';
import type { OutputCalibration } from '@memsim/mapping';

/** A per-channel affine map y ↦ scale·y + shift (an inference batch normalisation folded into its input layer). */
export interface ChannelAffine {
  readonly scale: Float64Array;
  readonly shift: Float64Array;
}

/**
 * The digital tail of a memristive layer as one {@link OutputEpilogue} over its `cols` output channels:
 * act(affine(y + bias)), i.e. scale = a, shift = a·bias + t (a = 1, t = 0 without an affine), act a ReLU when `relu`.
 * Null when there is nothing to do (no bias, no affine, no ReLU). Only linear and ReLU activations are of this form:
 * the caller passes other activations through tfjs.
 */
export function layerEpilogue(
  cols: number,
  bias: Float32Array | null,
  affine: ChannelAffine | null,
  relu: boolean,
): OutputEpilogue | null {
  if (bias === null && affine === null && !relu) return null;
  const scale = new Float64Array(cols);
  const shift = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    const a = affine === null ? 1 : affine.scale[c]!;
    scale[c] = a;
    shift[c] = a * (bias === null ? 0 : bias[c]!) + (affine === null ? 0 : affine.shift[c]!);
  }
  return { scale, shift, relu };
}

/** Columns [from, from + count) of an epilogue (one conv group's output channels). */
export function epilogueColumns(epilogue: OutputEpilogue, from: number, count: number): OutputEpilogue {
  if (from === 0 && count === epilogue.scale.length) return epilogue;
  return {
    scale: epilogue.scale.slice(from, from + count),
    shift: epilogue.shift.slice(from, from + count),
    relu: epilogue.relu,
  };
}

/**
 * An epilogue that first applies the crossbar set's output calibration (y ↦ slope·y + intercept, shared or per
 * column) as its pre stage, rounded to float32 as the separate calibration pass rounds it, so a layer without a
 * folded batch norm gives the bits of calibrate → add bias → ReLU.
 */
export function withCalibration(epilogue: OutputEpilogue, calibration: OutputCalibration | null): OutputEpilogue {
  if (calibration === null) return epilogue;
  const { slope, intercept } = calibration;
  const shared = slope.length === 1;
  const cols = epilogue.scale.length;
  const pre = {
    scale: Float64Array.from({ length: cols }, (_, c) => slope[shared ? 0 : c]!),
    shift: Float64Array.from({ length: cols }, (_, c) => intercept[shared ? 0 : c]!),
  };
  return { ...epilogue, pre };
}
