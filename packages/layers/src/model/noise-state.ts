// MODULES //

import { createRng } from '@memsim/core';
import type { Rng, RngState } from '@memsim/core';
import { applyOutputEpilogue } from '@memsim/crossbar';
import type { ConvPatches, MappedCrossbars, OutputEpilogue } from '@memsim/crossbar';
import { globalDriftCompensation } from '@memsim/nonideality';
import type { CrossbarEngine } from '../memristive/crossbar-engine';

// MAIN //

/**
 * The read-out state of a chip that changes while it runs (issue 17): one read-noise generator per crossbar set,
 * advanced by every forward, and the drift-compensation factor of each set. Kept apart from the model so the layer
 * and patch code stay as they are; `saveChip` / `loadChip` store and restore it.
 */
export class ChipNoiseState {
  private readonly rngs = new Map<MappedCrossbars, Rng>();
  private readonly factors = new Map<MappedCrossbars, number>();

  /** The read-noise generator of set `index` (in chip order), created from the chip seed on first use. */
  rngFor(mapped: MappedCrossbars, index: number, seed: number): Rng {
    let rng = this.rngs.get(mapped);
    if (rng === undefined) {
      // One independent stream per crossbar set, derived from the chip seed (splitmix-style offset per set).
      rng = createRng((seed * 0x9e37 + 0x5eed + index * 0x2545f491) % Number.MAX_SAFE_INTEGER);
      this.rngs.set(mapped, rng);
    }
    return rng;
  }

  /** Saved generator state of a set, or null when its generator was never used. */
  rngState(mapped: MappedCrossbars): RngState | null {
    return this.rngs.get(mapped)?.state ?? null;
  }

  /** Restores a set's generator (from `saveChip`). */
  restoreRng(mapped: MappedCrossbars, state: RngState): void {
    const rng = this.rngs.get(mapped);
    // Engines hold the generator object: continue it in place when it exists.
    if (rng !== undefined) rng.state = state;
    else this.rngs.set(mapped, createRng({ state }));
  }

  /** Forgets every generator (a new read-noise configuration starts fresh streams). */
  resetRngs(): void {
    this.rngs.clear();
  }

  /** Drift-compensation factor of a set (1 when none). */
  factor(mapped: MappedCrossbars): number {
    return this.factors.get(mapped) ?? 1;
  }

  /** Sets (or with null, removes) a set's compensation factor. */
  setFactor(mapped: MappedCrossbars, factor: number | null): void {
    if (factor === null || factor === 1) this.factors.delete(mapped);
    else this.factors.set(mapped, factor);
  }

  /** Forgets every compensation factor. */
  clearFactors(): void {
    this.factors.clear();
  }

  /** The engine with this set's compensation factor applied to its outputs (weight units). */
  compensated(mapped: MappedCrossbars, engine: CrossbarEngine): CrossbarEngine {
    const scaled = (out: Float32Array): Float32Array => {
      const f = this.factor(mapped);
      if (f !== 1) for (let i = 0; i < out.length; i++) out[i] = out[i]! * f;
      return out;
    };
    const compensated = (input: Float32Array, batch: number, samples?: number) => scaled(engine(input, batch, samples));
    const conv = engine.conv;
    if (conv === undefined) return compensated;
    // The conv fast path keeps its compensation too, before the layer's epilogue: with a factor ≠ 1 the epilogue runs
    // after the scaling (in TypeScript, the kernel's arithmetic), with none inside the kernel.
    return Object.assign(compensated, {
      conv: (image: Float32Array, patches: ConvPatches, epilogue?: OutputEpilogue) => {
        if (epilogue !== undefined && this.factor(mapped) === 1) return conv(image, patches, epilogue);
        const out = conv(image, patches);
        if (out === null) return null;
        scaled(out);
        return epilogue === undefined ? out : applyOutputEpilogue(out, epilogue.scale.length, epilogue);
      },
      fusesEpilogue: engine.fusesEpilogue === true,
    });
  }

  /** Measures the global drift compensation of a set through its (uncompensated) engine and installs it. */
  measure(mapped: MappedCrossbars, engine: CrossbarEngine): number {
    const { factor } = globalDriftCompensation(mapped, { read: engine });
    this.setFactor(mapped, factor);
    return factor;
  }
}
