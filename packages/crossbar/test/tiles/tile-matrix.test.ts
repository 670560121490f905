import { InvalidParameterError } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { tileMatrix } from '../../src/index';
import { flat, golden } from '../helpers';

const G = golden('tiles.json');

describe('tileMatrix', () => {
  it.each(G.gen_tiles.map((c: any) => [c.matrix, c.tile_shape, c.input, c]) as [string, any, boolean, any][])(
    'golden gen_tiles %s %j input=%s',
    (name, shape, input, c: any) => {
      const m = G.matrices[name];
      const data = flat(m);
      const tiled = tileMatrix({ rows: m.shape[0], cols: m.shape[1], data }, { tileShape: shape, input });
      const tiles = c.result.value.tiles;
      expect(tiled.count).toBe(tiles.shape[0]);
      expect(tiled.tileShape).toEqual(tiles.shape.slice(1));
      expectClose(tiled.tiles, flat(tiles), { rtol: 0, atol: 0, label: 'tiles' });
      expectClose(tiled.map.data, flat(c.result.value.tiles_map), { rtol: 0, atol: 0, label: 'tiles_map' });
      const mapShape = c.result.value.tiles_map.shape;
      if (!input) expect([tiled.map.rows, tiled.map.cols]).toEqual(mapShape);
    },
  );

  it.each([[[0, 1]], [[1, -2]], [[1.5, 2]], [[2]], [null], ['4,4'], [[Number.NaN, 1]]])(
    'rejects tileShape %j',
    (shape) => {
      expect(() => tileMatrix({ rows: 2, cols: 2, data: [1, 2, 3, 4] }, { tileShape: shape as never })).toThrow(
        InvalidParameterError,
      );
      expect(() => tileMatrix({ rows: 2, cols: 2, data: [1, 2, 3, 4] }, { tileShape: shape as never })).toThrow(
        /tileShape/,
      );
    },
  );

  it('rejects NaN entries and unknown options', () => {
    expect(() => tileMatrix({ rows: 1, cols: 2, data: [1, Number.NaN] }, { tileShape: [1, 1] })).toThrow(
      /matrix\.data\[1\]/,
    );
    expect(() => tileMatrix({ rows: 1, cols: 1, data: [1] }, { tileShape: [1, 1], inptu: true } as never)).toThrow(
      /did you mean `input`/,
    );
  });
});
