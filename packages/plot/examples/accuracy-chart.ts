// Renders an accuracy-vs-failure-rate chart with error bars, the digital baseline and the chance level to SVG and PNG.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracyLineSpec, countMarks, initPng, renderPng, renderSvg } from '../src/index';

const points = [0, 0.05, 0.1, 0.15, 0.2, 0.25].flatMap((rate) => [
  { x: rate, accuracy: 0.98 * (1 - 2.5 * rate) + 0.1 * 2.5 * rate, error: 0.02 * rate, series: 'stuck at LRS' },
  { x: rate, accuracy: 0.98 * (1 - 1.2 * rate) + 0.1 * 1.2 * rate, error: 0.01 * rate, series: 'stuck at HRS' },
]);
const svg = await renderSvg(
  accuracyLineSpec(points, {
    title: 'Faults (illustrative numbers)',
    xTitle: 'failure rate',
    digital: 0.98,
    chance: 0.1,
  }),
);
const dir = mkdtempSync(join(tmpdir(), 'memsim-plot-'));
writeFileSync(join(dir, 'faults.svg'), svg);
await initPng(); // loads resvg's WebAssembly and the DejaVu fonts once
writeFileSync(join(dir, 'faults.png'), renderPng(svg));
console.log(`marks: ${JSON.stringify(countMarks(svg))}; wrote ${join(dir, 'faults.svg')} and faults.png`);
