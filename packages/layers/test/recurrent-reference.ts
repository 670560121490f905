/**
 * Independent float64 references of the Keras/tfjs LSTM and GRU cells (written from the Keras equations, not from
 * the layers under test): used to check tfjs's own layers and the reset-after GRU, which tfjs lacks.
 */

const ACTIVATIONS: Record<string, (v: number) => number> = {
  linear: (v) => v,
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  hardSigmoid: (v) => Math.min(1, Math.max(0, 0.2 * v + 0.5)),
  relu: (v) => Math.max(0, v),
  selu: (v) => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.exp(v) - 1)),
};

export interface RecurrentReferenceOptions {
  units: number;
  activation?: string;
  recurrentActivation?: string;
  returnSequences?: boolean;
  goBackwards?: boolean;
}

function fn(name: string): (v: number) => number {
  const f = ACTIVATIONS[name];
  if (!f) throw new Error(`no reference activation ${name}`);
  return f;
}

/** row · M[:, from : from + width] for a row-major [rows, cols] matrix M. */
function dot(row: ArrayLike<number>, m: ArrayLike<number>, cols: number, from: number, width: number): Float64Array {
  const out = new Float64Array(width);
  for (let k = 0; k < row.length; k++) {
    const v = row[k]!;
    for (let j = 0; j < width; j++) out[j]! += v * m[k * cols + from + j]!;
  }
  return out;
}

function run(
  x: ArrayLike<number>,
  shape: [number, number, number],
  o: RecurrentReferenceOptions,
  step: (xt: Float64Array, state: Float64Array<ArrayBufferLike>[]) => Float64Array<ArrayBufferLike>[],
  states: number,
): Float64Array {
  const [batch, steps, features] = shape;
  const u = o.units;
  const outSteps = o.returnSequences ? steps : 1;
  const out = new Float64Array(batch * outSteps * u);
  for (let b = 0; b < batch; b++) {
    let state: Float64Array<ArrayBufferLike>[] = Array.from({ length: states }, () => new Float64Array(u));
    for (let s = 0; s < steps; s++) {
      const t = o.goBackwards ? steps - 1 - s : s;
      const xt = new Float64Array(features);
      for (let f = 0; f < features; f++) xt[f] = x[(b * steps + t) * features + f]!;
      state = step(xt, state);
      if (o.returnSequences) out.set(state[0]!, (b * steps + s) * u);
    }
    if (!o.returnSequences) out.set(state[0]!, b * u);
  }
  return out;
}

/** Keras LSTM: gates (i, f, c, o); kernel [in, 4u], recurrent [u, 4u], bias [4u] or null. */
export function lstmReference(
  x: ArrayLike<number>,
  shape: [number, number, number],
  kernel: ArrayLike<number>,
  recurrent: ArrayLike<number>,
  bias: ArrayLike<number> | null,
  o: RecurrentReferenceOptions,
): Float64Array {
  const u = o.units;
  const act = fn(o.activation ?? 'tanh');
  const rec = fn(o.recurrentActivation ?? 'hardSigmoid');
  return run(
    x,
    shape,
    o,
    (xt, [h, c]) => {
      const a = dot(xt, kernel, 4 * u, 0, 4 * u);
      const r = dot(h!, recurrent, 4 * u, 0, 4 * u);
      const hn = new Float64Array(u);
      const cn = new Float64Array(u);
      for (let j = 0; j < u; j++) {
        const z = (g: number) => a[g * u + j]! + r[g * u + j]! + (bias ? bias[g * u + j]! : 0);
        cn[j] = rec(z(1)) * c![j]! + rec(z(0)) * act(z(2));
        hn[j] = rec(z(3)) * act(cn[j]!);
      }
      return [hn, cn];
    },
    2,
  );
}

/** Keras GRU: gates (z, r, h); bias [3u] (reset before) or [2, 3u] (reset after: input and recurrent biases). */
export function gruReference(
  x: ArrayLike<number>,
  shape: [number, number, number],
  kernel: ArrayLike<number>,
  recurrent: ArrayLike<number>,
  bias: ArrayLike<number> | null,
  o: RecurrentReferenceOptions & { resetAfter: boolean },
): Float64Array {
  const u = o.units;
  const act = fn(o.activation ?? 'tanh');
  const rec = fn(o.recurrentActivation ?? 'hardSigmoid');
  const bi = (k: number) => (bias ? bias[k]! : 0);
  const br = (k: number) => (bias && o.resetAfter ? bias[3 * u + k]! : 0);
  return run(
    x,
    shape,
    o,
    (xt, [h]) => {
      const a = dot(xt, kernel, 3 * u, 0, 3 * u);
      const m = dot(h!, recurrent, 3 * u, 0, 3 * u);
      const z = new Float64Array(u);
      const r = new Float64Array(u);
      for (let j = 0; j < u; j++) {
        z[j] = rec(a[j]! + bi(j) + m[j]! + br(j));
        r[j] = rec(a[u + j]! + bi(u + j) + m[u + j]! + br(u + j));
      }
      let candidate: Float64Array;
      if (o.resetAfter) {
        candidate = new Float64Array(u);
        for (let j = 0; j < u; j++)
          candidate[j] = a[2 * u + j]! + bi(2 * u + j) + r[j]! * (m[2 * u + j]! + br(2 * u + j));
      } else {
        const rh = h!.map((v, j) => v * r[j]!);
        const mh = dot(rh, recurrent, 3 * u, 2 * u, u);
        candidate = new Float64Array(u);
        for (let j = 0; j < u; j++) candidate[j] = a[2 * u + j]! + bi(2 * u + j) + mh[j]!;
      }
      const hn = new Float64Array(u);
      for (let j = 0; j < u; j++) hn[j] = z[j]! * h![j]! + (1 - z[j]!) * act(candidate[j]!);
      return [hn];
    },
    1,
  );
}
