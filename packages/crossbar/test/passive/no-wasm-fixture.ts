// Run by passive.test.ts in a child `node --jitless` (no WebAssembly): the TypeScript triangular solves.
import { factorPassive } from '../../src/index';
import { passiveProblem } from './passive-problem';

const { G, voltages, batch, options } = passiveProblem();
const f = factorPassive(G, options);
const single = f.solve(voltages.subarray(0, G.rows), undefined, { returnCellVoltages: true });
const many = f.solveBatch(voltages, batch);
console.log(
  JSON.stringify({
    webAssembly: typeof (globalThis as { WebAssembly?: unknown }).WebAssembly,
    single: Array.from(single.currents),
    cells: Array.from(single.cellVoltages!),
    many: Array.from(many),
  }),
);
