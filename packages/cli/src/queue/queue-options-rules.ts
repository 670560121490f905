import { type OptionsSchema, option, rule } from '@memsim/core';
import { cliRule } from '../internal/option-rules';
import type { QueueOptions } from './queue-executor';

const ENGINES = ['trial', 'noop'] as const;

/**
 * The rules of {@link QueueOptions}, each written once (`runSweep` resolves its `queue` by them). Kept apart from the
 * queue executor so checking options does not load BullMQ.
 */
export const QUEUE_OPTIONS_SCHEMA = {
  url: option.requiredByRule(cliRule.text('a Redis URL: redis://[:PASSWORD@]HOST:PORT/DB (rediss:// for TLS)')),
  name: option.optional(cliRule.text('a non-empty BullMQ queue name')),
  attempts: option.optional(rule.integerRange(1, 100)),
  timeout: option.optional(rule.positive),
  engine: option.optional(rule.oneOf(ENGINES)),
} satisfies OptionsSchema<QueueOptions>;
