import { describe, expect, it } from 'vitest';
import { createQueueExecutor } from '../../src/index';
import { type OptionCase, expectRejected, unknownKey } from './cases';

// Issue 20: createQueueExecutor resolves its options through core's resolveOptions and the queue schema (the one
// runSweep uses for its `queue`); a bad option is an InvalidParameterError before Redis is contacted.
const inputs = { study: 'faults', model: 'mlp', data: 'mnist', samples: 16, points: [], seeds: 1, seed: 1 } as never;
const create = (options: object) => createQueueExecutor(options as never, { setup: null, inputs });
const url = 'redis://127.0.0.1:6379/0';

const cases: OptionCase[] = [
  [
    'unknown key',
    () => create({ url, atempts: 2 }),
    unknownKey('createQueueExecutor', 'atempts', ['url', 'name', 'attempts', 'timeout', 'engine'], 'attempts'),
  ],
  ['url: missing', () => create({}), /`url` must be a Redis URL/],
  ['attempts: 0', () => create({ url, attempts: 0 }), /`attempts` must be an integer in \[1, 100\]; received 0/],
  ['attempts: 2.5', () => create({ url, attempts: 2.5 }), /`attempts` must be an integer in \[1, 100\]; received 2.5/],
  ['timeout: -1', () => create({ url, timeout: -1 }), /`timeout` must be .*received -1/],
  ['engine', () => create({ url, engine: 'fast' }), /`engine` must be one of 'trial', 'noop'; received 'fast'/],
];

describe('queue options (issue 20)', () => {
  it.each(cases)('createQueueExecutor rejects %s', (_label, call, message) =>
    expectRejected('createQueueExecutor', call, message),
  );

  it('a valid call gives a one-worker executor without contacting Redis', () => {
    const executor = create({ url, name: 'memsim-options-test', attempts: 2, timeout: 5, engine: 'noop' });
    expect(executor.workers).toBe(1);
    expect(typeof executor.run).toBe('function');
  });
});
