import { auditChaosRun } from './chaos/audit-chaos-run';
import { SHORT_CHAOS } from './chaos/chaos-options';
import type { LogEvent } from './chaos/read-retrace';
import { runChaos } from './chaos/run-chaos';

/**
 * The short fault suite (`npm run chaos` is the long one): real orchestrator processes, a private
 * Redis and a private PostgreSQL, and a step worker process, each killed or restarted once under a
 * steady load; nothing accepted may be lost, applied twice or left unfinished.
 */
describe('fault suite, short (e2e, real processes)', () => {
  it('loses, duplicates and strands nothing through an orchestrator kill, a worker kill, a Redis loss and a PostgreSQL restart', async () => {
    const lines: string[] = [];
    const { audit, summary, clean } = await runChaos(SHORT_CHAOS, (line) => lines.push(line));
    console.log(lines.join('\n'));

    expect(summary).toBe(`chaos: accepted=${audit.accepted} terminal=${audit.accepted} lost=0 duplicated=0 stuck=0`);
    expect(audit.problems).toEqual([]);
    expect(clean).toBe(true);
    expect(audit.accepted).toBeGreaterThan(SHORT_CHAOS.ratePerSecond * (SHORT_CHAOS.durationMs / 1000) * 0.9);
    // Both endings happened, and the worker kill really caught a step in its handler.
    expect(audit.outcomes.COMPLETED).toBeGreaterThan(0);
    expect(audit.outcomes.COMPENSATED).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith('chaos | worker-kill #1'))).toMatch(/; [1-9]\d* step\(s\) mid-handler/);
  }, 600_000);

  describe('its audit', () => {
    let position = 0;
    const event = (id: string, type: string, data: Record<string, unknown> = {}, at = '2026-11-22T00:00:00.000Z') =>
      ({ streamId: `message-${id}`, type, data, version: 0, position: ++position, createdAt: at, metadata: { actor: null, causationId: null } }) as unknown as LogEvent;
    const stream = (events: LogEvent[]) => events.map((e, i) => ({ ...e, version: i + 1 }));
    const completed = (id: string) =>
      stream([
        event(id, 'MessageAccepted', { runId: 'r1', steps: [{ name: 'a' }] }),
        event(id, 'StepDispatched', { runId: 'r1', step: 'a', kind: 'action' }),
        event(id, 'StepSucceeded', { runId: 'r1', step: 'a', kind: 'action', result: null }),
        event(id, 'MessageSettled', { runId: 'r1', status: 'COMPLETED' }),
      ]);

    it('counts a lost, a stuck and a duplicated message, and a side effect the log never dispatched', () => {
      const streams = new Map([
        ['ok', completed('ok')],
        ['twice', completed('twice')],
        ['stuck', stream([event('stuck', 'MessageAccepted', { runId: 'r1' })])],
      ]);
      const effect = (messageId: string, key: string, step = 'a') => ({ key, messageId, runId: 'r1', step, kind: 'action', applications: 1 });

      const sut = auditChaosRun({
        accepted: ['ok', 'twice', 'stuck', 'lost'],
        streams,
        statuses: new Map([
          ['ok', 'COMPLETED'],
          ['twice', 'COMPLETED'],
          ['stuck', 'PROCESSING'],
        ]),
        ledger: [effect('ok', 'ok~r1~a~action'), effect('twice', 'twice~r1~a~action'), effect('twice', 'twice~r1~a~action#2'), effect('ok', 'ok~r1~b~action', 'b')],
      });

      expect(sut).toMatchObject({ accepted: 4, terminal: 2, lost: 1, stuck: 1, duplicated: 2 });
      expect(sut.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^lost: /),
          expect.stringMatching(/^stuck: stuck in PROCESSING/),
          expect.stringMatching(/^ok b\.action .*the log never dispatched/),
          expect.stringMatching(/twice\|r1\|a\|action: duplicated: applied under 2 keys/),
        ]),
      );
    });
  });
});
