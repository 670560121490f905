// Run by port-schur.test.ts in a child `node --jitless` (no WebAssembly): the TypeScript multifrontal fronts.
import { passiveTransfer } from '../../src/index';
import { portSchurProblem } from './port-schur-problem';

const transfers = portSchurProblem().map(({ crossbar, options }) => Array.from(passiveTransfer(crossbar, options)));
console.log(JSON.stringify({ webAssembly: typeof (globalThis as { WebAssembly?: unknown }).WebAssembly, transfers }));
