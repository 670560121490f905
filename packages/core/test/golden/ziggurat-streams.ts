// The streams of ziggurat-streams.json (shared by the maker and the test): every sampler path, with enough draws
// that blocks, wedges and tails occur, from fixed seeds.
import type { Rng } from '../../src/index';

type Make = (createRng: (seed: number) => Rng) => Float64Array | Float32Array;

export const streams: Record<string, Make> = {
  'fillNormal-f64-mean2-std3': (createRng) => createRng(11).fillNormal(new Float64Array(20000), 2, 3),
  'fillNormal-f32': (createRng) => createRng(12).fillNormal(new Float32Array(9000)),
  'addNormal-shared-f64': (createRng) => {
    const x = new Float64Array(20000).fill(1);
    createRng(13).addNormal(x, 2);
    return x;
  },
  'addNormal-each-f32-range': (createRng) => {
    const x = new Float32Array(9000);
    const std = new Float32Array(9000).map((_, i) => 0.5 + (i % 7));
    createRng(14).addNormal(x, std, 10, 8990);
    return x;
  },
  'fillNormal-then-addNormal-then-normal': (createRng) => {
    const r = createRng(15);
    const a = r.fillNormal(new Float64Array(3001));
    r.addNormal(a, 0.5, 1, 2999);
    return Float64Array.from([...a, r.normal(), r.normal()]);
  },
};
