import { afterEach, describe, expect, it } from 'vitest';
import { DIGEST_REPORTED_THROUGH } from '../../src/scheduler/delivery-digest';
import { runSchedulerPass } from '../../src/scheduler/scheduler';
import { NUDGE_OPEN_PLEDGE } from '../../src/views/ids';
import { DEMO_YAML, firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';

/**
 * The demo organisation (db/seed/demo.yaml), 2021: pledge due 31/03 17:00 (Wednesday), Q1 report due
 * 10/04 17:00 (a Saturday); nudges 7, 3 and 1 days before at 08:00, then every 2 working days;
 * quiet hours 20:00–07:00 in Hà Nội (UTC+7). Khối Nội chính (C0NOICHINH): TT, CA (lead, two
 * officers), VKS, TAND, STP, BCHQS, CTHADS. Khối Văn hóa – Xã hội (C0VHXH): SLDTBXH (lead), SGDDT,
 * SVHTTDL, SYT, STTTT, DPTTH.
 */
const NOI_CHINH = 'C0NOICHINH';
const VH_XH = 'C0VHXH';
const ADMIN = 'U0ADMIN01';
const OFFICERS: Record<string, string[]> = {
  TT: ['U0TT0001'],
  CA: ['U0CA0001', 'U0CA0002'],
  VKS: ['U0VKS001'],
  TAND: ['U0TA0001'],
  STP: ['U0TP0001'],
  BCHQS: ['U0QS0001'],
  CTHADS: ['U0THA001'],
  SLDTBXH: ['U0LD0001'],
  SGDDT: ['U0GD0001'],
  SVHTTDL: ['U0VH0001'],
  SYT: ['U0YT0001'],
  STTTT: ['U0TTTT01'],
  DPTTH: ['U0PTTH01'],
};
const NOI_CHINH_UNITS = ['TT', 'CA', 'VKS', 'TAND', 'STP', 'BCHQS', 'CTHADS'];
const VH_XH_UNITS = ['SLDTBXH', 'SGDDT', 'SVHTTDL', 'SYT', 'STTTT', 'DPTTH'];
const ALL_OFFICERS = Object.values(OFFICERS).flat();

/** "2021-04-07 08:00" in Hà Nội. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

/** Moves the organisation's clock, runs one scheduler pass as `npm start` would, and waits for the delivery. */
async function passAt(local: string): Promise<void> {
  t.clock.set(at(local));
  await runSchedulerPass(t.bot.deps, t.clock.now());
  await t.bot.deps.delivery.drain();
}

function blockIdOf(unitId: number): number {
  const block = t.bot.store.structure
    .activeBlocks()
    .find((candidate) => t.bot.store.structure.members(candidate.id).some((member) => member.id === unitId));
  return block!.id;
}

/** Records a signed pledge for each unit, as an admin would through the modal. */
function signed(...codes: string[]): void {
  for (const code of codes) {
    const unit = t.bot.store.structure.unitByCode(code)!;
    const pledge = t.bot.store.pledges.ensure(2021, unit.id, blockIdOf(unit.id));
    t.bot.store.pledges.add({
      pledgeId: pledge.id,
      status: 'accepted',
      titles: [],
      commitments: '',
      targets: new Map(),
      submittedBy: ADMIN,
      actingAsAdmin: true,
      submittedAt: t.clock.now(),
    });
  }
}

/** Records a submitted (accepted) report of the period for each unit. */
function submitted(periodCode: string, ...codes: string[]): void {
  const period = t.bot.store.structure.periods(2021).find((row) => row.code === periodCode)!;
  for (const code of codes) {
    const unit = t.bot.store.structure.unitByCode(code)!;
    const report = t.bot.store.reports.ensure(period.id, unit.id, blockIdOf(unit.id));
    t.bot.store.reports.add({
      reportId: report.id,
      status: 'accepted',
      values: new Map(),
      evidenceUrl: null,
      notes: '',
      submittedBy: ADMIN,
      actingAsAdmin: true,
      submittedAt: t.clock.now(),
      late: false,
    });
  }
}

const q1 = () => t.bot.store.structure.periods(2021).find((row) => row.code === 'Q1')!;
const blockId = (code: string) => t.bot.store.structure.blockByCode(code)!.id;
const dmCounts = () =>
  Object.fromEntries(ALL_OFFICERS.map((user) => [user, t.slack.dmsTo(user).length]).filter(([, count]) => count !== 0));
const nudgeKeys = () =>
  t.bot.store.outbox
    .all()
    .map((row) => row.dedupeKey)
    .filter((key) => key.startsWith('nudge:'));
/** The outbox key a posted message carries in its metadata. */
const keyOf = (message: { metadata?: { event_payload?: Record<string, unknown> } }) => String(message.metadata?.event_payload?.key ?? '');
const officersOf = (...codes: string[]) => codes.flatMap((code) => OFFICERS[code]!);
const countsFor = (users: string[], count = 1) => Object.fromEntries(users.map((user) => [user, count]));

describe('deadline nudges', () => {
  it('3 days before a due: one channel message per block and DMs to the officers of missing units only; the same pass again sends nothing', async () => {
    t = await startTestBot({ now: at('2021-04-06 10:00') });
    signed(...NOI_CHINH_UNITS, ...VH_XH_UNITS);
    submitted('Q1', 'TT', 'CA', 'SLDTBXH', 'SGDDT', 'SVHTTDL', 'STTTT', 'DPTTH');
    await passAt('2021-04-02 08:00'); // before-7, so that 04-07 is not a catch-up
    const before = t.slack.callsTo('chat.postMessage').length;
    const outboxBefore = t.bot.store.outbox.all().length;

    await passAt('2021-04-07 08:00');
    const channel = t.slack.messagesIn(NOI_CHINH).slice(1);
    expect(channel).toHaveLength(1);
    const text = textOf(channel[0]!);
    expect(text).toContain(
      '⏰ Còn 3 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Đã nộp 2/7 đơn vị. Chưa nộp: Viện Kiểm sát nhân dân tỉnh; Tòa án nhân dân tỉnh; Sở Tư pháp; Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh.',
    );
    expect(text).toContain('Cán bộ phụ trách: <@U0VKS001>, <@U0TA0001>, <@U0TP0001>, <@U0QS0001>, <@U0THA001>.');
    expect(text).not.toContain('U0CA0001');
    expect(textOf(t.slack.messagesIn(VH_XH).at(-1)!)).toContain('Đã nộp 5/6 đơn vị. Chưa nộp: Sở Y tế.');
    expect(t.slack.messagesIn(VH_XH)).toHaveLength(2);

    // Two passes (before-7, before-3): officers of missing units have one DM from each, the others none.
    expect(dmCounts()).toEqual(countsFor(officersOf('VKS', 'TAND', 'STP', 'BCHQS', 'CTHADS', 'SYT'), 2));
    const dm = t.slack.dmsTo('U0TP0001').at(-1)!;
    expect(textOf(dm)).toContain('⏰ Còn 3 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Sở Tư pháp chưa nộp báo cáo.');
    const sent = t.slack.callsTo('chat.postMessage').length - before;
    expect(sent).toBe(2 + 6);
    expect(nudgeKeys()).toContain(`nudge:report:${q1().id}:${blockId('NOI_CHINH')}:before-3:dm:U0TP0001`);
    expect(nudgeKeys()).toContain(`nudge:report:${q1().id}:${blockId('NOI_CHINH')}:before-3:channel`);

    // The same pass again, and a later tick in the same slot: nothing new is queued or posted.
    await passAt('2021-04-07 08:00');
    await passAt('2021-04-07 15:30');
    expect(t.slack.callsTo('chat.postMessage').length - before).toBe(sent);
    expect(t.bot.store.outbox.all().length - outboxBefore).toBe(sent);
  });

  it('sends a nudge that falls on a Sunday or a holiday on the previous working day, and none in quiet hours', async () => {
    // The organisation adds Friday 09/04 as a holiday: Q1's 1-day nudge (Friday) moves to Thursday.
    t = await startTestBot({ now: at('2021-03-20 10:00'), organisationYaml: DEMO_YAML.replace('holidays: [', 'holidays: [2021-04-09, ') });
    const keysFor = (subject: string, code: string) =>
      nudgeKeys().filter((key) => key.startsWith(`nudge:${subject}:${blockId(code)}:`) && key.endsWith(':channel'));
    await passAt('2021-03-24 08:00'); // pledge: 7 days before
    // 3 days before the pledge due is Sunday 28/03: sent on Friday 26/03, not at 07:59, not on Sunday.
    await passAt('2021-03-26 07:59');
    expect(keysFor('pledge:2021', 'NOI_CHINH')).toEqual([`nudge:pledge:2021:${blockId('NOI_CHINH')}:before-7:channel`]);
    await passAt('2021-03-26 08:00');
    expect(keysFor('pledge:2021', 'NOI_CHINH').at(-1)).toBe(`nudge:pledge:2021:${blockId('NOI_CHINH')}:before-3:channel`);
    expect(textOf(t.slack.messagesIn(NOI_CHINH).at(-1)!)).toContain(
      'Còn 5 ngày đến hạn ký giao ước thi đua năm 2021 (17:00 ngày 31/03/2021).',
    );
    const afterFriday = t.slack.messagesIn(NOI_CHINH).length;
    await passAt('2021-03-28 08:00');
    expect(t.slack.messagesIn(NOI_CHINH)).toHaveLength(afterFriday);

    signed(...NOI_CHINH_UNITS, ...VH_XH_UNITS);
    await passAt('2021-04-07 08:00'); // Q1: 3 days before
    // 1 day before Q1 is the holiday Friday 09/04: sent on Thursday 08/04.
    await passAt('2021-04-08 07:59');
    expect(keysFor(`report:${q1().id}`, 'VH_XH').map((key) => key.split(':')[4])).toEqual(['before-3']);
    await passAt('2021-04-08 08:00');
    expect(keysFor(`report:${q1().id}`, 'VH_XH').map((key) => key.split(':')[4])).toEqual(['before-3', 'before-1']);
    expect(textOf(t.slack.messagesIn(VH_XH).at(-1)!)).toContain('Còn 2 ngày đến hạn nộp báo cáo Quý I');
    const afterThursday = t.bot.store.outbox.all().length;
    await passAt('2021-04-09 08:00');
    expect(t.bot.store.outbox.all()).toHaveLength(afterThursday);

    // Overdue, but the bot is only back at 21:00 and the next morning before 07:00: nothing until 07:00.
    await passAt('2021-04-12 21:00');
    await passAt('2021-04-13 06:59');
    expect(t.bot.store.outbox.all()).toHaveLength(afterThursday);
    await passAt('2021-04-13 07:00');
    expect(keysFor(`report:${q1().id}`, 'VH_XH').at(-1)).toBe(`nudge:report:${q1().id}:${blockId('VH_XH')}:overdue-1:channel`);
  });

  it('overdue: channel, DMs and the escalation to the lead; stops for a unit once it signs through the DM button', async () => {
    t = await startTestBot({ now: at('2021-03-31 18:00') });
    signed('CA', 'TT', 'VKS', ...VH_XH_UNITS);
    submitted('Q1', ...NOI_CHINH_UNITS, ...VH_XH_UNITS); // only the pledge is due here
    await passAt('2021-04-01 08:00');

    const channel = t.slack.messagesIn(NOI_CHINH);
    expect(channel).toHaveLength(1);
    expect(textOf(channel[0]!)).toContain(
      '⏰ Đã quá 1 ngày so với hạn ký giao ước thi đua năm 2021 (17:00 ngày 31/03/2021). Đã ký 3/7 đơn vị. Chưa ký: Tòa án nhân dân tỉnh; Sở Tư pháp; Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh.',
    );
    expect(t.slack.messagesIn(VH_XH)).toHaveLength(0); // every unit of the block signed
    const late = officersOf('TAND', 'STP', 'BCHQS', 'CTHADS');
    expect(dmCounts()).toEqual({ ...countsFor(late), ...countsFor(officersOf('CA')) });
    for (const lead of officersOf('CA')) {
      const escalation = textOf(t.slack.dmsTo(lead)[0]!);
      expect(escalation).toContain('Khối thi đua Nội chính còn 4/7 đơn vị chưa ký giao ước:');
      expect(escalation).toContain('• Sở Tư pháp: <@U0TP0001>');
      expect(escalation).toContain('Tin này gửi cán bộ của đơn vị Trưởng khối');
    }
    expect(nudgeKeys()).toContain(`nudge:pledge:2021:${blockId('NOI_CHINH')}:overdue-1:lead:U0CA0001`);

    // Sở Tư pháp presses "Ký giao ước" in its DM: the pledge modal of its unit opens at once.
    const dm = t.slack.dmsTo('U0TP0001')[0]!;
    const button = findButton(dm, NUDGE_OPEN_PLEDGE);
    expect(button.value).toBe('2021:STP');
    await t.driver.pressButton({ userId: 'U0TP0001', actionId: NUDGE_OPEN_PLEDGE, value: button.value, in: { message: dm } });
    const opened = await t.slack.waitFor(() => t.slack.openViewOf('U0TP0001'), 5000, 'the pledge modal');
    expect(textOf(opened.view)).toContain('Sở Tư pháp');
    const criterion = (code: string) => t.bot.store.structure.criteria(2021, blockId('NOI_CHINH')).find((row) => row.code === code)!.id;
    const reply = await t.driver.submitView('U0TP0001', {
      [`pledge_target_${criterion('1')}`]: '95',
      [`pledge_target_${criterion('9')}`]: '2',
      pledge_titles: ['Tập thể lao động xuất sắc'],
      pledge_sign: ['signed'],
    });
    expect(reply.status).toBe(200);
    const stp = t.bot.store.structure.unitByCode('STP')!;
    expect(t.bot.store.pledges.inForce(t.bot.store.pledges.find(2021, stp.id)!.id)?.submittedBy).toBe('U0TP0001');

    // Overdue-2 (Monday 05/04): Sở Tư pháp gets nothing more; the others and the lead do.
    await passAt('2021-04-05 08:00');
    expect(t.slack.dmsTo('U0TP0001')).toHaveLength(1);
    expect(dmCounts()).toEqual({ ...countsFor(late, 2), U0TP0001: 1, ...countsFor(officersOf('CA'), 2) });
    // The channel was told the late units once (overdue_in_channel: 1): the second notice goes to them and the lead only.
    expect(t.slack.messagesIn(NOI_CHINH).filter((message) => keyOf(message).includes(':overdue-2:'))).toEqual([]);
    expect(t.bot.store.outbox.byKey(`nudge:pledge:2021:${blockId('NOI_CHINH')}:overdue-2:channel`)?.status).toBe('superseded');
    expect(textOf(t.slack.dmsTo('U0CA0001').at(-1)!)).toContain('còn 3/7 đơn vị chưa ký giao ước');

    // Everyone signs: the nudges stop.
    signed('TAND', 'BCHQS', 'CTHADS');
    const posted = t.slack.callsTo('chat.postMessage').length;
    await passAt('2021-04-07 08:00');
    expect(nudgeKeys().filter((key) => key.includes(':overdue-3:'))).toEqual([]);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(posted);
  });

  it('escalates to the lead only when a unit other than its own is late', async () => {
    t = await startTestBot({ now: at('2021-03-31 18:00') });
    signed('TT', 'VKS', 'TAND', 'STP', 'BCHQS', 'CTHADS', 'SGDDT');
    await passAt('2021-04-01 08:00');
    // Nội chính: only the lead (CA) is late: its officers get their own DM, no escalation.
    expect(
      nudgeKeys()
        .filter((key) => key.includes(`:${blockId('NOI_CHINH')}:overdue-1:`))
        .sort(),
    ).toEqual(
      [
        `nudge:pledge:2021:${blockId('NOI_CHINH')}:overdue-1:channel`,
        ...officersOf('CA').map((user) => `nudge:pledge:2021:${blockId('NOI_CHINH')}:overdue-1:dm:${user}`),
      ].sort(),
    );
    // Văn hóa – Xã hội: the lead and others are late: the lead's officer gets its DM and the escalation.
    // One DM for the pass: its own unit's reminder and the escalation together.
    expect(t.slack.dmsTo('U0LD0001').map((message) => keyOf(message).split(':').slice(-2, -1)[0])).toEqual(['dm']);
    expect(textOf(t.slack.dmsTo('U0LD0001')[0]!)).toContain('Sở Lao động, Thương binh và Xã hội chưa ký giao ước.');
    expect(textOf(t.slack.dmsTo('U0LD0001')[0]!)).toContain('đơn vị chưa ký giao ước:');
    expect(t.bot.store.outbox.byKey(`nudge:pledge:2021:${blockId('VH_XH')}:overdue-1:lead:U0LD0001`)?.status).toBe('superseded');
  });

  it('after downtime sends one catch-up nudge per due, not a burst of stale ones, and no before-due nudge once the due has passed', async () => {
    t = await startTestBot({ now: at('2021-03-20 10:00') });
    await passAt('2021-03-20 10:00'); // nothing is due yet
    expect(nudgeKeys()).toEqual([]);
    // Down from 20/03 to 08/04 09:00: the pledge's 7/3/1-day and overdue-1/2/3 nudges and Q1's 7- and 3-day nudges were missed.
    await passAt('2021-04-08 09:00');
    const slots = new Set(nudgeKeys().map((key) => key.split(':').slice(0, 5).join(':')));
    expect([...slots].sort()).toEqual(
      [
        `nudge:pledge:2021:${blockId('NOI_CHINH')}:overdue-3`,
        `nudge:pledge:2021:${blockId('VH_XH')}:overdue-3`,
        `nudge:report:${q1().id}:${blockId('NOI_CHINH')}:before-3`,
        `nudge:report:${q1().id}:${blockId('VH_XH')}:before-3`,
      ].sort(),
    );
    // The pledge's third overdue notice goes to the late units and the lead, not the channel (overdue_in_channel: 1);
    // each officer gets one DM with both reminders.
    expect(t.slack.messagesIn(NOI_CHINH)).toHaveLength(1);
    expect(textOf(t.slack.messagesIn(NOI_CHINH)[0]!)).toContain('Còn 2 ngày đến hạn nộp báo cáo Quý I');
    expect(t.slack.dmsTo('U0TP0001')).toHaveLength(1);
    expect(textOf(t.slack.dmsTo('U0TP0001')[0]!)).toMatch(
      /Đã quá 8 ngày so với hạn ký giao ước[\s\S]*Còn 2 ngày đến hạn nộp báo cáo Quý I/,
    );

    // Down again over Q1's 1-day nudge and its due: only its overdue nudge, never "còn 1 ngày" late.
    signed(...NOI_CHINH_UNITS, ...VH_XH_UNITS);
    await passAt('2021-04-12 10:00');
    const q1Slots = new Set(
      nudgeKeys()
        .filter((key) => key.startsWith(`nudge:report:${q1().id}:`))
        .map((key) => key.split(':')[4]),
    );
    expect([...q1Slots].sort()).toEqual(['before-3', 'overdue-1']);
  });

  it('never posts a nudge that waited unposted while a newer one of the same due came: it is superseded', async () => {
    t = await startTestBot({ now: at('2021-04-06 10:00') });
    signed(...NOI_CHINH_UNITS, ...VH_XH_UNITS);
    await t.bot.deps.delivery.stop(); // the bot stops right after queueing
    await passAt('2021-04-07 08:00');
    const waiting = nudgeKeys().filter((key) => key.includes(':before-3:'));
    expect(waiting.length).toBeGreaterThan(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);

    // Back on Monday 12/04, after Q1's due: the first pass runs before the delivery resumes (as
    // startBot orders them), and only the overdue nudge goes out, not "còn 3 ngày".
    t.clock.set(at('2021-04-12 09:00'));
    await runSchedulerPass(t.bot.deps, t.clock.now());
    t.bot.deps.delivery.start(5000);
    await t.bot.deps.delivery.drain();
    expect(t.slack.messagesIn(NOI_CHINH).map((message) => keyOf(message).split(':')[4])).toEqual(['overdue-1']);
    expect(textOf(t.slack.messagesIn(NOI_CHINH)[0]!)).toContain('Đã quá 2 ngày so với hạn nộp báo cáo Quý I');
    for (const key of waiting)
      expect(t.bot.store.outbox.byKey(key)).toMatchObject({ status: 'superseded', error: 'superseded by overdue-1' });
    expect(t.slack.dmsTo('U0TP0001')).toHaveLength(1);
  });

  it('names a unit without officers in the channel message, and sends it no DM', async () => {
    t = await startTestBot({ now: at('2021-03-31 18:00'), organisationYaml: DEMO_YAML.replace('officers: [U0THA001]', 'officers: []') });
    signed('CA', 'TT', 'VKS', 'TAND', 'STP', 'BCHQS', ...VH_XH_UNITS);
    submitted('Q1', ...NOI_CHINH_UNITS, ...VH_XH_UNITS);
    await passAt('2021-04-01 08:00');
    const text = textOf(t.slack.messagesIn(NOI_CHINH)[0]!);
    expect(text).toContain('Đã ký 6/7 đơn vị. Chưa ký: Cục Thi hành án dân sự tỉnh.');
    expect(text).toContain('Chưa có cán bộ phụ trách: Cục Thi hành án dân sự tỉnh.');
    // Only the lead's officers hear about it (the escalation); nobody gets the unit's DM.
    expect(dmCounts()).toEqual(countsFor(officersOf('CA')));
    expect(textOf(t.slack.dmsTo('U0CA0001')[0]!)).toContain('• Cục Thi hành án dân sự tỉnh: _chưa có cán bộ phụ trách_');
  });

  it('reports recipients it could not reach to the admins in one digest, each once', async () => {
    t = await startTestBot({ now: at('2021-03-31 18:00') });
    t.slack.addUser({ id: 'U0QS0001', name: 'qs', realName: 'Đã chuyển công tác', status: 'deactivated' });
    t.slack.addUser({ id: 'U0THA001', name: 'tha', realName: 'Không còn', status: 'missing' });
    t.slack.channelsWithoutBot.add(VH_XH);
    signed('CA', 'TT', 'VKS', 'TAND', 'STP', 'SLDTBXH');
    submitted('Q1', ...NOI_CHINH_UNITS, ...VH_XH_UNITS); // only the pledge is due here
    await passAt('2021-04-01 08:00');
    expect(
      t.bot.store.outbox
        .withStatus('skipped')
        .map((row) => row.error)
        .sort(),
    ).toEqual(['account_inactive', 'not_in_channel', 'user_not_found']);
    // The Văn hóa – Xã hội DMs still went out.
    expect(t.slack.dmsTo('U0GD0001')).toHaveLength(1);

    await passAt('2021-04-01 08:01');
    const digests = t.slack.dmsTo(ADMIN);
    expect(digests).toHaveLength(1);
    const digest = textOf(digests[0]!);
    expect(digest).toContain('Có 3 tin nhắn chưa gửi được');
    expect(digest).toContain('<@U0QS0001> (`U0QS0001`) — `account_inactive`');
    expect(digest).toContain('<@U0THA001> (`U0THA001`) — `user_not_found`');
    expect(digest).toContain('<#C0VHXH> (`C0VHXH`) — `not_in_channel`: bot chưa được mời vào kênh');

    // Reported once: later passes send no new digest until something new is skipped.
    await passAt('2021-04-01 08:02');
    await passAt('2021-04-05 08:00'); // overdue-2: the two DMs fail again (the channel is not told a second time)
    await passAt('2021-04-05 21:30'); // quiet hours: the digest waits
    expect(t.slack.dmsTo(ADMIN)).toHaveLength(1);
    await passAt('2021-04-06 07:00');
    expect(t.slack.dmsTo(ADMIN)).toHaveLength(2);
    expect(textOf(t.slack.dmsTo(ADMIN)[1]!)).toContain('Có 2 tin nhắn chưa gửi được');
    expect(Number(t.bot.store.organisation.getMeta(DIGEST_REPORTED_THROUGH))).toBe(
      Math.max(...t.bot.store.outbox.withStatus('skipped').map((row) => row.id)),
    );
    await passAt('2021-04-06 07:01');
    expect(t.slack.dmsTo(ADMIN)).toHaveLength(2);
  });

  it('opens the pledge of the presser’s own unit from the channel button, and tells an admin how to choose a unit', async () => {
    t = await startTestBot({ now: at('2021-03-31 18:00') });
    await passAt('2021-04-01 08:00');
    const message = t.slack.messagesIn(NOI_CHINH)[0]!;
    const button = findButton(message, NUDGE_OPEN_PLEDGE);
    expect(button.value).toBe('2021');
    await t.driver.pressButton({ userId: 'U0TA0001', actionId: NUDGE_OPEN_PLEDGE, value: button.value, in: { message } });
    const opened = await t.slack.waitFor(() => t.slack.openViewOf('U0TA0001'), 5000, 'the pledge modal');
    expect(textOf(opened.view)).toContain('Tòa án nhân dân tỉnh');

    const pressed = await t.driver.pressButton({ userId: ADMIN, actionId: NUDGE_OPEN_PLEDGE, value: button.value, in: { message } });
    const answer = await firstResponse(t.slack, pressed.responseUrl!);
    expect(answer.response_type).toBe('ephemeral');
    expect(textOf(answer)).toContain('Quản trị viên ký thay cho đơn vị nào?');
    expect(t.slack.openViewOf(ADMIN)).toBeUndefined();
  });

  it("runs by itself inside the running bot, every tick, at the organisation's time", async () => {
    // Wednesday 24/03, a minute before the pledge's first nudge (7 days before its due).
    t = await startTestBot({ now: at('2021-03-24 07:59'), schedulerTickMs: 50 });
    await t.bot.scheduler.afterPasses(3);
    await t.bot.idle();
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
    t.clock.set(at('2021-03-24 08:00'));
    await t.slack.waitFor(
      () => t.slack.messagesIn(NOI_CHINH).length > 0 && t.slack.messagesIn(VH_XH).length > 0,
      5000,
      'the nudges of 08:00',
    );
    // Several more ticks, and whatever they queued delivered: still one nudge.
    await t.bot.scheduler.afterPasses(3);
    await t.bot.idle();
    expect(t.slack.messagesIn(NOI_CHINH)).toHaveLength(1);
    expect(textOf(t.slack.messagesIn(NOI_CHINH)[0]!)).toContain('Còn 7 ngày đến hạn ký giao ước thi đua năm 2021');
  });

  it('answers slash commands while a fan-out of 2,000 paced messages is going out', async () => {
    t = await startTestBot({ now: at('2021-04-01 08:00'), conversationIntervalMs: 1000, slack: { perChannelIntervalMs: 1000 } });
    const users = Array.from({ length: 1000 }, (_, index) => `U0FAN${String(index).padStart(4, '0')}`);
    t.bot.store.transaction((tx) => {
      for (const user of users)
        for (const round of [1, 2])
          t.bot.deps.delivery.queue(tx, { key: `fan:${user}:${round}`, kind: 'test', message: { user, text: `tin ${round}` } });
    });
    t.bot.deps.delivery.kick();
    await t.slack.waitFor(() => t.slack.callsTo('chat.postMessage').length >= 100, 10_000, '100 posts');
    // Not a timing (benchmarks measure speed): the answers must come while the fan-out, which
    // needs at least a second more, is still going on.
    for (let round = 0; round < 3; round++) {
      const reply = await t.driver.slashCommand('U0CA0001', 'help', NOI_CHINH);
      expect(textOf(await firstResponse(t.slack, reply.responseUrl))).toContain('/thidua');
    }
    const { pending, sending } = t.bot.store.outbox.countsByStatus();
    expect(pending + sending).toBeGreaterThan(0);
    await t.bot.deps.delivery.drain();
    expect(t.bot.store.outbox.countsByStatus().sent).toBe(2000);
  });
});

function findButton(message: { blocks?: unknown[] }, actionId: string): { value: string } {
  for (const block of (message.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]) {
    const button = block.elements?.find((element) => element.action_id === actionId);
    if (button?.value !== undefined) return { value: button.value };
  }
  throw new Error(`no ${actionId} button`);
}
