import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/messages';
import { validateBlocks } from '../../src/local-slack/block-kit-limits';
import { NUDGE_ACTIONS_BLOCK, NUDGE_OPEN_PLEDGE, NUDGE_OPEN_REPORT } from '../../src/views/ids';
import {
  type BuiltMessage,
  buildChannelNudge,
  buildDeliveryDigest,
  buildLeadEscalation,
  buildOfficerNudge,
  type ChannelNudgeInput,
  type MissingUnit,
  nudgeButtonValue,
  parseNudgeButtonValue,
} from '../../src/views/nudges';
import { textOf } from '../support/bot';

const zone = 'Asia/Ho_Chi_Minh';
/** Hà Nội wall time (UTC+7) as an instant. */
const hanoi = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const q1 = { kind: 'report', year: 2021, periodCode: 'Q1', periodName: 'Quý I' } as const;
const pledge2021 = { kind: 'pledge', year: 2021 } as const;
const q1Due = hanoi('2021-04-10 17:00'); // a Saturday
const pledgeDue = hanoi('2021-03-31 17:00');
const missing: MissingUnit[] = [
  { unitName: 'Sở Tư pháp', officerIds: ['U0TP0001'] },
  { unitName: 'Tòa án nhân dân tỉnh', officerIds: ['U0TA0001'] },
  { unitName: 'Cục Thi hành án dân sự tỉnh', officerIds: ['U0THA001'] },
];
const channelInput = (changes: Partial<ChannelNudgeInput> = {}): ChannelNudgeInput => ({
  locale: 'vi',
  zone,
  subject: q1,
  due: q1Due,
  slotKind: 'before',
  now: hanoi('2021-04-07 08:00'),
  doneCount: 4,
  totalCount: 7,
  missing,
  blockName: 'Khối thi đua Nội chính',
  ...changes,
});

const sectionTexts = (message: BuiltMessage) =>
  message.blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
const buttonsOf = (message: BuiltMessage) => message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));

