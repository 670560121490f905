// @memsim/crossbar: Crossbar arrays, schemes, tiling, every MVM mode with ADC/DAC, programming, passive circuit solve, fast GEMM.

export { Crossbar } from './crossbar/crossbar';
export { INITIAL_STATES } from './crossbar/crossbar';
export type { CrossbarOptions } from './crossbar/crossbar';
export type { DeviceLookup } from './crossbar/crossbar';
export type { InitialState } from './crossbar/crossbar';
export type { UpdateOptions } from './crossbar/crossbar';
export type { WriteOptions } from './crossbar/crossbar';
export type { WriteReport } from './crossbar/crossbar';
export type { MappedCrossbars } from './crossbar/mapped-crossbars';
export { initCrossbars } from './crossbar/init-crossbars';
export type { InitCrossbarsOptions } from './crossbar/init-crossbars';
export { flattenConvKernel } from './crossbar/flatten-conv-kernel';
export { KERNEL_LAYOUTS } from './crossbar/flatten-conv-kernel';
export type { KernelLayout } from './crossbar/flatten-conv-kernel';
export { mvm } from './mvm/mvm';
export { MVM_MODES } from './mvm/mvm';
export type { MvmMode } from './mvm/mvm';
export type { MvmOptions } from './mvm/mvm';
export type { ReadNoise } from './read-noise/read-noise';
export { tileMatrix } from './tiles/tile-matrix';
export type { TileMatrixOptions } from './tiles/tile-matrix';
export type { TiledMatrix } from './tiles/tile-matrix';
export { tiledMatmul } from './tiles/tiled-matmul';
export type { TiledMatmulOptions } from './tiles/tiled-matmul';
export { programmingSignal } from './programming/programming-signal';
export type { ProgrammingSignal } from './programming/programming-signal';
export type { ProgrammingSignalOptions } from './programming/programming-signal';
export { program } from './programming/program';
export { DEFAULT_PROGRAM_OPTIONS } from './programming/program-options';
export type { ProgramOptions } from './programming/program-options';
export type { ProgramReport } from './programming/program-options';

// --- kernels (gemm, passive): owned by the kernels engineer ---
export { gemm } from './gemm/index';
export { gemmBackend } from './gemm/index';
export { DEFAULT_GEMM_OPTIONS } from './gemm/index';
export { GEMM_BACKENDS } from './gemm/index';
export type { GemmBackend } from './gemm/index';
export type { GemmOptions } from './gemm/index';
export { solvePassive } from './passive/index';
export { factorPassive } from './passive/index';
export { passiveCurrents } from './passive/index';
export { irDropReport } from './passive/index';
export { DEFAULT_PASSIVE_OPTIONS } from './passive/index';
export type { PassiveFactorization } from './passive/index';
export type { PassiveSolution } from './passive/index';
export type { PassiveSolveOptions } from './passive/index';
export type { PassiveBatchOptions } from './passive/index';
export type { PassiveCrossbarLike } from './passive/index';
export type { PassiveCurrentsOptions } from './passive/index';
export type { IrDropReport } from './passive/index';
export type { IrDropReportOptions } from './passive/index';
export type { PassiveOptions } from './passive/index';
export type { SolvePassiveOptions } from './passive/index';
export type { ResolvedPassiveOptions } from './passive/index';
// --- end kernels ---
