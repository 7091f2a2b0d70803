import fc from 'fast-check';
import { MESSAGE_STATUSES } from '../message/message-status';
import { transitionChain, type TransitionTally } from './transition-chain';

const tally = (from: string, to: string, count: number, totalMs = 0): TransitionTally => ({ from, to, count, totalMs });

/** Expects every entry of `actual` close to `expected` (same keys), to 12 decimals. */
const expectRowsClose = (actual: Record<string, Record<string, number>>, expected: Record<string, Record<string, number>>) => {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [s, row] of Object.entries(expected)) {
    expect(Object.keys(actual[s]).sort()).toEqual(Object.keys(row).sort());
    for (const [t, p] of Object.entries(row)) expect(actual[s][t]).toBeCloseTo(p, 12);
  }
};

describe(transitionChain.name, () => {
  describe('a chain without loops: 8 in 10 complete, 2 compensate, 1 compensation in 10 fails', () => {
    const sut = transitionChain(
      [
        tally('PENDING', 'PROCESSING', 10, 1_000),
        tally('PROCESSING', 'COMPLETED', 8, 8 * 300),
        tally('PROCESSING', 'COMPENSATING', 2, 2 * 900),
        tally('COMPENSATING', 'COMPENSATED', 9, 9 * 50),
        tally('COMPENSATING', 'COMPENSATION_FAILED', 1, 5_050),
      ],
      MESSAGE_STATUSES,
    );

    it('lists the states seen in the order given', () => {
      expect(sut.states).toEqual(['PENDING', 'PROCESSING', 'COMPLETED', 'COMPENSATING', 'COMPENSATED', 'COMPENSATION_FAILED']);
    });

    it('counts and normalises each row; absorbing states have no row', () => {
      expect(sut.counts).toEqual({
        PENDING: { PROCESSING: 10 },
        PROCESSING: { COMPLETED: 8, COMPENSATING: 2 },
        COMPENSATING: { COMPENSATED: 9, COMPENSATION_FAILED: 1 },
      });
      expect(sut.probabilities).toEqual({
        PENDING: { PROCESSING: 1 },
        PROCESSING: { COMPLETED: 0.8, COMPENSATING: 0.2 },
        COMPENSATING: { COMPENSATED: 0.9, COMPENSATION_FAILED: 0.1 },
      });
      expect(sut.transitions).toBe(30);
    });

    it('solves the absorption probabilities: 0.8, 0.2 × 0.9 = 0.18 and 0.2 × 0.1 = 0.02 from PENDING', () => {
      expectRowsClose(sut.absorption, {
        PENDING: { COMPLETED: 0.8, COMPENSATED: 0.18, COMPENSATION_FAILED: 0.02 },
        PROCESSING: { COMPLETED: 0.8, COMPENSATED: 0.18, COMPENSATION_FAILED: 0.02 },
        COMPENSATING: { COMPENSATED: 0.9, COMPENSATION_FAILED: 0.1 },
        COMPLETED: { COMPLETED: 1 },
        COMPENSATED: { COMPENSATED: 1 },
        COMPENSATION_FAILED: { COMPENSATION_FAILED: 1 },
      });
      expect(sut.notes).toEqual([]);
    });

    it('averages the time spent in each state before leaving it', () => {
      expect(sut.meanTimeMs).toEqual({ PENDING: 100, PROCESSING: 420, COMPENSATING: 550 });
    });
  });

  it('sums a replay loop as a geometric series', () => {
    // REPLAY_FAILED → REPLAYING ¾, → REVOKING ¼; REPLAYING → COMPLETED ½, → REPLAY_FAILED ½.
    // One lap REPLAYING → REPLAY_FAILED → REPLAYING has probability ½·¾ = ⅜, so from REPLAYING:
    //   COMPLETED = ½ · Σ (⅜)^k = ½ / ⅝ = 4/5,  REVOKED = ½·¼ · Σ (⅜)^k = ⅛ / ⅝ = 1/5;
    // and from REPLAY_FAILED: COMPLETED = ¾ · 4/5 = 3/5, REVOKED = ¼ + ¾ · 1/5 = 2/5.
    const sut = transitionChain([
      tally('REPLAY_FAILED', 'REPLAYING', 3),
      tally('REPLAY_FAILED', 'REVOKING', 1),
      tally('REPLAYING', 'COMPLETED', 2),
      tally('REPLAYING', 'REPLAY_FAILED', 2),
      tally('REVOKING', 'REVOKED', 4),
    ]);
    expectRowsClose(sut.absorption, {
      REPLAYING: { COMPLETED: 4 / 5, REVOKED: 1 / 5 },
      REPLAY_FAILED: { COMPLETED: 3 / 5, REVOKED: 2 / 5 },
      REVOKING: { REVOKED: 1 },
      COMPLETED: { COMPLETED: 1 },
      REVOKED: { REVOKED: 1 },
    });
    expect(sut.notes).toEqual([]);
  });

  describe("gambler's ruin: from i of N, win each round with p, stop at 0 or N", () => {
    const N = 5;
    const ruin = (up: number, down: number) =>
      transitionChain(
        Array.from({ length: N - 1 }, (_, k) => k + 1).flatMap((i) => [tally(String(i), String(i + 1), up), tally(String(i), String(i - 1), down)]),
      );

    it('reaches N with probability (1 − (q/p)^i) / (1 − (q/p)^N) when p ≠ q', () => {
      const sut = ruin(2, 3); // p = 0.4, q = 0.6
      const r = 0.6 / 0.4;
      for (let i = 1; i < N; i++) {
        const win = (1 - r ** i) / (1 - r ** N);
        expect(sut.absorption[String(i)][String(N)]).toBeCloseTo(win, 12);
        expect(sut.absorption[String(i)]['0']).toBeCloseTo(1 - win, 12);
      }
    });

    it('reaches N with probability i / N in a fair game', () => {
      const sut = ruin(7, 7);
      for (let i = 1; i < N; i++) expect(sut.absorption[String(i)][String(N)]).toBeCloseTo(i / N, 12);
    });
  });

  it('reports a cycle with no way out instead of failing on the singular I − Q', () => {
    // REPLAYING ⇄ REPLAY_FAILED with no exit observed; PENDING either is retracted or falls into it.
    const sut = transitionChain(
      [
        tally('PENDING', 'RETRACTED', 1),
        tally('PENDING', 'REPLAYING', 3),
        tally('REPLAYING', 'REPLAY_FAILED', 2),
        tally('REPLAY_FAILED', 'REPLAYING', 2),
      ],
      MESSAGE_STATUSES,
    );
    expectRowsClose(sut.absorption, {
      PENDING: { RETRACTED: 0.25 },
      REPLAYING: {},
      REPLAY_FAILED: {},
      RETRACTED: { RETRACTED: 1 },
    });
    expect(sut.notes).toEqual([
      expect.stringContaining('REPLAYING, REPLAY_FAILED never reach a state with no way out'),
      expect.stringContaining('the absorption rows of PENDING sum to less than 1'),
    ]);
    expect(sut.probabilities.REPLAYING).toEqual({ REPLAY_FAILED: 1 });
  });

  it('reports a chain that is nothing but a closed cycle', () => {
    const sut = transitionChain([tally('A', 'B', 1), tally('B', 'C', 1), tally('C', 'A', 1)]);
    expect(sut.absorption).toEqual({ A: {}, B: {}, C: {} });
    expect(sut.notes).toHaveLength(1);
  });

  it('answers an empty chain for no transitions', () => {
    expect(transitionChain([])).toEqual({
      states: [],
      counts: {},
      probabilities: {},
      absorption: {},
      meanTimeMs: {},
      transitions: 0,
      notes: [],
    });
  });

  it('merges repeated tallies and ignores empty ones', () => {
    const sut = transitionChain([tally('A', 'B', 1, 10), tally('A', 'B', 3, 30), tally('B', 'A', 0)]);
    expect(sut.counts).toEqual({ A: { B: 4 } });
    expect(sut.meanTimeMs).toEqual({ A: 10 });
    expect(sut.absorption).toEqual({ A: { B: 1 }, B: { B: 1 } });
  });

  it('refuses counts that are not non-negative integers, and negative times', () => {
    expect(() => transitionChain([tally('A', 'B', 1.5)])).toThrow(RangeError);
    expect(() => transitionChain([tally('A', 'B', -1)])).toThrow(RangeError);
    expect(() => transitionChain([tally('A', 'B', 1, -5)])).toThrow(RangeError);
  });

  it('keeps odd state names as plain keys', () => {
    const sut = transitionChain([tally('__proto__', 'constructor', 2)]);
    expect(Object.keys(sut.counts)).toEqual(['__proto__']);
    expect(sut.absorption.constructor).toEqual({ constructor: 1 });
  });

  it('sums every absorption row to 1 when every state can reach an absorbing one', () => {
    // States 0 … n−1; the last `a` are absorbing. Each transient state i moves anywhere at random
    // (itself included) and always has at least one move to a higher state, so every path can
    // climb to an absorbing one.
    const chains = fc
      .record({ n: fc.integer({ min: 2, max: 12 }), a: fc.integer({ min: 1, max: 4 }) })
      .filter(({ n, a }) => a < n)
      .chain(({ n, a }) =>
        fc.tuple(
          ...Array.from({ length: n - a }, (_, i) =>
            fc.tuple(
              fc.integer({ min: i + 1, max: n - 1 }),
              fc.integer({ min: 1, max: 50 }),
              fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 1_000 })), { maxLength: 6 }),
            ),
          ),
        ),
      );
    fc.assert(
      fc.property(chains, (rows) => {
        const tallies = rows.flatMap(([up, upCount, others], i) => [
          tally(`s${i}`, `s${up}`, upCount),
          ...others.map(([t, count]) => tally(`s${i}`, `s${t}`, count)),
        ]);
        const sut = transitionChain(tallies);
        expect(sut.notes).toEqual([]);
        for (const s of sut.states) {
          const row = Object.values(sut.absorption[s]);
          expect(row.every((p) => p >= 0 && p <= 1)).toBe(true);
          expect(Math.abs(row.reduce((x, y) => x + y, 0) - 1)).toBeLessThanOrEqual(1e-9);
        }
      }),
    );
  });
});
