// Writes ziggurat-streams.json: SHA-256 of the bytes (and the first values) of the fillNormal / addNormal streams
// of ziggurat-streams.ts, made with the built @memsim/core BEFORE fillNormal and addNormal were merged into one
// sampler (commit 353419a). Run from packages/core after `pnpm build`:
// node --import tsx test/golden/make-ziggurat-streams.ts
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRng } from '../../dist/index.js';
import { streams } from './ziggurat-streams';

const out: Record<string, { sha256: string; first: number[] }> = {};
for (const [name, make] of Object.entries(streams)) {
  const a = make(createRng);
  out[name] = {
    sha256: createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex'),
    first: Array.from(a.subarray(0, 4)),
  };
}
writeFileSync(new URL('./ziggurat-streams.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
