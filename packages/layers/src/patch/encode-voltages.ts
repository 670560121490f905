import { DEFAULT_SCALE_INPUT_OPTIONS } from '@memsim/mapping';
import type { ScalePer } from '@memsim/mapping';
import type { ConvPatches } from '@memsim/crossbar';
import { scratch32 } from '@memsim/core/internal';

/**
 * `@memsim/mapping` `scaleInput` for the engine's float32 hot path, with the same numbers (float64 scale per group,
 * `voltage = x · scale` rounded to float32): `per` 'batch' one scale, 'sample' one per group of `width` values, 'fixed'
 * `maxInputVoltage / inputRange`; a scale is `maxInputVoltage / peak` only when the peak exceeds `maxInputVoltage`.
 * The voltages land in a reused buffer (valid until the next call; the engine consumes them at once), which saves a
 * fresh allocation of the conv patches' size per layer call. Kernel: the engine has checked its options; NaN inputs
 * pass through and `mvm` rejects them.
 */
export function encodeVoltages(
  input: Float32Array,
  maxInputVoltage: number,
  per: ScalePer,
  groups: number,
): { voltages: Float32Array; scale: Float64Array } {
  const n = input.length;
  const count = per === 'sample' ? groups : 1;
  const width = n / count;
  const scale = new Float64Array(count);
  for (let g = 0; g < count; g++) {
    if (per === 'fixed') {
      scale[g] = maxInputVoltage / DEFAULT_SCALE_INPUT_OPTIONS.inputRange;
      continue;
    }
    let peak = 0;
    for (let i = g * width, end = (g + 1) * width; i < end; i++) {
      const a = Math.abs(input[i]!);
      if (a > peak) peak = a;
    }
    scale[g] = peak === 0 || peak <= maxInputVoltage ? 1 : maxInputVoltage / peak;
  }
  const voltages = scratch32('layers.engine-voltages', n);
  for (let g = 0, p = 0; g < count; g++) {
    const s = scale[g]!;
    for (let i = 0; i < width; i++, p++) voltages[p] = input[p]! * s;
  }
  return { voltages, scale: per === 'sample' ? scale : Float64Array.from({ length: groups }, () => scale[0]!) };
}

/**
 * `@memsim/mapping` `unscaleOutput(y, scale)` in place: `y[i] = y[i] · (1 / scale[group of i])` in float64, rounded
 * to float32 (its very arithmetic, so the same numbers). Kernel: `y.length` is a multiple of `scale.length`, scales > 0.
 */
export function unscaleInPlace(y: Float32Array, scale: Float64Array): Float32Array {
  const width = y.length / scale.length;
  for (let g = 0, p = 0; g < scale.length; g++) {
    const inv = 1 / scale[g]!;
    if (inv === 1) {
      p += width;
      continue;
    }
    for (let i = 0; i < width; i++, p++) y[p] = y[p]! * inv;
  }
  return y;
}

/**
 * The scales {@link encodeVoltages} would take for the im2col rows of `image` (one per sample with `per` 'sample',
 * else one for the call, repeated per sample), without the rows: the peak of a sample's patches is the peak over the
 * image values some window reads (the padding adds zeros, which never raise a peak), and a value is read iff its
 * position on every spatial axis is. For the engine's conv fast path. Kernel: the geometry is checked.
 */
export function imageScales(
  image: Float32Array,
  patches: ConvPatches,
  maxInputVoltage: number | undefined,
  per: ScalePer,
): Float64Array {
  const { samples, inSize, channels, channelsPerGroup: cg } = patches;
  const scale = new Float64Array(samples).fill(1);
  if (maxInputVoltage === undefined) return scale;
  if (per === 'fixed') return scale.fill(maxInputVoltage / DEFAULT_SCALE_INPUT_OPTIONS.inputRange);
  const [readD, readH, readW] = [0, 1, 2].map((a) => readPositions(patches, a));
  const peaks = new Float64Array(samples);
  const [D, H, W] = inSize;
  // Every value read (the usual 'same' conv over all channels): each sample's peak is over a contiguous block.
  if (cg === channels && readD!.every(Boolean) && readH!.every(Boolean) && readW!.every(Boolean)) {
    const size = D * H * W * channels;
    for (let b = 0; b < samples; b++) peaks[b] = peakAbs(image, b * size, (b + 1) * size);
  } else peaksOfReadValues(image, patches, [readD!, readH!, readW!], peaks);
  const rule = (peak: number) => (peak === 0 || peak <= maxInputVoltage ? 1 : maxInputVoltage / peak);
  if (per === 'sample') return scale.map((_, b) => rule(peaks[b]!));
  return scale.fill(rule(peaks.reduce((m, p) => Math.max(m, p), 0)));
}

/** max |a[i]| over [from, to). */
function peakAbs(a: Float32Array, from: number, to: number): number {
  let peak = 0;
  for (let i = from; i < to; i++) {
    const v = Math.abs(a[i]!);
    if (v > peak) peak = v;
  }
  return peak;
}

/** Per sample, the peak |value| of the group's channels over the positions some window reads. */
function peaksOfReadValues(
  image: Float32Array,
  patches: ConvPatches,
  [readD, readH, readW]: Uint8Array[],
  peaks: Float64Array,
): void {
  const { samples, inSize, channels, channelsPerGroup: cg } = patches;
  const [D, H, W] = inSize;
  for (let b = 0; b < samples; b++) {
    let peak = 0;
    for (let d = 0; d < D; d++) {
      if (!readD![d]) continue;
      for (let h = 0; h < H; h++) {
        if (!readH![h]) continue;
        for (let w = 0; w < W; w++) {
          if (!readW![w]) continue;
          const base = (((b * D + d) * H + h) * W + w) * channels + patches.group * cg;
          for (let c = 0; c < cg; c++) {
            const a = Math.abs(image[base + c]!);
            if (a > peak) peak = a;
          }
        }
      }
    }
    peaks[b] = peak;
  }
}

/** Which input positions along spatial axis `a` some window reads. */
function readPositions(p: ConvPatches, a: number): Uint8Array {
  const read = new Uint8Array(p.inSize[a]!);
  for (let o = 0; o < p.outSize[a]!; o++)
    for (let k = 0; k < p.kernel[a]!; k++) {
      const i = o * p.strides[a]! - p.padBefore[a]! + k * p.dilation[a]!;
      if (i >= 0 && i < read.length) read[i] = 1;
    }
  return read;
}
