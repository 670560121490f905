import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, createRng, InvalidParameterError } from '../src/index';

function randomBytes(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.integer(256);
  return out;
}

describe('bytesToBase64 / base64ToBytes', () => {
  it.each([0, 1, 2, 3, 4, 5, 100, 0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 7])(
    'agrees with Node Buffer (an independent encoder) for %i bytes, both ways',
    (n) => {
      const bytes = randomBytes(n, n + 1);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64ToBytes(text)).equals(Buffer.from(text, 'base64'))).toBe(true);
      expect(base64ToBytes(text).length).toBe(n);
    },
  );

  it('reads only the view’s byte range (subarray, Float64Array, DataView)', () => {
    const backing = randomBytes(64, 7);
    const sub = backing.subarray(5, 29);
    expect(bytesToBase64(sub)).toBe(Buffer.from(sub).toString('base64'));
    const f64 = new Float64Array(backing.buffer, 8, 4);
    expect(bytesToBase64(f64)).toBe(Buffer.from(backing.buffer, 8, 32).toString('base64'));
    expect(bytesToBase64(new DataView(backing.buffer, 3, 10))).toBe(
      Buffer.from(backing.buffer, 3, 10).toString('base64'),
    );
    expect(new Float64Array(base64ToBytes(bytesToBase64(f64)).buffer)).toEqual(f64);
  });

  it('works without Node’s Buffer (as in a browser)', () => {
    const saved = globalThis.Buffer;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: removing a global for the test.
      (globalThis as any).Buffer = undefined;
      const bytes = randomBytes(1000, 3);
      expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    } finally {
      globalThis.Buffer = saved;
    }
  });

  it('round-trips 16 MiB in bounded time each way (no stack overflow on large arrays)', () => {
    const bytes = randomBytes(16 * 1024 * 1024, 11);
    let t = performance.now();
    const text = bytesToBase64(bytes);
    const encodeMs = performance.now() - t;
    t = performance.now();
    const back = base64ToBytes(text);
    const decodeMs = performance.now() - t;
    expect(back.length).toBe(bytes.length);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    // Generous bounds (shared 2-core machine at load ≈ 15: measured ≈ 0.25–0.5 s each, chunked btoa ≈ 2.9 s).
    expect(encodeMs).toBeLessThan(5000);
    expect(decodeMs).toBeLessThan(5000);
  });

  it('accepts unpadded input and ignores whitespace', () => {
    expect(Array.from(base64ToBytes('AQI'))).toEqual([1, 2]);
    expect(Array.from(base64ToBytes('AQ\nID\r\n'))).toEqual([1, 2, 3]);
    expect(base64ToBytes('').length).toBe(0);
  });

  it('rejects invalid base64 and non-strings with InvalidParameterError', () => {
    expect(() => base64ToBytes('ab$d')).toThrow(InvalidParameterError);
    expect(() => base64ToBytes('abcde')).toThrow(/`text` must be base64/);
    expect(() => base64ToBytes('ab=d')).toThrow(InvalidParameterError);
    expect(() => base64ToBytes(42 as never)).toThrow(/`text` must be a string/);
  });
});
