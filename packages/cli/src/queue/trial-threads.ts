import { Worker } from 'node:worker_threads';
import { MemsimError } from '@memsim/core';
import type { SweepPoint } from '../experiments/definitions';
import { type WorkerMessage, type WorkerSetup, workerScript } from '../experiments/executor';
import type { TrialTiming } from '../experiments/simulate';

/** One trial's outcome from a thread. */
export interface ThreadResult {
  accuracy: number;
  failure?: string;
  timing: TrialTiming;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  settle: ((m: WorkerMessage | Error) => void) | null;
}

/**
 * Threads that each run one trial at a time with the engine of a local `--workers` run (the same
 * `experiment-worker` entry: one TensorFlow.js backend per thread, model and data kept between trials). Trials run
 * off the main thread, so a queue worker keeps renewing its BullMQ locks during a long trial.
 */
export class TrialThreads {
  private readonly free: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly all: Slot[] = [];
  private closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.free.push(this.spawn());
  }

  private spawn(): Slot {
    const script = workerScript();
    const worker = new Worker(script.file, { eval: script.eval, stderr: false });
    const slot: Slot = { worker, ready: Promise.resolve(), settle: null };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (m: WorkerMessage) =>
        m.type === 'ready' ? resolve() : reject(new Error(m.type === 'error' ? m.message : 'worker failed to start')),
      );
      worker.once('error', reject);
    });
    slot.ready.catch(() => undefined);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type !== 'ready') slot.settle?.(m);
    });
    worker.on('error', (e) => slot.settle?.(e));
    worker.on('exit', (code) => slot.settle?.(new Error(`trial thread exited with code ${code}`)));
    this.all.push(slot);
    return slot;
  }

  private async acquire(): Promise<Slot> {
    const slot = this.free.pop();
    if (slot !== undefined) return slot;
    return new Promise<Slot>((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next !== undefined) next(slot);
    else this.free.push(slot);
  }

  /**
   * Runs one trial on a free thread.
   *
   * @throws {MemsimError} or Error with the trial's own message when it throws.
   */
  async run(setup: WorkerSetup, point: SweepPoint, seed: number): Promise<ThreadResult> {
    let slot = await this.acquire();
    let broken = false;
    try {
      await slot.ready;
      const message = await new Promise<WorkerMessage | Error>((resolve) => {
        slot.settle = resolve;
        slot.worker.postMessage({ setup, index: 0, point, seed });
      });
      slot.settle = null;
      if (message instanceof Error) {
        broken = true;
        throw message;
      }
      if (message.type === 'error')
        throw message.memsim ? new MemsimError(message.message) : new Error(message.message);
      if (message.type !== 'result') throw new Error('unexpected message from a trial thread');
      return {
        accuracy: message.accuracy,
        timing: message.timing,
        ...(message.failure !== undefined ? { failure: message.failure } : {}),
      };
    } finally {
      if (broken && !this.closed) {
        // A thread that died is replaced; its trial is reported as failed (and retried by the queue).
        void slot.worker.terminate();
        this.all.splice(this.all.indexOf(slot), 1);
        slot = this.spawn();
      }
      if (!this.closed) this.release(slot);
    }
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((s) => s.worker.terminate()));
  }
}
