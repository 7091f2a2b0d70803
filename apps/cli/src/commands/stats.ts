import type { TransitionChain } from '@retrace/domain';
import { printJson, text, type Command } from '../command';
import { UsageError } from '../exit-codes';
import { formatTable, percent, type Cell } from '../table';

const transitions: Command = {
  path: ['stats', 'transitions'],
  summary: 'status transitions seen in the log, as a Markov chain',
  details: 'Prints each state\'s outgoing counts with their probabilities, then where a message in each state ends (absorption).',
  flags: {
    saga: text('only this saga', 'NAME'),
    from: text('transitions made at or after this ISO-8601 time', 'TIME'),
    to: text('transitions made at or before this ISO-8601 time', 'TIME'),
  },
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError(`stats transitions takes no operands (got ${ctx.args.join(' ')})`);
    const chain: Omit<TransitionChain, 'notes'> & { notes?: string[] } = await ctx.client.get('/v1/admin/stats/transitions', {
      saga: ctx.flags.string('saga'),
      from: ctx.flags.time('from'),
      to: ctx.flags.time('to'),
    });
    if (ctx.json) return printJson(ctx, chain);
    const sources = chain.states.filter((s) => chain.counts[s] !== undefined);
    const targets = chain.states.filter((t) => sources.some((s) => chain.counts[s][t] !== undefined));
    ctx.io.out(`transitions: ${chain.transitions}\n`);
    ctx.io.out(
      formatTable(
        ['FROM \\ TO', ...targets],
        sources.map((s): Cell[] => [s, ...targets.map((t) => (chain.counts[s][t] === undefined ? undefined : `${chain.counts[s][t]} (${percent(chain.probabilities[s]?.[t])})`))]),
        { right: targets.map((_, i) => i + 1) },
      ),
    );
    const absorbing = chain.states.filter((t) => chain.counts[t] === undefined);
    ctx.io.out('\nends in (absorption probability):');
    ctx.io.out(
      formatTable(
        ['FROM', ...absorbing],
        chain.states.map((s): Cell[] => [s, ...absorbing.map((t) => percent(chain.absorption[s]?.[t]))]),
        { right: absorbing.map((_, i) => i + 1) },
      ),
    );
    for (const note of chain.notes ?? []) ctx.io.out(`note: ${note}`);
  },
};

export const STATS_COMMANDS: Command[] = [transitions];
