// Passive (0T1R) crossbars with source, line and access resistance: nodal solve, factored once.
export { solvePassive } from './solve-passive';
export { factorPassive } from './factor-passive';
export type { PassiveFactorization, PassiveSolution, PassiveSolveOptions, PassiveBatchOptions } from './factor-passive';
export { passiveCurrents } from './passive-currents';
export type { PassiveCurrentsOptions } from './passive-currents';
export { passiveTransfer } from './passive-transfer';
export { irDropReport } from './ir-drop-report';
export type { IrDropReport, IrDropReportOptions } from './ir-drop-report';
export { DEFAULT_PASSIVE_OPTIONS } from './passive-options';
export type { PassiveOptions, SolvePassiveOptions, ResolvedPassiveOptions } from './passive-options';
