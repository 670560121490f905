import type { OptionSpec, ParsedArgs } from '../internal/args';
import { option, rule } from '@memsim/core';
import { numberArg, resolveArgs } from '../internal/arg-rules';
import type { QueueOptions } from '../queue/queue-executor';

/** Options of `memsim experiment` that send the trials to a Redis/BullMQ queue. */
export const QUEUE_OPTIONS: Record<string, OptionSpec> = {
  queue: {
    type: 'string',
    description:
      'run the trials on `memsim worker` processes through Redis: redis://[:PASSWORD@]HOST:PORT/DB (rediss:// for TLS); rerun the same command to resume',
  },
  'queue-name': { type: 'string', description: 'BullMQ queue name (with --queue)', default: 'memsim' },
  attempts: {
    type: 'string',
    description: 'attempts per trial before it is recorded as failed (with --queue)',
    default: '3',
  },
};

/** The numeric flag of the queue: attempts per trial. */
const QUEUE_ARGS = { attempts: option.withDefault(numberArg(rule.integerRange(1, 100)), 3) };

/**
 * The {@link QueueOptions} of parsed arguments, or undefined without `--queue`. Connects once to check the URL and
 * the password, so a bad one fails in a second, before the model and data are loaded.
 *
 * @throws {InvalidParameterError} for a malformed URL, an unreachable server or refused credentials.
 */
export async function queueOptions(values: ParsedArgs['values']): Promise<QueueOptions | undefined> {
  if (typeof values.queue !== 'string') return undefined;
  const options: QueueOptions = {
    url: values.queue,
    ...(typeof values['queue-name'] === 'string' ? { name: values['queue-name'] } : {}),
    attempts: resolveArgs('experiment', values, QUEUE_ARGS).attempts,
  };
  const { parseRedisTarget, probeRedis } = await import('../queue/redis-target');
  await probeRedis('memsim experiment', parseRedisTarget('memsim experiment', options.url, options.name));
  return options;
}
