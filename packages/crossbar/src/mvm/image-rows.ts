import type { ConvPatches } from './mvm-conv';

/**
 * An implicit im2col matrix for the WebAssembly tiled kernel (src/mvm/tiled-wasm.ts, asm/gemm.ts `packImage`): the
 * rows are the output positions of a convolution over a channels-last image (sample, then d, h, w), the columns the
 * kernel window of one channel group in (c, kd, kh, kw) or (kd, kh, kw, c) order, each value the input voltage
 * f32(x · scale[sample]) and 0 in the zero padding. The kernel packs its panels from the image directly (no im2col
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
}

/** Bytes the image takes in the kernel's memory (the group's channels only), rounded up to 16. */
export function imageBytes(image: ImageRows): number {
  const [D, H, W] = image.inSize;
  return Math.ceil((image.samples * D * H * W * image.channelsPerGroup) / 4) * 16;
}

/**
 * Writes the image block the kernel reads: 25 i32 words at `pconv` (the layout asm/gemm.ts `packImage` documents;
 * word 1, the chunk's first row, is set per chunk), the scales at `pscale`, the gains at `pgain`, and the group's
 * channels of the image at `pimg` (a gather when the image has other groups, else one copy).
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
  new Int32Array(buffer, pconv, 25).set([
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
  ]);
  new Float64Array(buffer, pscale, image.samples).set(image.scale);
  new Float64Array(buffer, pgain, image.gain.length).set(image.gain);
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
