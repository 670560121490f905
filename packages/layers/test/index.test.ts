import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('public entry', () => {
  it('exports the documented API', () => {
    for (const name of [
      'initBackend',
      'convGeometry',
      'unfold',
      'flattenConvKernel',
      'MemristiveLayer',
      'MemristiveDense',
      'MemristiveConv1D',
      'MemristiveConv2D',
      'MemristiveConv3D',
      'MemristiveDepthwiseConv2D',
      'MemristiveSimpleRNN',
      'MemristiveLSTM',
      'MemristiveGRU',
      'patchModel',
      'createCrossbarEngine',
      'MemristiveModel',
      'SUPPORTED_LAYER_CLASSES',
      'DEFAULT_PATCH_OPTIONS',
      'DEFAULT_TUNE_OPTIONS',
    ])
      expect(api, name).toHaveProperty(name);
    expect(api.SUPPORTED_LAYER_CLASSES).toEqual([
      'Dense',
      'Conv1D',
      'Conv2D',
      'Conv3D',
      'DepthwiseConv2D',
      'SimpleRNN',
      'LSTM',
      'GRU',
    ]);
  });
});
