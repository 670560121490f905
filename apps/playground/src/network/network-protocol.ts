import type { NetworkSettings } from './network-settings';

/** Messages to the network worker. */
export type WorkerRequest =
  /** Evaluate images [first, first + count) of the subset (a multiple of EVAL_BATCH, so batches match one worker's). */
  | { type: 'evaluate'; id: number; settings: NetworkSettings; first: number; count: number }
  | { type: 'predict'; id: number; pixels: Float32Array };

/** Messages from the network worker. */
export type WorkerReply =
  | { type: 'progress'; id: number; phase: string; done: number; total: number }
  | { type: 'warning'; id: number; message: string }
  | { type: 'error'; id: number; message: string }
  | {
      type: 'result';
      id: number;
      /** Correctly classified images of the range, memristive and digital. */
      correct: number;
      digitalCorrect: number;
      backend: string;
      images: number;
      patchMs: number;
      inferenceMs: number;
    }
  | { type: 'prediction'; id: number; digital: number[]; hardware: number[] | null };
