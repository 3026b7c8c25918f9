import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fuzzer, fuzzCase, startFuzzer } from './harness';

/**
 * A sample of the fuzz suite (`npm run fuzz` runs 10,000 cases and prints a table): random
 * commands and forged interactions of every kind through the real HTTP path. None may crash the
 * bot (no 5xx, no request left unanswered, no listener throwing) and none may change the database.
 */
describe('fuzzing the real HTTP path', () => {
  let fuzzer: Fuzzer;
  beforeAll(async () => {
    fuzzer = await startFuzzer();
  });
  afterAll(() => fuzzer.close());

  it('answers 300 random commands and forged interactions without a crash or a change to the database', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (fuzz) => {
        const outcome = await fuzzer.run(fuzz);
        expect(outcome.status, fuzz.body.slice(0, 300)).toBeGreaterThanOrEqual(200);
        expect(outcome.status, fuzz.body.slice(0, 300)).toBeLessThan(500);
        expect(outcome.errors, fuzz.body.slice(0, 300)).toEqual([]);
        expect(outcome.changes, fuzz.body.slice(0, 300)).toBe(0);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
