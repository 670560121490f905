// A fixed passive problem shared by passive.test.ts and its no-WebAssembly child process.
export function passiveProblem() {
  const rows = 9;
  const cols = 11;
  const batch = 30; // more than `cols`: the transfer matrix is built during the batch
  const data = Float64Array.from({ length: rows * cols }, (_, k) => 1e-3 + 9e-3 * Math.abs(Math.sin(1.3 * k + 0.2)));
  const voltages = Float64Array.from({ length: batch * rows }, (_, k) => Math.abs(Math.cos(0.7 * k)));
  return {
    G: { rows, cols, data },
    voltages,
    batch,
    options: { sourceResistance: 2, lineResistance: 0.7, bitLineResistance: 1.3 },
  };
}
