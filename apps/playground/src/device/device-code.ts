import { numericDefaults } from './device-models';
import type { DeviceSettings } from './simulate-devices';

/** The memsim TypeScript program that computes what the device lab shows for `s` (runs as is in Node or a bundler). */
export function deviceCode(s: DeviceSettings): string {
  const defaults = numericDefaults(s.model);
  const params: string[] = [];
  for (const [k, v] of Object.entries(s.params)) if (defaults[k] !== v) params.push(`${k}: ${v}`);
  if (s.model === 'LinearIonDrift') params.push(`window: '${s.window}'`);
  const rOn = s.params.rOn ?? defaults.rOn!;
  const rOff = s.params.rOff ?? defaults.rOff!;
  if (s.sigma > 0) {
    for (let i = params.length - 1; i >= 0; i--) if (/^r(On|Off):/.test(params[i]!)) params.splice(i, 1);
    params.push(`rOn: normal({ mean: ${rOn}, std: ${s.sigma * rOn}, min: ${rOn * 0.05} })`);
    params.push(`rOff: normal({ mean: ${rOff}, std: ${s.sigma * rOff}, min: ${rOn * 1.5} })`);
  }
  const imports = ['createPopulation', s.model];
  if (s.sigma > 0) imports.push('normal');
  let drive: string;
  if (s.waveform === 'sine') {
    imports.push('sineSignal');
    drive = `const { voltage } = sineSignal({ duration: 1 / frequency, amplitude: ${s.amplitude}, frequency, dt });`;
  } else if (s.waveform === 'pulse') {
    imports.push('pulseTrain');
    drive = `const voltage = pulseTrain({
  amplitude: [1, 1, 1, 1, -1, -1, -1, -1].map((x) => x * ${s.amplitude}),
  pulseDuration: 1 / frequency / 16,
  refractoryPeriod: 1 / frequency / 16,
  dt,
});`;
  } else
    drive = `// 0 → A → −A → 0 over one period
const voltage = Float64Array.from({ length: ${s.steps + 1} }, (_, k) => {
  const p = k / ${s.steps};
  return ${s.amplitude} * (p < 0.25 ? 4 * p : p < 0.75 ? 2 - 4 * p : 4 * p - 4);
});`;
  const timing =
    s.model === 'VTEAM' || s.model === 'StanfordPKU'
      ? `  ${s.model}.step(pop, v, dt);\n  ${s.model}.current(pop, v, i); // this model reports the current after the step`
      : `  ${s.model}.current(pop, v, i); // this model reports the current before the step\n  ${s.model}.step(pop, v, dt);`;
  return `import { ${imports.sort().join(', ')} } from '@memsim/devices';

const frequency = ${s.frequency}; // [Hz]
const dt = 1 / frequency / ${s.steps}; // [s]
const pop = createPopulation(${s.model}, ${s.devices}, { ${params.join(', ')} }, { seed: ${s.seed} });
${drive}
const i = new Float64Array(pop.size); // [A]
const loops = Array.from({ length: pop.size }, () => new Float64Array(voltage.length));
${s.model}.beginSimulation(pop);
voltage.forEach((v, k) => {
${timing}
  for (let d = 0; d < pop.size; d++) loops[d]![k] = i[d]!;
});
console.log('peak current of device 0 [A]:', Math.max(...loops[0]!.map(Math.abs)));
`;
}
