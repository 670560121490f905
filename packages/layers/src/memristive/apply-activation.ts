import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '@memsim/core';
import type { OptionCheck } from '@memsim/core';

const cache = new Map<string, tf.layers.Layer>();

function activationLayer(activation: string): tf.layers.Layer {
  let layer = cache.get(activation);
  if (!layer) {
    layer = tf.layers.activation({ activation: activation as never });
    cache.set(activation, layer);
  }
  return layer;
}

/** Applies a tfjs activation by its identifier (`'relu'`, `'softmax'`, …) with tfjs's own implementation. */
export function applyActivation(x: tf.Tensor, activation: string): tf.Tensor {
  if (activation === 'linear') return x;
  return activationLayer(activation).apply(x) as tf.Tensor;
}

/**
 * Normalises an activation given as a tfjs identifier (or a serialised `{ className }`) and checks that tfjs knows it.
 *
 * @throws {InvalidParameterError} naming `where` when tfjs has no such activation.
 */
export function checkActivation(where: string, value: unknown, parameter = 'activation', examples = "'relu'"): string {
  let name: unknown = value ?? 'linear';
  if (typeof name === 'object' && name !== null && typeof (name as { className?: unknown }).className === 'string') {
    const cls = (name as { className: string }).className;
    name = cls.charAt(0).toLowerCase() + cls.slice(1);
  }
  if (typeof name !== 'string')
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: `a tfjs activation name such as ${examples}`,
    });
  try {
    activationLayer(name);
  } catch {
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: `a tfjs activation name such as ${examples === "'relu'" ? "'relu', 'tanh', 'softmax' or 'linear'" : examples}`,
    });
  }
  return name;
}

/**
 * An activation option (see {@link checkActivation}); `null` (as tfjs configs may carry) takes `fallback` like an
 * absent value.
 */
export function activationRule(fallback: string, examples?: string): OptionCheck<string> {
  return (where, parameter, value) => checkActivation(where, value ?? fallback, parameter, examples);
}

/** The activation tfjs fuses into matMul / conv2d kernels (tfjs-layers `mapActivationToFusedKernel`), or null. */
export function fusedActivation(activation: string): 'relu' | 'linear' | 'elu' | null {
  return activation === 'relu' || activation === 'linear' || activation === 'elu' ? activation : null;
}
