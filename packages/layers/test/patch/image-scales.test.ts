import { describe, expect, it } from 'vitest';
import { encodeVoltages, imageScales } from '../../src/patch/encode-voltages';
import { convGeometry } from '../../src/unfold/conv-geometry';
import { unfold } from '../../src/unfold/unfold';
import type { ConvGeometryOptions } from '../../src/unfold/conv-geometry';
import { randomUniform } from '../helpers';

/** The scales encodeVoltages takes over the im2col rows of the image: what imageScales must give without them. */
function viaRows(image: Float32Array, shape: number[], o: ConvGeometryOptions, group: number, per: 'sample' | 'batch') {
  const g = convGeometry('test', shape, o);
  const rows = unfold(image, g, { group }).data;
  return encodeVoltages(rows, 0.5, per, g.batch).scale;
}

describe('imageScales', () => {
  const shape = [3, 7, 6, 4];
  // Large values at the image border: a window set that skips the border must not see them.
  const image = randomUniform(3 * 7 * 6 * 4, 8, -2, 2);
  const cases: [string, ConvGeometryOptions, number][] = [
    [
      "'same' over all channels (every value read)",
      { kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'same', groups: 1 },
      0,
    ],
    [
      "'valid', stride 3 (some rows and columns never read)",
      { kernelSize: [2, 2], strides: [3, 3], dilationRate: [1, 1], padding: 'valid', groups: 1 },
      0,
    ],
    ['group 1 of 2', { kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1], padding: 'same', groups: 2 }, 1],
  ];
  it.each(cases)('%s: the scales of encodeVoltages on the im2col rows, per sample and per batch', (_, o, group) => {
    const g = convGeometry('test', shape, o);
    const patches = {
      samples: g.batch,
      inSize: g.inSize,
      outSize: g.outSize,
      kernel: g.kernel,
      strides: g.strides,
      dilation: g.dilation,
      padBefore: g.padBefore,
      channels: g.channels,
      group,
      channelsPerGroup: g.channelsPerGroup,
      rowOrder: 'channels-first' as const,
    };
    for (const per of ['sample', 'batch'] as const)
      expect(Array.from(imageScales(image, patches, 0.5, per))).toEqual(
        Array.from(viaRows(image, shape, o, group, per)),
      );
  });
});
