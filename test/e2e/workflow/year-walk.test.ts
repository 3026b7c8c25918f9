import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar';
import { runSchedulerPass } from '../../../src/scheduler/scheduler';
import { startTestBot, type TestBot } from '../../support/bot';
import { DEMO_YES, seedPledge, seedReport } from '../../support/standings';

/**
 * The demo year walked as the console walks it (15/03/2021 → 10/01/2022): the clock moves a day at
 * a time, a scheduler pass runs at 08:00 and 09:00 each day and the delivery drains, while units
 * sign and report late or never. Whatever falls due together, an officer gets at most one DM a pass.
 */
const hanoi = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
let t: TestBot;
afterEach(async () => {
  await t?.close();
});

/** Who does what on which day (Hà Nội dates); the rest stay late and keep being reminded. */
const PLAN: Record<string, (store: TestBot['bot']['store'], at: Date) => void> = {
  '2021-03-29': (store, at) => {
    for (const [unitCode, by] of [
      ['TT', 'U0TT0001'],
      ['VKS', 'U0VKS001'],
      ['SYT', 'U0YT0001'],
    ] as const)
      seedPledge(store, { unitCode, targets: { '1': 100 }, by, at });
  },
  '2021-04-09': (store, at) => {
    seedReport(store, { unitCode: 'TT', periodCode: 'Q1', values: { '1': 90, '2': 8, ...DEMO_YES }, by: 'U0TT0001', at });
  },
  '2021-04-20': (store, at) => {
    seedPledge(store, { unitCode: 'STP', targets: { '1': 90 }, by: 'U0TP0001', at });
  },
  '2021-07-12': (store, at) => {
    seedReport(store, { unitCode: 'STP', periodCode: 'H1', values: { '1': 80, '2': 7, ...DEMO_YES }, by: 'U0TP0001', at, late: true });
  },
};

describe('a year of reminders', () => {
  it('never sends an officer more than one DM in a pass', { timeout: 240_000 }, async () => {
    t = await startTestBot({ now: hanoi('2021-03-15 07:00') });
    const officers = t.bot.store.structure
      .activeBlocks()
      .flatMap((block) => t.bot.store.structure.members(block.id).flatMap((unit) => t.bot.store.structure.officerIds(unit.id)));
    const dmCounts = () => new Map(officers.map((user) => [user, t.slack.dmsTo(user).length]));
    let worst = { count: 0, at: '', user: '' };
    let total = 0;
    for (let date = '2021-03-15'; date <= '2022-01-10'; date = addDays(date, 1)) {
      PLAN[date]?.(t.bot.store, hanoi(`${date} 07:30`));
      for (const time of ['08:00', '09:00']) {
        const before = dmCounts();
        t.clock.set(hanoi(`${date} ${time}`));
        await runSchedulerPass(t.bot.deps, t.clock.now());
        await t.bot.deps.delivery.drain();
        for (const [user, count] of dmCounts()) {
          const sent = count - before.get(user)!;
          total += sent;
          if (sent > worst.count) worst = { count: sent, at: `${date} ${time}`, user };
        }
      }
    }
    // Reminders did go out all year (pledge, Q1, H1, M9, the year's report), one DM a pass at most.
    expect(total).toBeGreaterThan(100);
    expect(worst.count).toBe(1);
  });
});
