import type { ConvPatches } from './mvm-conv';
import type { OutputEpilogue } from './output-epilogue';

/**
 * An implicit im2col matrix for the WebAssembly tiled kernel (src/mvm/tiled-wasm.ts, asm/gemm.ts `packImage`): the
 * rows are the output positions of a convolution over a channels-last image (sample, then d, h, w), the columns the
 * kernel window of one channel group in (c, kd, kh, kw) or (kd, kh, kw, c) order, each value the input voltage
 * f32(x · scale[sample]) (through the DAC when there is one) and 0 in the zero padding. The kernel packs its panels from the image directly (no im2col
 * matrix, no separate encoding pass) and returns y = f32(f32(o / gain[c]) · (1 / scale[sample])), the outputs in
 * the image's units. Kernel data: no checks.
 */
export interface ImageRows extends Omit<ConvPatches, 'group' | 'rowOrder'> {
  /** Channels-last image data, samples · D · H · W · channels. */
  readonly data: Float32Array;
  /** First channel of the group. */
  readonly channelOffset: number;
  /** Column order (c, kd, kh, kw) when true, else (kd, kh, kw, c). */
  readonly channelsFirst: boolean;
  /** Input scale per sample (voltage = x · scale; the outputs are divided by it). */
  readonly scale: Float64Array;
  /** Mapping gain per output column (outputs are divided by it). */
  readonly gain: Float64Array;
  /** DAC on the voltages (a checked config with range ≤ 2^126), or null. */
  readonly dac: Readonly<{ bits: number; range: number }> | null;
  /** Per-column affine map (and ReLU) applied to the outputs by each thread (a checked epilogue), or null. */
  readonly epilogue: OutputEpilogue | null;
}

/** Bytes of the image block at `pconv` (26 i32 words, the DAC's 4 f64 at +104, the epilogue's 4 i32 words at +136). */
export const IMAGE_BLOCK_BYTES = 152;

/** Bytes of the epilogue's f64 arrays per column (scale, shift, and the pre-stage's two), placed after the gains. */
export function epilogueBytes(image: ImageRows): number {
  const e = image.epilogue;
  return e === null ? 0 : image.gain.length * (e.pre === undefined ? 16 : 32);
}

/** Bytes the image takes in the kernel's memory (the group's channels only), rounded up to 16. */
export function imageBytes(image: ImageRows): number {
  const [D, H, W] = image.inSize;
  return Math.ceil((image.samples * D * H * W * image.channelsPerGroup) / 4) * 16;
}

/**
 * Writes the image block the kernel reads: 26 i32 words and 4 f64 at `pconv` (the layout asm/gemm.ts `packImage` documents;
 * word 1, the chunk's first row, is set per chunk), the scales at `pscale`, the gains at `pgain` followed by the
 * epilogue's scales and shifts ({@link epilogueBytes}), and the group's channels of the image at `pimg` (a gather when
 * the image has other groups, else one copy).
 */
export function writeImage(
  buffer: ArrayBufferLike,
  image: ImageRows,
  pconv: number,
  pscale: number,
  pgain: number,
  pimg: number,
): void {
  const {
    inSize,
    outSize,
    kernel,
    strides,
    dilation,
    padBefore,
    channels,
    channelOffset,
    channelsPerGroup: cg,
  } = image;
  const positions = outSize[0] * outSize[1] * outSize[2];
  new Int32Array(buffer, pconv, 26).set([
    pimg,
    0,
    positions,
    ...outSize,
    ...inSize,
    cg,
    ...kernel,
    ...strides,
    ...dilation,
    ...padBefore,
    image.channelsFirst ? 1 : 0,
    pscale,
    pgain,
    image.dac === null ? 0 : 1,
  ]);
  // quantizeInput's top level, scale and step (float64, from the same operands).
  if (image.dac !== null) {
    const { bits, range } = image.dac;
    const top = 2 ** (bits - 1) - 1;
    new Float64Array(buffer, pconv + 104, 4).set([top, top / range, range / top, range]);
  }
  new Float64Array(buffer, pscale, image.samples).set(image.scale);
  const cols = image.gain.length;
  new Float64Array(buffer, pgain, cols).set(image.gain);
  // Epilogue pointers (0: none) and its per-column scale and shift right after the gains.
  const epilogue = image.epilogue;
  const pmul = epilogue === null ? 0 : pgain + cols * 8;
  const ppre = epilogue?.pre === undefined ? 0 : pmul + cols * 16;
  new Int32Array(buffer, pconv + 136, 4).set([pmul, pmul === 0 ? 0 : pmul + cols * 8, epilogue?.relu ? 1 : 0, ppre]);
  if (epilogue !== null) {
    new Float64Array(buffer, pmul, cols).set(epilogue.scale);
    new Float64Array(buffer, pmul + cols * 8, cols).set(epilogue.shift);
  }
  if (epilogue?.pre !== undefined) {
    new Float64Array(buffer, ppre, cols).set(epilogue.pre.scale);
    new Float64Array(buffer, ppre + cols * 8, cols).set(epilogue.pre.shift);
  }
  const pixels = image.samples * inSize[0] * inSize[1] * inSize[2];
  const heap = new Float32Array(buffer, pimg, pixels * cg);
  if (cg === channels) {
    heap.set(image.data.subarray(0, pixels * cg));
    return;
  }
  const src = image.data;
  for (let p = 0, s = channelOffset, d = 0; p < pixels; p++, s += channels)
    for (let c = 0; c < cg; c++) heap[d++] = src[s + c]!;
}
