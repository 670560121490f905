// @memsim/plot: Chart specs (vega-lite) for memsim results: I-V loops, conductance heatmaps, accuracy charts; SVG and PNG (resvg-wasm) in Node and browsers.

export { ivLoopSpec } from './specs/iv-loop';
export type { IvLoopOptions, IvSeries } from './specs/iv-loop';
export { conductanceHeatmapSpec } from './specs/conductance-heatmap';
export type { ConductanceHeatmapOptions, HeatmapPanel } from './specs/conductance-heatmap';
export { accuracyBarSpec } from './specs/accuracy-bar';
export type { AccuracyBar, AccuracyBarOptions } from './specs/accuracy-bar';
export { accuracyLineSpec } from './specs/accuracy-line';
export type { AccuracyLineOptions, AccuracyPoint } from './specs/accuracy-line';
export type { ReferenceLines } from './specs/reference-lines';
export type { ChartOptions, VegaLiteSpec } from './specs/types';
export { renderSvg } from './render/render-svg';
export { countMarks } from './render/render-svg';
export { initPng } from './render/init-png';
export type { InitPngOptions, ResvgWasmSource } from './render/init-png';
export { renderPng } from './render/render-png';
export type { RenderPngOptions } from './render/render-png';
