// Getting started in the browser: the same packages, bundled by any bundler (Vite, esbuild, webpack). This file is
// bundled with esbuild for the browser and run in Chromium by the docs tests; it writes its result into the page.
import { hysteresisLoop, Memristor, normal, VTEAM, createPopulation } from '@memsim/devices';

const { current } = hysteresisLoop(new Memristor(VTEAM));
const peak = current.reduce((m, i) => Math.max(m, Math.abs(i)), 0);

// 1 000 devices with 10 % device-to-device variability of rOn, one SET pulse each.
const pop = createPopulation(VTEAM, 1000, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
VTEAM.step(pop, -0.5, 1e-10);
const g = new Float64Array(pop.size);
VTEAM.conductance(pop, g);

const text = `peak current ${peak.toExponential(3)} A; mean conductance after one pulse ${(g.reduce((a, b) => a + b, 0) / g.length).toExponential(3)} S`;
const out = document.createElement('output');
out.id = 'result';
out.textContent = text;
document.body.append(out);
console.log(text);
