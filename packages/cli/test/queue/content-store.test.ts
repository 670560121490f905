import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '@memsim/core';
import { hashModel, materializeModel, uploadModel } from '../../src/index';
import { tempDir } from '../helpers';
import { type TestRedis, findRedisServer, startRedis } from './redis-server';

const redisBin = findRedisServer();

describe.skipIf(redisBin === null)('content-addressed model transport through Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis(redisBin!);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a tfjs folder (with a sub-folder) and a single model file arrive byte for byte, stored once by hash', async () => {
    const c = redis.client();
    const folder = join(tempDir(), 'my-net');
    mkdirSync(join(folder, 'shards'), { recursive: true });
    writeFileSync(join(folder, 'model.json'), '{"modelTopology":{}}');
    writeFileSync(join(folder, 'shards', 'weights.bin'), new Uint8Array([0, 1, 2, 255]));
    const onnx = join(tempDir(), 'net.onnx');
    writeFileSync(onnx, new Uint8Array([8, 1, 18, 4, 116, 101, 115, 116]));

    const refA = await uploadModel(c, folder);
    expect(refA.hash).toBe(hashModel(folder));
    expect(refA.name).toBe('my-net');
    expect(Object.keys(refA.files)).toEqual(['model.json', 'shards/weights.bin']);
    const refB = await uploadModel(c, onnx);
    expect(refB).toMatchObject({ kind: 'file', name: 'net.onnx', hash: hashModel(onnx) });
    const blobs = (await c.keys('memsim:blob:*')).length;
    await uploadModel(c, folder);
    expect((await c.keys('memsim:blob:*')).length).toBe(blobs);

    const cache = tempDir();
    const a = await materializeModel(c, refA, cache);
    expect(a).toBe(join(cache, 'models', refA.hash, 'my-net'));
    expect(readFileSync(join(a, 'model.json'), 'utf8')).toBe('{"modelTopology":{}}');
    expect([...readFileSync(join(a, 'shards', 'weights.bin'))]).toEqual([0, 1, 2, 255]);
    expect(hashModel(a)).toBe(refA.hash);
    const b = await materializeModel(c, refB, cache);
    expect([...readFileSync(b)]).toEqual([8, 1, 18, 4, 116, 101, 115, 116]);
    // A second call reuses the cache.
    expect(await materializeModel(c, refA, cache)).toBe(a);
    c.disconnect();
  });

  it('a blob whose bytes do not match its hash, or a missing one, is refused', async () => {
    const c = redis.client();
    const file = join(tempDir(), 'w.onnx');
    writeFileSync(file, 'abc');
    const ref = await uploadModel(c, file);
    await c.set(`memsim:blob:${ref.files['']}`, 'abd');
    await expect(materializeModel(c, ref, tempDir())).rejects.toThrow(InvalidParameterError);
    await expect(materializeModel(c, ref, tempDir())).rejects.toThrow(/corrupt in Redis/);
    await c.del(`memsim:blob:${ref.files['']}`);
    await expect(materializeModel(c, ref, tempDir())).rejects.toThrow(/missing in Redis/);
    c.disconnect();
  });
});
