// A wasm backend that cannot start (its binaries are not where they are said to be) falls back to cpu LOUDLY: one
// console.warn naming the cause and the location; with `fallback: false` the same cause is in the error. Runs in its
// own process (vitest forks pool), as tfjs lets the wasm paths be set only once.
import { InvalidParameterError } from '@memsim/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend, WASM_FILE_NAMES } from '../../src/index';
import { tf } from '../helpers';

const MISSING = '/nonexistent-memsim-wasm-dir/';

afterEach(() => vi.restoreAllMocks());

describe('initBackend with unreachable wasm binaries', () => {
  it('throws InvalidParameterError naming the cause when fallback is false', async () => {
    const error = await initBackend({ wasmPaths: MISSING, fallback: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toMatch(
      /`backend`.*wasm failed with binaries under \/nonexistent-memsim-wasm-dir\//,
    );
  });

  it('falls back to cpu with a console.warn that names the cause and the location', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await initBackend({ wasmPaths: MISSING })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    const ours = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.startsWith('initBackend:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/wasm backend did not start \(binaries under \/nonexistent-memsim-wasm-dir\/\)/);
    expect(ours[0]).toMatch(/falling back to the plain-JS cpu backend/);
  });

  it.each([
    [{}],
    [{ 'tfjs-backend-wasm.wasm': 'a.wasm' }],
    [Object.fromEntries([...WASM_FILE_NAMES.map((n) => [n, '']), ['x.wasm', 'x']])],
    [['a.wasm']],
    [42],
  ])('rejects wasmPaths %j', async (wasmPaths) => {
    await expect(initBackend({ wasmPaths } as never)).rejects.toThrow(InvalidParameterError);
    await expect(initBackend({ wasmPaths } as never)).rejects.toThrow(/`wasmPaths`/);
  });
});
