// The page side of the smoke test: fetches the assets from the test's routed origin and exposes `runSmoke(name)`.
import { type SmokeAssets, SMOKES } from './smokes';

async function bytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let assets: Promise<SmokeAssets> | undefined;
function loadAssets(): Promise<SmokeAssets> {
  assets ??= Promise.all([
    bytes('/assets/lenet5.onnx'),
    bytes('/assets/resvg.wasm'),
    bytes('/assets/DejaVuSans.ttf'),
    bytes('/assets/DejaVuSans-Bold.ttf'),
  ]).then(([lenetOnnx, resvgWasm, regular, bold]) => ({ lenetOnnx, resvgWasm, fonts: [regular, bold] }));
  return assets;
}

(globalThis as { runSmoke?: (name: string) => Promise<string> }).runSmoke = async (name: string) =>
  JSON.stringify(await SMOKES[name]!(await loadAssets()));
