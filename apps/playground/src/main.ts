// memsim playground: three labs computed in the page, their state in the URL.
import { crossbarSettingsFromQuery, crossbarSettingsToQuery, mountCrossbarLab } from './crossbar/crossbar-lab';
import { deviceSettingsFromQuery, deviceSettingsToQuery, mountDeviceLab } from './device/device-lab';
import { mountNetworkLab } from './network/network-lab';
import { networkSettingsFromQuery, networkSettingsToQuery } from './network/network-settings';
import { oneOfParam, readQuery, writeQuery } from './state/url-state';
import { h } from './ui/controls';
import './style.css';

const LABS = ['device', 'crossbar', 'network'] as const;
type Lab = (typeof LABS)[number];
const TITLES: Record<Lab, string> = { device: 'Device lab', crossbar: 'Crossbar lab', network: 'Network lab' };
const INTROS: Record<Lab, string> = {
  device:
    'A memristor is a resistor whose resistance depends on the charge that went through it. Drive one with a voltage and its current traces a pinched hysteresis loop: the device remembers. Pick a model, change its parameters, add device-to-device variability.',
  crossbar:
    'A crossbar stores a weight matrix as conductances: inputs are voltages on the rows, each column sums currents (Ohm + Kirchhoff), so one read is a matrix-vector product. Real devices vary, have few levels, get stuck and drift, and the wires drop voltage.',
  network:
    'A trained MNIST CNN (shipped with @memsim/cli) with every Conv2D and Dense layer moved onto simulated crossbars. Change the hardware and see what it costs in accuracy on 1 000 test images, or draw a digit.',
};

const query = readQuery();
let lab: Lab = oneOfParam(query, 'lab', LABS, 'device');
// Each lab's settings: from the URL for the lab in it, defaults for the others (the URL holds one lab's state).
const fresh = new URLSearchParams();
let device = deviceSettingsFromQuery(lab === 'device' ? query : fresh);
let crossbar = crossbarSettingsFromQuery(lab === 'crossbar' ? query : fresh);
let network = networkSettingsFromQuery(lab === 'network' ? query : fresh);

const saveUrl = () => {
  const q = new URLSearchParams({ lab });
  if (lab === 'device') deviceSettingsToQuery(device, q);
  else if (lab === 'crossbar') crossbarSettingsToQuery(crossbar, q);
  else networkSettingsToQuery(network, q);
  writeQuery(q);
};

const app = document.getElementById('app')!;
const nav = h('nav', { class: 'tabs' });
const panes = {} as Record<Lab, HTMLElement>;
const mounted = new Set<Lab>();
for (const l of LABS) {
  const button = h('button', { type: 'button', 'data-lab': l }, TITLES[l]);
  button.addEventListener('click', () => show(l));
  nav.append(button);
  panes[l] = h(
    'section',
    { class: 'lab', 'data-pane': l, hidden: '' },
    h('h2', {}, TITLES[l]),
    h('p', { class: 'intro' }, INTROS[l]),
  );
}
app.append(nav, ...LABS.map((l) => panes[l]));

/** Shows a lab, building it the first time (the network lab's worker, model and images load only then). */
function show(l: Lab) {
  lab = l;
  for (const k of LABS) {
    panes[k].hidden = k !== l;
    nav.querySelector(`[data-lab=${k}]`)!.classList.toggle('active', k === l);
  }
  if (!mounted.has(l)) {
    mounted.add(l);
    if (l === 'device')
      mountDeviceLab(panes.device, device, (s) => {
        device = s;
        saveUrl();
      });
    else if (l === 'crossbar')
      mountCrossbarLab(panes.crossbar, crossbar, (s) => {
        crossbar = s;
        saveUrl();
      });
    else
      mountNetworkLab(panes.network, network, (s) => {
        network = s;
        saveUrl();
      });
  }
  saveUrl();
}
show(lab);
