import { DataDriven, DataDriven2021, LinearIonDrift, StanfordPKU, VTEAM } from '../../src/index';

// The set-up the model suites share (bad input, kernel boundaries, physics): every built-in model, typed as VTEAM so
// a suite can call its kernels with one signature.

/** Every built-in model. */
export const MODELS = [
  LinearIonDrift,
  VTEAM,
  DataDriven,
  DataDriven2021,
  StanfordPKU,
] as unknown as readonly (typeof VTEAM)[];

/** `[name, model]` rows for `describe.each` / `it.each` titles with `%s`. */
export const MODEL_ROWS: readonly (readonly [string, typeof VTEAM])[] = MODELS.map((m) => [m.name, m] as const);
