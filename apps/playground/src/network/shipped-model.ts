// The trained MNIST CNN shipped in @memsim/cli (`models/cnn/model.json` + `weights.bin`), as asset URLs: Vite emits
// both files and they are fetched only when a lab needs them (never part of the initial JS).
import modelUrl from '@cli-models/cnn/model.json?url';
import weightsUrl from '@cli-models/cnn/weights.bin?url';

/** The model's topology and weight manifest, and its weights as one ArrayBuffer. */
export interface ShippedModel {
  modelTopology: unknown;
  weightSpecs: { name: string; shape: number[]; dtype: string }[];
  weightData: ArrayBuffer;
}

/** Fetches the shipped CNN (model.json and weights.bin). */
export async function fetchShippedModel(): Promise<ShippedModel> {
  const [json, weights] = await Promise.all([fetch(modelUrl), fetch(weightsUrl)]);
  if (!json.ok || !weights.ok) throw new Error(`could not load the shipped CNN (${json.status}, ${weights.status})`);
  const manifest = (await json.json()) as {
    modelTopology: unknown;
    weightsManifest: { weights: ShippedModel['weightSpecs'] }[];
  };
  return {
    modelTopology: manifest.modelTopology,
    weightSpecs: manifest.weightsManifest.flatMap((g) => g.weights),
    weightData: await weights.arrayBuffer(),
  };
}

/** One named float32 weight tensor of the shipped model (no TensorFlow.js needed). */
export function weightTensor(model: ShippedModel, name: string): { shape: number[]; data: Float32Array } {
  let offset = 0;
  for (const spec of model.weightSpecs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.name === name)
      return { shape: spec.shape, data: new Float32Array(model.weightData, offset, size).slice() };
    offset += size * 4;
  }
  throw new Error(`the shipped CNN has no weight ${name}`);
}
