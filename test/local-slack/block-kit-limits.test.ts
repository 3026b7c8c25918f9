import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../src/local-slack/block-kit-limits';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, action_id = 'a') => ({ type: 'button', text: { type: 'plain_text', text }, action_id });

describe('the local Slack refuses what Slack refuses', () => {
  it.each([
    ['51 blocks in a message', Array.from({ length: 51 }, () => section('x')), 'message', /too many blocks: 51 > 50/],
    ['a section over 3000 characters', [section('x'.repeat(3001))], 'message', /text longer than 3000/],
    [
      '11 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }],
      'message',
      /fields: more than 10/,
    ],
    [
      'a header over 150 characters',
      [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
      'message',
      /text longer than 150/,
    ],
    [
      '26 buttons in one actions block',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, index) => button('b', `a${index}`)) }],
      'message',
      /more than 25/,
    ],
    ['a button label over 75 characters', [{ type: 'actions', elements: [button('x'.repeat(76))] }], 'message', /text longer than 75/],
    [
      'a file input in the App Home',
      [{ type: 'input', block_id: 'f', label: { type: 'plain_text', text: 'Tệp' }, element: { type: 'file_input', action_id: 'v' } }],
      'home',
      /a file input belongs in a modal/,
    ],
    [
      'a file input taking 11 files',
      [
        {
          type: 'input',
          block_id: 'f',
          label: { type: 'plain_text', text: 'Tệp' },
          element: { type: 'file_input', action_id: 'v', max_files: 11 },
        },
      ],
      'modal',
      /max_files: outside 1..10/,
    ],
    [
      '11 checkboxes',
      [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'L' },
          element: {
            type: 'checkboxes',
            action_id: 'c',
            options: Array.from({ length: 11 }, (_, index) => ({ text: { type: 'plain_text', text: 'o' }, value: String(index) })),
          },
        },
      ],
      'modal',
      /options: more than 10/,
    ],
    [
      'an input in a message',
      [{ type: 'input', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'p' } }],
      'message',
      /input blocks belong in modals/,
    ],
    [
      'duplicate block ids',
      [
        { ...section('a'), block_id: 'x' },
        { ...section('b'), block_id: 'x' },
      ],
      'message',
      /duplicate "x"/,
    ],
  ] as const)('refuses %s', (_what, blocks, surface, problem) => {
    expect(validateBlocks(blocks, surface).join('\n')).toMatch(problem);
  });

  it('accepts 100 blocks in a modal but not 101, and checks the title length', () => {
    const modal = (count: number, title = 'Giao ước thi đua') => ({
      type: 'modal',
      title: { type: 'plain_text', text: title },
      blocks: Array.from({ length: count }, () => section('x')),
    });
    expect(validateView(modal(100))).toEqual([]);
    expect(validateView(modal(101)).join()).toMatch(/too many blocks: 101 > 100/);
    expect(validateView(modal(1, 'Một tiêu đề dài hơn hai mươi tư ký tự')).join()).toMatch(/title: text longer than 24/);
  });
});
