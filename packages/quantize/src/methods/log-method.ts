import type { FloatArray } from '../internal/float-array';
import { fullScaleExponent, overflowIndex } from '../internal/full-scale';
import type { ResolvedQuantize } from './linear-method';
import { selectKth } from '../internal/select';

/**
 * The `log` method as intended (the pytorch-playground `log_linear_quantize` that MemTorch 1.1.0 wrapped): a sign bit
 * plus a (bits − 1)-bit power-of-two linear quantisation of L = ln|x|. The full scale comes from the
 * overflow-selected |L| over the non-zero entries, `2^ceil(log2(v·(1 + 2^−20) + 1e-12))` (the slack keeps float32
 * round-trips in their octave), so codes m ∈ [−B, B − 1] with
 * B = 2^(bits − 2) and step δ = 2^(ceil(log2 v) − bits + 2). The lowest code −B stands for zero (a sign–magnitude ADC
 * has no other code for it): 0 stays 0, and magnitudes below e^(−(B − ½)·δ) flush to 0. `bits = 1` leaves no magnitude
 * code besides zero, so every entry becomes 0. Codes whose magnitude would leave the accepted input range (e^87 in
 * float32, e^665 in float64) saturate at the largest code inside it.
 *
 * Each loop is its own function so V8 optimises each with its own type feedback.
 */
export function quantizeLog(x: FloatArray, out: FloatArray, o: ResolvedQuantize): void {
  const n = x.length;
  out.fill(0);
  if (o.bits === 1) return;
  const logs = new Float64Array(n);
  const which = new Int32Array(n);
  const count = collectLogs(x, o.min, o.max, logs, which);
  if (count === 0) return;
  const index = overflowIndex(o.overflowRate, count, false);
  const v = index === 0 ? maxAbs(logs, count) : selectKth(absCopy(logs, count), count - 1 - index);
  // The octave test allows a relative 2^−20 of slack, so a magnitude rounded to float32 (or any code read back from
  // its own output) keeps the octave its exact value had; without it re-quantising a float32 result could halve δ.
  const integral = fullScaleExponent(v * (1 + OCTAVE_SLACK), false);
  const delta = 2 ** (integral - o.bits + 2);
  const bound = 2 ** (o.bits - 2);
  // Codes whose magnitude e^(c·δ) would leave the accepted input range (2^126 ≈ e^87.3 in float32, 2^960 ≈ e^665.4
  // in float64) saturate at the largest code inside it, so outputs stay finite and can be quantised again (this only
  // happens for data spanning |ln x| beyond 87 or 665, where the code book outgrows the number format).
  const top = Math.min(bound - 1, Math.floor((out instanceof Float32Array ? 87 : 665) / delta));
  writeLog(x, out, logs, which, count, delta, bound, top, o.min, o.max);
}

/** ln|clamp(x)| of every non-zero entry, packed into `logs`, with its index in `which`; returns how many. */
function collectLogs(x: FloatArray, min: number, max: number, logs: Float64Array, which: Int32Array): number {
  const n = x.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.min(max, Math.max(min, x[i]!));
    if (v !== 0) {
      logs[count] = Math.log(Math.abs(v));
      which[count] = i;
      count++;
    }
  }
  return count;
}

function maxAbs(a: Float64Array, count: number): number {
  let m = 0;
  for (let j = 0; j < count; j++) m = Math.max(m, Math.abs(a[j]!));
  return m;
}

function absCopy(a: Float64Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) out[j] = Math.abs(a[j]!);
  return out;
}

function writeLog(
  x: FloatArray,
  out: FloatArray,
  logs: Float64Array,
  which: Int32Array,
  count: number,
  delta: number,
  bound: number,
  top: number,
  min: number,
  max: number,
): void {
  const inv = 1 / delta;
  // e^(c·δ) for every code c in (−B, B − 1], computed once when the code book is small (same numbers, no exp per entry)
  const table = bound <= TABLE_LIMIT && 2 * bound < count ? magnitudeTable(delta, bound) : null;
  for (let j = 0; j < count; j++) {
    const c = Math.min(top, Math.floor(logs[j]! * inv + 0.5));
    if (c <= -bound) continue; // the zero code
    const i = which[j]!;
    const magnitude = table === null ? Math.exp(c * delta) : table[c + bound]!;
    out[i] = Math.min(max, Math.max(min, x[i]!)) < 0 ? -magnitude : magnitude;
  }
}

/** Relative slack of the octave choice (≫ float32 rounding, ≪ the step of any code book with bits ≤ 21). */
const OCTAVE_SLACK = 2 ** -20;

/** Largest B whose magnitude table {@link writeLog} builds (2B entries). */
const TABLE_LIMIT = 1 << 16;

function magnitudeTable(delta: number, bound: number): Float64Array {
  const table = new Float64Array(2 * bound);
  for (let c = -bound + 1; c < bound; c++) table[c + bound] = Math.exp(c * delta);
  return table;
}
