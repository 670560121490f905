// Test and benchmark helpers (the `@memsim/core/testing` subpath; Node only).
export { loadGolden, flatTensor, isGoldenTensor } from './golden';
export type { GoldenTensor, FlatTensor } from './golden';
export { expectClose, maxAbsDiff } from './expect-close';
export type { CloseOptions } from './expect-close';
export { timeMedian, timeInterleaved, reportFigure, rssMegabytes } from './bench';
export type { TimedVariant } from './bench';
export type { BenchFigure } from './bench';
export { badValues, formatFuzzTally, runBoundaryFuzz } from './fuzz-boundary';
export type { BadValueKind, BoundaryCase, ExtremeCase, FuzzTally } from './fuzz-boundary';
