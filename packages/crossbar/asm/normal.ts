// AssemblyScript source of the read-noise normal module of @memsim/crossbar (compiled by asm/build.mjs): the
// generator of asm/ziggurat.ts on its own memory, for drawNormals (src/read-noise/normal-kernel.ts).

import { fillNormals } from './ziggurat';

/** Writes n (a multiple of 4) normals at po from the state at ps and the tables at pt (layout: asm/ziggurat.ts). */
export function normals(ps: usize, pt: usize, po: usize, n: i32): void {
  fillNormals(ps, pt, po, n);
}
