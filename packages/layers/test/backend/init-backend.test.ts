import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES, initBackend } from '../../src/index';
import { tf } from '../helpers';

describe('initBackend', () => {
  it('starts the wasm backend in Node (binaries found in the installed package) and is idempotent', async () => {
    const backend = await initBackend();
    expect(BACKEND_NAMES).toContain(backend);
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await initBackend({ backend: 'wasm' })).toBe('wasm');
  });

  it('switches to cpu on request and back', async () => {
    expect(await initBackend({ backend: 'cpu' })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend()).toBe('wasm');
  });

  it.each([
    [{ backend: 'webgl' }, /`backend` must be one of 'wasm', 'cpu'/],
    [{ fallback: 'yes' }, /`fallback`/],
    [{ wasmPaths: '' }, /`wasmPaths`/],
    [{ backnd: 'cpu' }, /unknown key `backnd`; did you mean `backend`/],
  ])('rejects %j', async (options, pattern) => {
    await expect(initBackend(options as never)).rejects.toThrow(InvalidParameterError);
    await expect(initBackend(options as never)).rejects.toThrow(pattern);
  });
});
