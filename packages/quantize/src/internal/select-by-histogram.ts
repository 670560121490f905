import type { FloatArray } from './float-array';
import { selectKth } from './select';

/** True on little-endian platforms (all current JS engines' targets): the high word of a double is at index 1. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Buckets per histogram: the top 16 bits of |x| (exponent and leading mantissa bits) below the sign. */
const BUCKETS = 1 << 15;

/**
 * The `rank`-th largest |x| (0 = the largest) of unclamped data in two streaming passes and no copy of `x`:
 * non-negative IEEE numbers sort like their bit patterns, so a histogram of the top bits of |x| finds the bucket that
 * holds the wanted rank, and only that bucket's entries are gathered and selected exactly. Typically ~2 passes over
 * `x` against Floyd–Rivest's copy plus ~3 partition passes.
 */
export function selectMagnitudeByHistogram(x: FloatArray, rank: number): number {
  const n = x.length;
  const words =
    x instanceof Float32Array
      ? new Uint32Array(x.buffer, x.byteOffset, n)
      : new Uint32Array(x.buffer, x.byteOffset, 2 * n);
  const stride = x instanceof Float32Array ? 1 : 2;
  const offset = x instanceof Float32Array || !LITTLE_ENDIAN ? 0 : 1;
  // float32: sign·8 exponent bits·23 mantissa bits → bits 30..16; float64 high word: sign·11·20 → bits 30..16
  const counts = new Int32Array(BUCKETS);
  countBuckets(words, n, stride, offset, counts);
  // walk down from the largest bucket until the wanted rank falls inside one
  let bucket = BUCKETS - 1;
  let above = 0;
  while (above + counts[bucket]! <= rank) above += counts[bucket--]!;
  const members = x instanceof Float32Array ? new Float32Array(counts[bucket]!) : new Float64Array(counts[bucket]!);
  gatherBucket(x, words, stride, offset, bucket, members);
  // rank among the bucket's members, largest first → (size − 1 − (rank − above))-th smallest
  return selectKth(members, members.length - 1 - (rank - above));
}

function countBuckets(words: Uint32Array, n: number, stride: number, offset: number, counts: Int32Array): void {
  for (let i = 0; i < n; i++) counts[(words[i * stride + offset]! & 0x7fffffff) >>> 16]!++;
}

function gatherBucket(
  x: FloatArray,
  words: Uint32Array,
  stride: number,
  offset: number,
  bucket: number,
  members: FloatArray,
): void {
  const n = x.length;
  let k = 0;
  for (let i = 0; i < n; i++)
    if ((words[i * stride + offset]! & 0x7fffffff) >>> 16 === bucket) members[k++] = Math.abs(x[i]!);
}
