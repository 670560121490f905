// plot::renderSvg and plot::renderPng throughput on a 64×64 heatmap and a 3-series accuracy chart.
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { accuracyLineSpec, conductanceHeatmapSpec, initPng, renderPng, renderSvg } from '../src/index';

await initPng();

const heat = conductanceHeatmapSpec([
  {
    label: 'G',
    conductance: { rows: 64, cols: 64, data: Float64Array.from({ length: 4096 }, (_, k) => 1e-6 * (1 + (k % 13))) },
  },
]);
const line = accuracyLineSpec(
  Array.from({ length: 60 }, (_, k) => ({
    x: k % 20,
    accuracy: 0.5 + 0.02 * (k % 20),
    error: 0.01,
    series: `s${Math.floor(k / 20)}`,
  })),
  { digital: 0.98, chance: 0.1 },
);
let svgHeat = '';
const tHeat = await (async () => {
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) svgHeat = await renderSvg(heat);
  return (performance.now() - t0) / 3;
})();
if (!svgHeat.startsWith('<svg')) throw new Error('heatmap did not render');
reportFigure({ name: 'plot::renderSvg heatmap 64×64', value: tHeat, unit: 'ms' });
const t0 = performance.now();
const svgLine = await renderSvg(line);
reportFigure({ name: 'plot::renderSvg accuracy line (60 points)', value: performance.now() - t0, unit: 'ms' });
const tPng = timeMedian(() => {
  const png = renderPng(svgLine);
  if (png.length < 100) throw new Error('empty PNG');
});
reportFigure({ name: 'plot::renderPng accuracy line', value: tPng * 1000, unit: 'ms' });
