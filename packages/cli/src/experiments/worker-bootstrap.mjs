// Runs the TypeScript trial worker from source (tests, `tsx` runs): registers tsx's ESM hooks in this worker thread,
// then re-exports the handler of worker.ts for piscina. The built CLI uses dist/experiment-worker.js instead.
import { register } from 'tsx/esm/api';

register();
const { default: handler } = await import('./worker.ts');
export default handler;
