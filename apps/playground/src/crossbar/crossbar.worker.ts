// The crossbar lab's worker: mapping, non-idealities, the passive IR-drop solve and the MVMs run here.
import { fetchShippedModel, type ShippedModel } from '../network/shipped-model';
import { type CrossbarResult, type CrossbarSettings, computeCrossbar } from './crossbar-compute';

export type CrossbarRequest = { id: number; settings: CrossbarSettings };
export type CrossbarReply =
  | { id: number; type: 'result'; result: CrossbarResult; ms: number }
  | { id: number; type: 'error'; message: string };

const post = (m: CrossbarReply) => (self as unknown as { postMessage(m: CrossbarReply): void }).postMessage(m);
let shipped: Promise<ShippedModel> | null = null;

self.onmessage = async (event: MessageEvent<CrossbarRequest>) => {
  const { id, settings } = event.data;
  try {
    const t0 = performance.now();
    const model = settings.source === 'random' ? null : await (shipped ??= fetchShippedModel());
    const result = computeCrossbar(settings, model);
    post({ id, type: 'result', result, ms: performance.now() - t0 });
  } catch (error) {
    post({ id, type: 'error', message: (error as Error).message ?? String(error) });
  }
};