describe('buildChannelNudge', () => {
  it('speaks as voice.md: the deadline, the count, the missing units, then their officers and the button', () => {
    const message = buildChannelNudge(channelInput());
    expect(message.text).toBe(
      '⏰ Còn 3 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Đã nộp 4/7 đơn vị. Chưa nộp: Sở Tư pháp; Tòa án nhân dân tỉnh; Cục Thi hành án dân sự tỉnh.',
    );
    expect(sectionTexts(message)).toEqual([message.text, 'Cán bộ phụ trách: <@U0TP0001>, <@U0TA0001>, <@U0THA001>.']);
    expect(buttonsOf(message)).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Nộp báo cáo', emoji: true },
        action_id: NUDGE_OPEN_REPORT,
        value: '2021:Q1',
        style: 'primary',
      },
    ]);
    expect(message.blocks.find((block) => block.type === 'actions')?.block_id).toBe(NUDGE_ACTIONS_BLOCK);
    expect(textOf({ blocks: message.blocks.filter((block) => block.type === 'context') })).toBe('Khối thi đua Nội chính');
  });

  it('in English', () => {
    const message = buildChannelNudge(channelInput({ locale: 'en' }));
    expect(sectionTexts(message)).toEqual([
      '⏰ 3 days left until the deadline to submit the Quý I report (17:00 on 10 Apr 2021). Submitted: 4/7 units. Not yet submitted: Sở Tư pháp; Tòa án nhân dân tỉnh; Cục Thi hành án dân sự tỉnh.',
      'Officers in charge: <@U0TP0001>, <@U0TA0001>, <@U0THA001>.',
    ]);
    expect(buttonsOf(message)[0]).toMatchObject({ text: { text: 'Submit the report' } });
  });

  it.each<[Locale, string, string]>([
    [
      'vi',
      '2021-03-31 08:00',
      '⏰ Hôm nay là hạn ký giao ước thi đua năm 2021 (17:00 ngày 31/03/2021). Đã ký 6/7 đơn vị. Chưa ký: Sở Tư pháp.',
    ],
    [
      'vi',
      '2021-03-30 08:00',
      '⏰ Còn 1 ngày đến hạn ký giao ước thi đua năm 2021 (17:00 ngày 31/03/2021). Đã ký 6/7 đơn vị. Chưa ký: Sở Tư pháp.',
    ],
    [
      'en',
      '2021-03-30 08:00',
      '⏰ 1 day left until the deadline to sign the 2021 emulation pledge (17:00 on 31 Mar 2021). Signed: 6/7 units. Not yet signed: Sở Tư pháp.',
    ],
    [
      'en',
      '2021-03-31 08:00',
      '⏰ Today is the deadline to sign the 2021 emulation pledge (17:00 on 31 Mar 2021). Signed: 6/7 units. Not yet signed: Sở Tư pháp.',
    ],
  ])('the pledge before its due (%s, %s)', (locale, now, expected) => {
    const message = buildChannelNudge(
      channelInput({ locale, subject: pledge2021, due: pledgeDue, now: hanoi(now), doneCount: 6, missing: missing.slice(0, 1) }),
    );
    expect(message.text).toBe(expected);
    expect(buttonsOf(message)[0]).toMatchObject({ action_id: NUDGE_OPEN_PLEDGE, value: '2021' });
  });

  it.each<[Locale, string, string]>([
    [
      'vi',
      '2021-04-12 08:00',
      '⏰ Đã quá 2 ngày so với hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Đã nộp 5/7 đơn vị. Chưa nộp: Sở Tư pháp; Tòa án nhân dân tỉnh.',
    ],
    [
      'en',
      '2021-04-11 08:00',
      '⏰ 1 day past the deadline to submit the Quý I report (17:00 on 10 Apr 2021). Submitted: 5/7 units. Not yet submitted: Sở Tư pháp; Tòa án nhân dân tỉnh.',
    ],
  ])('an overdue nudge counts the days late (%s, %s)', (locale, now, expected) => {
    expect(
      buildChannelNudge(channelInput({ locale, slotKind: 'overdue', now: hanoi(now), doneCount: 5, missing: missing.slice(0, 2) })).text,
    ).toBe(expected);
  });

  it('names units without an officer instead of mentioning no one', () => {
    const message = buildChannelNudge(channelInput({ missing: [missing[0]!, { unitName: 'Bộ Chỉ huy Quân sự tỉnh', officerIds: [] }] }));
    expect(sectionTexts(message).slice(1)).toEqual([
      'Cán bộ phụ trách: <@U0TP0001>.',
      'Chưa có cán bộ phụ trách: Bộ Chỉ huy Quân sự tỉnh.',
    ]);
  });

  it('reads dates and days left on the organisation calendar, not the server’s (TZ=America/Los_Angeles)', () => {
    // 07/04 17:30 UTC is 08/04 00:30 in Hà Nội but still 07/04 in Los Angeles.
    const message = buildChannelNudge(channelInput({ now: new Date('2021-04-07T17:30:00Z') }));
    expect(message.text.startsWith('⏰ Còn 2 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021).')).toBe(true);
  });

  it('escapes names that Slack would read as markup', () => {
    const message = buildChannelNudge(
      channelInput({ missing: [{ unitName: 'Sở A & B <test>', officerIds: ['U1'] }], blockName: 'Khối <X>' }),
    );
    expect(message.text).toContain('Chưa nộp: Sở A &amp; B &lt;test&gt;.');
    expect(textOf(message)).not.toContain('<test>');
  });
});

