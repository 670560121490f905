import { InvalidParameterError } from '@memsim/core';
import { option, rule } from '@memsim/core';
import { numberArg, resolveArgs } from '../internal/arg-rules';
import { COMMON_OPTIONS, type Command } from './command';

/** The numeric flags of `memsim worker`, resolved once. */
const WORKER_ARGS = {
  concurrency: option.withDefault(numberArg(rule.integerRange(1, 64)), 1),
  'lock-seconds': option.withDefault(numberArg(rule.range(1, 3600)), 30),
};

/** `memsim worker --queue URL`: runs the trials of `memsim experiment … --queue URL` on this machine. */
export const workerCommand: Command = {
  name: 'worker',
  usage: 'memsim worker --queue redis://[:PASSWORD@]HOST:PORT/DB [--concurrency N] [--queue-name NAME]',
  summary:
    'Takes experiment trials from a Redis/BullMQ queue and runs them with the local trial engine (one thread per concurrent trial) until SIGTERM, which finishes the current trials first. The model comes through Redis by content hash; user data must be at the same path as on the submitting machine (checked by content hash).',
  options: {
    queue: { type: 'string', description: 'Redis URL of the queue (rediss:// for TLS)' },
    'queue-name': { type: 'string', description: 'BullMQ queue name', default: 'memsim' },
    concurrency: { type: 'string', description: 'trials at once (one thread each)', default: '1' },
    cache: {
      type: 'string',
      description: 'where models from Redis are kept',
      default: '$MEMSIM_CACHE_DIR or ~/.cache/memsim',
    },
    'lock-seconds': {
      type: 'string',
      description: 'a trial of a worker that died is taken over after about this long',
      default: '30',
    },
    quiet: COMMON_OPTIONS.quiet!,
    help: COMMON_OPTIONS.help!,
  },
  async run(args, context) {
    const v = args.values;
    if (typeof v.queue !== 'string')
      throw new InvalidParameterError({
        where: 'memsim worker',
        parameter: '--queue',
        value: undefined,
        expected: 'a Redis URL redis://[:PASSWORD@]HOST:PORT/DB',
      });
    const o = resolveArgs('worker', v, WORKER_ARGS);
    const { runQueueWorker } = await import('../queue/queue-worker');
    return runQueueWorker({
      url: v.queue,
      ...(typeof v['queue-name'] === 'string' ? { name: v['queue-name'] } : {}),
      concurrency: o.concurrency,
      ...(typeof v.cache === 'string' ? { cacheDir: v.cache } : {}),
      lockSeconds: o['lock-seconds'],
      stderr: context.stderr,
      progress: context.progress,
    });
  },
};
