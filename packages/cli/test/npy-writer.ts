import { writeFileSync } from 'node:fs';

/**
 * Writes `.npy` bytes as numpy's format spec describes them (magic, version, little-endian header length, a Python
 * dict literal padded with spaces to a multiple of 64 bytes and ended by a newline, then the raw data): written here
 * independently of the reader under test.
 */
export function npyBytes(
  descr: string,
  shape: number[],
  data: ArrayBufferView,
  options: { fortran?: boolean; version?: 1 | 2 } = {},
): Uint8Array {
  const version = options.version ?? 1;
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let dict = `{'descr': '${descr}', 'fortran_order': ${options.fortran ? 'True' : 'False'}, 'shape': (${dims}), }`;
  const prefix = version === 1 ? 10 : 12;
  const padded = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  dict = `${dict}${' '.repeat(padded - prefix - dict.length - 1)}\n`;
  const out = new Uint8Array(padded + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, dict.length, true);
  else view.setUint32(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[prefix + i] = dict.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), padded);
  return out;
}

/** Writes a `.npy` file (see {@link npyBytes}). */
export function writeNpy(
  path: string,
  descr: string,
  shape: number[],
  data: ArrayBufferView,
  options: { fortran?: boolean; version?: 1 | 2 } = {},
): string {
  writeFileSync(path, npyBytes(descr, shape, data, options));
  return path;
}