describe('Block Kit limits', () => {
  const manyUnits = (count: number, nameLength = 30): MissingUnit[] =>
    Array.from({ length: count }, (_, index) => ({
      unitName: `Đơn vị số ${index + 1} ${'x'.repeat(Math.max(0, nameLength - 14))}`.slice(0, nameLength),
      officerIds: [1, 2, 3].map((officer) => `U${String(index).padStart(4, '0')}ABCDE${officer}`), // 11 characters, as Slack ids are
    }));

  it('60 missing units with 3 officers each fit one message, every unit and officer shown', () => {
    const units = manyUnits(60);
    const channel = buildChannelNudge(channelInput({ missing: units, doneCount: 2, totalCount: 62 }));
    const escalation = buildLeadEscalation({
      locale: 'vi',
      zone,
      subject: q1,
      due: q1Due,
      now: hanoi('2021-04-12 08:00'),
      blockName: 'Khối',
      totalCount: 62,
      late: units,
    });
    for (const message of [channel, escalation]) {
      expect(validateBlocks(message.blocks, 'message')).toEqual([]);
      const shown = textOf({ blocks: message.blocks });
      for (const unit of units) {
        expect(shown).toContain(unit.unitName);
        for (const officer of unit.officerIds) expect(shown).toContain(`<@${officer}>`);
      }
      expect(shown).not.toContain('khác');
    }
  });

  it('a very long list spreads over sections, and past the budget says how many are left out', () => {
    const units = manyUnits(1200, 60);
    for (const message of [
      buildChannelNudge(channelInput({ missing: units, doneCount: 0, totalCount: 1200 })),
      buildLeadEscalation({
        locale: 'vi',
        zone,
        subject: q1,
        due: q1Due,
        now: hanoi('2021-04-12 08:00'),
        blockName: 'Khối',
        totalCount: 1200,
        late: units,
      }),
    ]) {
      expect(validateBlocks(message.blocks, 'message')).toEqual([]);
      const shown = textOf({ blocks: message.blocks });
      expect(shown.length).toBeLessThan(11_000);
      const listed = units.filter((unit) => shown.includes(unit.unitName)).length;
      const leftOut = Number(/và (\d+) đơn vị khác/.exec(shown)?.[1]);
      expect(listed).toBeGreaterThan(50);
      expect(listed + leftOut).toBe(units.length);
    }
  });
});

describe('buildOfficerNudge', () => {
  it.each<[Locale, 'before' | 'overdue', string, string]>([
    ['vi', 'before', '2021-04-07 08:00', '⏰ Còn 3 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Sở Tư pháp chưa nộp báo cáo.'],
    [
      'vi',
      'overdue',
      '2021-04-14 08:00',
      '⏰ Đã quá 4 ngày so với hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Sở Tư pháp chưa nộp báo cáo.',
    ],
    [
      'en',
      'before',
      '2021-04-09 08:00',
      '⏰ 1 day left until the deadline to submit the Quý I report (17:00 on 10 Apr 2021). Sở Tư pháp has not submitted the report yet.',
    ],
  ])('a report (%s, %s at %s)', (locale, slotKind, now, expected) => {
    const message = buildOfficerNudge({
      locale,
      zone,
      subject: q1,
      due: q1Due,
      slotKind,
      now: hanoi(now),
      unitName: 'Sở Tư pháp',
      unitCode: 'STP',
    });
    expect(message.text).toBe(expected);
    expect(sectionTexts(message)).toEqual([expected]);
    expect(buttonsOf(message)).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: locale === 'vi' ? 'Nộp báo cáo' : 'Submit the report', emoji: true },
        action_id: NUDGE_OPEN_REPORT,
        value: '2021:Q1:STP',
        style: 'primary',
      },
    ]);
  });

  it('the pledge, with a button that opens the pledge modal for the unit', () => {
    const message = buildOfficerNudge({
      locale: 'vi',
      zone,
      subject: pledge2021,
      due: pledgeDue,
      slotKind: 'overdue',
      now: hanoi('2021-04-01 08:00'),
      unitName: 'Công an tỉnh',
      unitCode: 'CA',
    });
    expect(message.text).toBe(
      '⏰ Đã quá 1 ngày so với hạn ký giao ước thi đua năm 2021 (17:00 ngày 31/03/2021). Công an tỉnh chưa ký giao ước.',
    );
    expect(buttonsOf(message)[0]).toMatchObject({ text: { text: 'Ký giao ước' }, action_id: NUDGE_OPEN_PLEDGE, value: '2021:CA' });
  });
});

describe('nudge button values', () => {
  it.each([
    [{ kind: 'pledge', year: 2021, unitCode: 'STP' }, NUDGE_OPEN_PLEDGE, '2021:STP'],
    [{ kind: 'pledge', year: 2021 }, NUDGE_OPEN_PLEDGE, '2021'],
    [{ kind: 'report', year: 2021, periodCode: 'Q1', unitCode: 'SLDTBXH' }, NUDGE_OPEN_REPORT, '2021:Q1:SLDTBXH'],
    [{ kind: 'report', year: 2021, periodCode: 'NAM' }, NUDGE_OPEN_REPORT, '2021:NAM'],
  ] as const)('%j ⇄ %s %s', (target, actionId, value) => {
    expect(nudgeButtonValue(target)).toEqual({ actionId, value });
    expect(parseNudgeButtonValue(actionId, value)).toEqual(target);
  });

  it.each([
    [NUDGE_OPEN_PLEDGE, 'abc'],
    [NUDGE_OPEN_PLEDGE, '2021:STP:X'],
    [NUDGE_OPEN_REPORT, '2021'],
    [NUDGE_OPEN_REPORT, '2021::STP'],
    [NUDGE_OPEN_REPORT, '2021:Q1:STP:X'],
    ['other_action', '2021:Q1'],
  ])('refuses %s %j', (actionId, value) => {
    expect(parseNudgeButtonValue(actionId, value)).toBeUndefined();
  });
});

