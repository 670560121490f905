import type { NetworkSettings } from './network-settings';

/** Messages to the network worker. */
export type WorkerRequest =
  | { type: 'evaluate'; id: number; settings: NetworkSettings }
  | { type: 'predict'; id: number; pixels: Float32Array };

/** Messages from the network worker. */
export type WorkerReply =
  | { type: 'progress'; id: number; phase: string; done: number; total: number }
  | { type: 'warning'; id: number; message: string }
  | { type: 'error'; id: number; message: string }
  | {
      type: 'result';
      id: number;
      accuracy: number;
      digital: number;
      backend: string;
      images: number;
      patchMs: number;
      inferenceMs: number;
    }
  | { type: 'prediction'; id: number; digital: number[]; hardware: number[] | null };