describe('buildLeadEscalation', () => {
  const late: MissingUnit[] = [
    missing[0]!,
    { unitName: 'Bộ Chỉ huy Quân sự tỉnh', officerIds: [] },
    { unitName: 'Công an tỉnh', officerIds: ['U0CA0001', 'U0CA0002'] },
  ];

  it.each<[Locale, string[]]>([
    [
      'vi',
      [
        '⏰ Đã quá 2 ngày so với hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Khối thi đua Nội chính còn 3/7 đơn vị chưa nộp báo cáo:',
        '• Sở Tư pháp: <@U0TP0001>\n• Bộ Chỉ huy Quân sự tỉnh: _chưa có cán bộ phụ trách_\n• Công an tỉnh: <@U0CA0001>, <@U0CA0002>',
      ],
    ],
    [
      'en',
      [
        '⏰ 2 days past the deadline to submit the Quý I report (17:00 on 10 Apr 2021). Khối thi đua Nội chính: 3/7 units have not submitted the report yet:',
        '• Sở Tư pháp: <@U0TP0001>\n• Bộ Chỉ huy Quân sự tỉnh: _no officer listed_\n• Công an tỉnh: <@U0CA0001>, <@U0CA0002>',
      ],
    ],
  ])('lists the late units with their officers (%s)', (locale, expected) => {
    const message = buildLeadEscalation({
      locale,
      zone,
      subject: q1,
      due: q1Due,
      now: hanoi('2021-04-12 08:00'),
      blockName: 'Khối thi đua Nội chính',
      totalCount: 7,
      late,
    });
    expect(sectionTexts(message)).toEqual(expected);
    expect(message.text).toBe(`${expected[0]} Sở Tư pháp; Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh.`);
    expect(textOf({ blocks: message.blocks.filter((block) => block.type === 'context') })).toBe(
      locale === 'vi'
        ? 'Tin này gửi cán bộ của đơn vị Trưởng khối để đôn đốc các đơn vị trên.'
        : "Sent to the block lead's officers to follow up with these units.",
    );
  });
});

describe('buildDeliveryDigest', () => {
  const undelivered = [
    {
      recipient: { user: 'U0TP0001' },
      error: 'account_inactive',
      text: '⏰ Còn 3 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Sở Tư pháp chưa nộp báo cáo.',
      queuedAt: hanoi('2021-04-07 08:00'),
    },
    { recipient: { user: 'U0TP0001' }, error: 'account_inactive', text: 'older', queuedAt: hanoi('2021-04-02 08:00') },
    {
      recipient: { user: 'U0GONE01' },
      error: 'user_not_found',
      text: 'Gửi <@U0GONE01>:\n*Còn* 1 ngày',
      queuedAt: hanoi('2021-04-09 08:00'),
    },
    { recipient: { channel: 'C0NOICHINH' }, error: 'not_in_channel', text: 'x'.repeat(300), queuedAt: hanoi('2021-04-07 08:00') },
    { recipient: { channel: 'C0VHXH' }, error: 'channel_not_found', text: 'y', queuedAt: hanoi('2021-04-07 08:00') },
  ];

  it('lists each unreachable recipient once, with the error, what to fix and what was being sent', () => {
    const message = buildDeliveryDigest({ locale: 'vi', zone, undelivered })!;
    expect(message.text).toBe(
      'Có 5 tin nhắn chưa gửi được vì người nhận hoặc kênh không còn liên lạc được. Vui lòng sửa tệp tổ chức rồi nạp lại (`npx thidua import <tệp.yaml>`), hoặc mời bot vào kênh.',
    );
    expect(sectionTexts(message)).toEqual([
      message.text,
      [
        '• <@U0TP0001> (`U0TP0001`) — `account_inactive`: tài khoản không còn hoạt động trong workspace; cập nhật danh sách cán bộ. 2 tin, gần nhất lúc 08:00 ngày 07/04/2021: “⏰ Còn 3 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Sở Tư pháp chưa nộp báo cáo.”',
        '• <@U0GONE01> (`U0GONE01`) — `user_not_found`: tài khoản không còn hoạt động trong workspace; cập nhật danh sách cán bộ. 1 tin, gần nhất lúc 08:00 ngày 09/04/2021: “Gửi @U0GONE01: *Còn* 1 ngày”',
        `• <#C0NOICHINH> (\`C0NOICHINH\`) — \`not_in_channel\`: bot chưa được mời vào kênh. 1 tin, gần nhất lúc 08:00 ngày 07/04/2021: “${'x'.repeat(119)}…”`,
        '• <#C0VHXH> (`C0VHXH`) — `channel_not_found`: kênh không tồn tại hoặc đã lưu trữ; sửa mã kênh của khối. 1 tin, gần nhất lúc 08:00 ngày 07/04/2021: “y”',
      ].join('\n'),
    ]);
  });

  it('in English, and nothing when everything was delivered', () => {
    const message = buildDeliveryDigest({ locale: 'en', zone, undelivered: undelivered.slice(0, 1) })!;
    expect(sectionTexts(message)[1]).toBe(
      '• <@U0TP0001> (`U0TP0001`) — `account_inactive`: the account is no longer active in the workspace; update the list of officers. 1 message, the latest at 08:00 on 7 Apr 2021: “⏰ Còn 3 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Sở Tư pháp chưa nộp báo cáo.”',
    );
    expect(buildDeliveryDigest({ locale: 'vi', zone, undelivered: [] })).toBeUndefined();
  });

  it('stays within Block Kit limits for hundreds of recipients', () => {
    const many = Array.from({ length: 500 }, (_, index) => ({
      recipient: { user: `U${index}` },
      error: 'user_not_found',
      text: 'z'.repeat(200),
      queuedAt: hanoi('2021-04-07 08:00'),
    }));
    const message = buildDeliveryDigest({ locale: 'vi', zone, undelivered: many })!;
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const shown = textOf({ blocks: message.blocks });
    expect(shown.length).toBeLessThan(11_000);
    expect((shown.match(/^• <@/gm) ?? []).length + Number(/và (\d+) người nhận khác/.exec(shown)?.[1])).toBe(500);
  });
});

describe('the voice of every nudge', () => {
  it('no exclamation marks, at most one emoji and only at the start', () => {
    const messages: BuiltMessage[] = [];
    for (const locale of ['vi', 'en'] as const) {
      for (const slotKind of ['before', 'overdue'] as const) {
        for (const subject of [q1, pledge2021]) {
          messages.push(
            buildChannelNudge(
              channelInput({ locale, slotKind, subject, missing: [...missing, { unitName: 'Bộ Chỉ huy Quân sự tỉnh', officerIds: [] }] }),
            ),
          );
          messages.push(
            buildOfficerNudge({
              locale,
              zone,
              subject,
              due: q1Due,
              slotKind,
              now: hanoi('2021-04-07 08:00'),
              unitName: 'Sở Tư pháp',
              unitCode: 'STP',
            }),
          );
        }
      }
      messages.push(
        buildLeadEscalation({
          locale,
          zone,
          subject: q1,
          due: q1Due,
          now: hanoi('2021-04-12 08:00'),
          blockName: 'Khối',
          totalCount: 7,
          late: missing,
        }),
      );
      messages.push(
        buildDeliveryDigest({
          locale,
          zone,
          undelivered: [{ recipient: { user: 'U1' }, error: 'account_inactive', text: 'a', queuedAt: q1Due }],
        })!,
      );
    }
    for (const message of messages) {
      const all = textOf(message);
      expect(all).not.toContain('!');
      const emoji = all.match(/\p{Extended_Pictographic}/gu) ?? [];
      expect(emoji.length).toBeLessThanOrEqual(2); // the same ⏰ in the fallback text and the first section
      expect(new Set(emoji).size).toBeLessThanOrEqual(1);
      if (emoji.length) expect(message.text.startsWith('⏰ ')).toBe(true);
    }
  });
});
