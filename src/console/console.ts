import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { ManualClock, systemClock } from '../clock';
import { instantAt, localDateOf, localYearOf, parseLocalDateTime, parseTimeOfDay, zonedInstant } from '../domain/calendar';
import { currentYearOf } from '../domain/years';
import { formatDateTime } from '../i18n/format';
import { bothLanguages } from '../i18n/messages';
import { addOrganisationMembers } from '../local-slack/directory';
import { type ButtonPress, SlackDriver } from '../local-slack/driver';
import { mrkdwnToText, type RenderedButton, renderBlocks } from '../local-slack/render';
import { LocalSlack, type OpenView } from '../local-slack/server';
import { type Answer, inputsOf, type ModalInput } from '../local-slack/view-state';
import { createLogger, type LogLevelName } from '../logger';
import { type Bot, startBot } from '../runtime';
import { runSchedulerPass } from '../scheduler/scheduler';
import { identifyCaller } from '../services/caller';
import { loadDemoIfEmpty } from '../services/organisation';
import { describeCaller } from '../views/caller';
import { consoleText } from './console-text';

/**
 * The local console: the whole bot without a Slack workspace. It starts the real app over HTTP on
 * 127.0.0.1 with its Web API pointed at the local Slack, and plays Slack's part through the same
 * signed-request driver the tests use. You type /thidua commands as a demo user, answer a modal's
 * fields as prompts, press buttons by number, and move the organisation's clock to see nudges.
 */
export interface ConsoleOptions {
  databasePath: string;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Where the organisation's clock starts ("yyyy-MM-dd HH:mm", organisation time); see startingInstant. */
  at?: string;
  /** The demo user to act as first (a user id or a unit code). */
  as?: string;
  logLevel: LogLevelName;
  outboxLeaseMs: number;
}

type ButtonSource = ButtonPress['in'];

/** A console option that cannot be used; reported as one line. */
export class ConsoleError extends Error {}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const handle = openDatabase(options.databasePath);
  const store = createStore(handle.db);
  loadDemoIfEmpty(store, systemClock.now());
  const organisation = store.organisation.get();
  if (!organisation) throw new Error('no organisation');
  const text = consoleText[organisation.locale];
  const start =
    options.at === undefined
      ? startingInstant(store, organisation.timeZone)
      : parseClockArgument(options.at, systemClock.now(), organisation.timeZone);
  if (!start) {
    handle.close();
    throw new ConsoleError(bothLanguages(consoleText, (text) => text.badStart(String(options.at))));
  }
  const clock = new ManualClock(start);

  const slack = new LocalSlack();
  await slack.start();
  const signingSecret = randomBytes(16).toString('hex');
  const bot: Bot = await startBot({
    handle,
    clock,
    logger: createLogger(options.logLevel, 'thidua'),
    botToken: 'xoxb-local-console',
    apiUrl: slack.apiUrl,
    receiver: { kind: 'http', signingSecret },
    host: '127.0.0.1',
    port: 0,
    mode: 'console',
    outboxLeaseMs: options.outboxLeaseMs,
    loadDemo: false,
    clientOptions: { retryConfig: { retries: 0 } },
    conversationIntervalMs: 0,
  }).catch(async (error: unknown) => {
    await slack.stop();
    throw error;
  });
  addOrganisationMembers(slack, store);
  const driver = new SlackDriver({ requestUrl: bot.requestUrl, signingSecret, slack });

  const write = (line = '') => options.output.write(`${line}\n`);
  const nameOf = (userId: string) => slack.users.get(userId)?.realName ?? userId;
  const users = listUsers(store, clock.now(), organisation.timeZone);
  let currentUser = resolveUser(store, users, options.as ?? '') ?? users.find((user) => user.leads) ?? users[0]!;
  let currentChannel = channelOf(store, currentUser);
  let buttons: { button: RenderedButton; source: ButtonSource }[] = [];
  const seen = { responses: 0, ephemerals: 0, messages: new Map<string, number>(), views: new Set<string>() };

  const lines = createInterface({ input: options.input, terminal: false })[Symbol.asyncIterator]();
  const echo = !options.input.isTTY;
  const ask = async (prompt: string): Promise<string | null> => {
    options.output.write(prompt);
    const next = await lines.next();
    if (next.done) {
      write();
      return null;
    }
    if (echo) write(next.value);
    return next.value;
  };

  /** Prints a message or reply with its buttons numbered after those already shown. */
  const show = (label: string, body: { text?: unknown; blocks?: unknown }, source: ButtonSource) => {
    const rendering = renderBlocks(body.blocks, buttons.length + 1, nameOf);
    write(`\n${label}`);
    for (const line of rendering.lines.length ? rendering.lines : [mrkdwnToText(String(body.text ?? ''), nameOf)])
      write(`  ${line.replace(/\n/g, '\n  ')}`);
    buttons.push(...rendering.buttons.map((button) => ({ button, source })));
  };

  /** A conversation in full, its buttons pressable by number. */
  const showConversation = (channel: string, label: string, where: string) => {
    const messages = slack.messagesIn(channel);
    buttons = [];
    for (const message of messages) show(label, message, { message });
    if (messages.length === 0) write(text.nothingIn(where));
  };

  // Set when :quit is typed inside a modal: the modal closes, then the console.
  let quitting = false;

  /** Waits until the app and the delivery have finished reacting, then prints what changed. */
  const settle = async () => {
    for (let quiet = 0; quiet < 2; ) {
      const before = slack.calls.length + slack.responses.length;
      await bot.deps.delivery.drain();
      await new Promise((resolve) => setTimeout(resolve, 120));
      quiet = slack.calls.length + slack.responses.length === before ? quiet + 1 : 0;
    }
    buttons = [];
    for (const response of slack.responses.slice(seen.responses)) {
      if (response.body.delete_original) continue;
      const blocks = (response.body.blocks as unknown[]) ?? [];
      show(response.body.replace_original ? text.replaced : text.onlyYou, response.body, {
        ephemeral: { channel: currentChannel, blocks, responseUrl: `${slack.url}/respond/${response.id}` },
      });
    }
    seen.responses = slack.responses.length;
    for (const ephemeral of slack.ephemerals.slice(seen.ephemerals)) {
      if (ephemeral.user === currentUser.id)
        show(text.onlyYou, ephemeral, { ephemeral: { channel: ephemeral.channel, blocks: ephemeral.blocks ?? [] } });
    }
    seen.ephemerals = slack.ephemerals.length;
    // Channels before DMs: a nudge reads best as the block sees it, then as each officer does.
    const conversations = [...slack.conversations].sort(([left], [right]) => Number(left.startsWith('D')) - Number(right.startsWith('D')));
    for (const [channel, messages] of conversations) {
      for (const message of messages.slice(seen.messages.get(channel) ?? 0)) {
        const where = channel.startsWith('D') ? text.dmTo(nameOf(channel.slice(1))) : `#${channel}`;
        show(`${where}${message.thread_ts ? text.inThread : ''}:`, message, { message });
        for (const file of message.files ?? []) write(`  ${text.attachment(file.name, file.bytes)}`);
      }
      seen.messages.set(channel, messages.length);
    }
    const opened = slack.openViewOf(currentUser.id);
    if (opened && !seen.views.has(`${opened.id}:${opened.hash}`)) {
      seen.views.add(`${opened.id}:${opened.hash}`);
      await fillModal(opened);
    }
  };

  const fillModal = async (opened: OpenView) => {
    const view = opened.view;
    const inputs = inputsOf(view);
    write(`\n┌ ${text.modal}: ${String((view.title as { text?: string })?.text ?? '')}`);
    const show = (blocks: unknown[]) => {
      for (const line of renderBlocks(blocks, 1, nameOf).lines) write(`│ ${line.replace(/\n/g, '\n│ ')}`);
    };
    if (!view.submit) {
      // A notice (nothing to submit): read it, then it is closed.
      show(view.blocks as unknown[]);
      slack.closeView(opened.id);
      write('└');
      return;
    }
    const answers: Record<string, Answer> = {};
    // The blocks in order: text is shown where it stands, each field is asked where it stands.
    let toAsk = (view.blocks as { type?: string; block_id?: string }[]).map(
      (block) => inputs.find((input) => block.type === 'input' && input.blockId === block.block_id) ?? block,
    );
    for (;;) {
      for (const item of toAsk) {
        if (!('actionId' in item)) {
          show([item]);
          continue;
        }
        const answer = await askInput(item, answers[item.blockId] ?? item.initial);
        if (answer === null) return;
        if (answer === 'cancel' || answer === 'quit') {
          slack.closeView(opened.id);
          write(text.cancelled);
          quitting = answer === 'quit';
          return;
        }
        answers[item.blockId] = answer;
      }
      if (inputs.length === 0) {
        // A confirmation (no fields, a submit button): Enter presses it, as in Slack.
        const line = await ask(`│ ${text.pressSubmit(String((view.submit as { text?: string }).text ?? ''))}`);
        if (line === null) return;
        const typed = line.trim();
        if (typed === ':cancel' || typed === ':quit' || typed === ':exit' || typed === ':q') {
          slack.closeView(opened.id);
          write(text.cancelled);
          quitting = typed !== ':cancel';
          return;
        }
      }
      const reply = await driver.submitView(currentUser.id, answers, opened.id);
      const body = reply.body as { response_action?: string; errors?: Record<string, string> } | string;
      if (typeof body === 'object' && body.response_action === 'errors' && body.errors) {
        write(text.fixErrors);
        for (const [blockId, message] of Object.entries(body.errors))
          write(`  ✗ ${inputs.find((input) => input.blockId === blockId)?.label ?? blockId}: ${message}`);
        toAsk = inputs.filter((input) => body.errors![input.blockId] !== undefined);
        continue;
      }
      write(`└ ${text.submitted}`);
      await settle();
      return;
    }
  };

  const askInput = async (input: ModalInput, current: Answer | undefined): Promise<Answer | 'cancel' | 'quit' | null> => {
    const shown = current === undefined || current.length === 0 ? '' : ` [${describeAnswer(input, current)}]`;
    if (input.choices.length) {
      write(`│ ${input.label}${input.optional ? '' : ' *'}`);
      input.choices.forEach((choice, index) => {
        write(`│    ${index + 1}) ${choice.text}`);
      });
    }
    const files = input.type === 'file_input';
    const multiple = input.type === 'checkboxes' || input.type === 'multi_static_select' || files;
    const hint = input.choices.length
      ? multiple
        ? text.pickMany
        : text.pickOne
      : files
        ? text.fileNames
        : input.hint
          ? ` (${input.hint})`
          : '';
    const line = await ask(`│ ${input.choices.length ? '' : input.label}${hint}${shown}: `);
    if (line === null) return null;
    const typed = line.trim();
    if (typed === ':cancel') return 'cancel';
    if (typed === ':quit' || typed === ':exit' || typed === ':q') return 'quit';
    if (typed === '') return current ?? '';
    if (typed === '-') return multiple ? [] : '';
    // A file input: the names (a path's last part) the local Slack records as uploaded.
    if (files)
      return typed
        .split(';')
        .map((part) => basename(part.trim()))
        .filter(Boolean);
    if (!input.choices.length) return line;
    const picked = typed
      .split(/[,\s]+/)
      .map((part) => input.choices[Number(part) - 1]?.value)
      .filter((value): value is string => value !== undefined);
    return multiple ? picked : (picked[0] ?? current ?? '');
  };

  const press = async (number: number) => {
    const target = buttons.find((candidate) => candidate.button.number === number);
    if (!target) return write(text.noSuchButton(number));
    await driver.pressButton({
      userId: currentUser.id,
      actionId: target.button.actionId,
      blockId: target.button.blockId,
      ...(target.button.value !== undefined ? { value: target.button.value } : {}),
      in: target.source,
    });
    await settle();
  };

  const moveClock = async (argument: string) => {
    if (argument) {
      const moved = parseClockArgument(argument, clock.now(), organisation.timeZone);
      if (!moved) return write(text.badTime);
      clock.set(moved);
    }
    write(text.clockIs(formatDateTime(clock.now(), organisation.timeZone, organisation.locale), organisation.timeZone));
    await runSchedulerPass(bot.deps, clock.now());
    await settle();
  };

  const whoAmI = () =>
    describeCaller(identifyCaller(store, organisation, currentUser.id, clock.now()), organisation.locale).replace(/<@([A-Z0-9]+)>/, '$1');

  write(text.banner);
  write(
    text.status(
      organisation.name,
      formatDateTime(clock.now(), organisation.timeZone, organisation.locale),
      organisation.timeZone,
      whoAmI(),
      currentChannel,
    ),
  );
  write(text.hint);
  try {
    for (;;) {
      const line = await ask(options.input.isTTY ? `\n${currentUser.id} #${currentChannel} › ` : '› ');
      if (line === null) break;
      const typed = line.trim();
      if (typed === '') continue;
      const [word = '', ...rest] = typed.split(/\s+/);
      const argument = rest.join(' ');
      if (/^\d+$/.test(typed)) await press(Number(typed));
      else if (!typed.startsWith(':')) {
        // People type the bot's sub-command alone ("xephang") as often as "/thidua xephang": both reach the bot.
        const [command = '/thidua', ...words] = (typed.startsWith('/') ? typed : `/thidua ${typed}`).split(/\s+/);
        await driver.slashCommand(currentUser.id, words.join(' '), currentChannel, command);
        await settle();
      } else if (word === ':press' || word === ':p') await press(Number(argument));
      else if (word === ':as') {
        const next = resolveUser(store, users, argument);
        if (!next) write(text.noSuchUser(argument));
        else {
          currentUser = next;
          currentChannel = channelOf(store, next);
          write(text.nowActingAs(whoAmI(), currentChannel));
        }
      } else if (word === ':users')
        users.forEach((user, index) => {
          write(`  ${index + 1}. ${user.id} — ${user.label}`);
        });
      else if (word === ':channel') {
        if (argument) currentChannel = argument.replace(/^#/, '');
        showConversation(currentChannel, `#${currentChannel}:`, `#${currentChannel}`);
        write(text.channelIs(currentChannel));
      } else if (word === ':dm')
        showConversation(slack.dmChannelOf(currentUser.id), `${text.dmTo(nameOf(currentUser.id))}:`, text.dmsOf(nameOf(currentUser.id)));
      else if (word === ':time') await moveClock(argument);
      else if (word === ':tick') await moveClock('');
      else if (word === ':quit' || word === ':exit' || word === ':q') break;
      else if (word === ':help' || word === ':h') write(text.consoleHelp);
      else write(`${text.unknownCommand(word)}\n${text.consoleHelp}`);
      if (quitting) break;
    }
  } finally {
    await bot.stop();
    await slack.stop();
  }
}

interface ConsoleUser {
  id: string;
  label: string;
  unitCode?: string;
  /** An officer of a block's lead unit this year. */
  leads?: boolean;
}

function listUsers(store: Store, now: Date, zone: string): ConsoleUser[] {
  const year = currentYearOf(
    store.structure.years().map((row) => row.year),
    now,
    zone,
  );
  const officers = store.structure.activeUnits().flatMap((unit) => {
    const led = year === undefined ? [] : store.structure.blocksLedBy(year, unit.id);
    const label = led.length ? `${unit.name} (Trưởng khối ${led.map((block) => block.name).join(', ')})` : unit.name;
    return store.structure.officerIds(unit.id).map((id) => ({ id, label, unitCode: unit.code, ...(led.length ? { leads: true } : {}) }));
  });
  const blocks = store.structure.activeBlocks();
  // Officers in block order (the lead's officers first reads best), then admins.
  const order = new Map(
    blocks.flatMap((block) => store.structure.members(block.id).map((unit) => unit.code)).map((code, index) => [code, index]),
  );
  officers.sort((a, b) => (order.get(a.unitCode) ?? 999) - (order.get(b.unitCode) ?? 999) || a.id.localeCompare(b.id));
  return [...officers, ...store.organisation.adminIds().map((id) => ({ id, label: 'Ban Thi đua – Khen thưởng (quản trị)' }))];
}

/** A user by list number, user id, unit code (its first officer) or "admin". */
function resolveUser(store: Store, users: ConsoleUser[], wanted: string): ConsoleUser | undefined {
  const key = wanted.trim();
  if (!key) return undefined;
  if (/^\d+$/.test(key)) return users[Number(key) - 1];
  if (key.toLowerCase() === 'admin') return users.find((user) => store.organisation.isAdmin(user.id));
  return users.find((user) => user.id === key.toUpperCase()) ?? users.find((user) => user.unitCode?.toUpperCase() === key.toUpperCase());
}

function channelOf(store: Store, user: ConsoleUser): string {
  return store.structure.membershipOf(user.id)?.block?.channelId ?? 'C0GENERAL';
}

/**
 * Where the console's clock starts: now, when today falls in a configured year; otherwise 16 days
 * before the latest year's pledge due, at the reminder time, so the demo (2021) opens on Monday
 * 15/03/2021, before the first nudges.
 */
export function startingInstant(store: Store, zone: string): Date {
  const now = systemClock.now();
  const years = store.structure.years();
  const latest = years.at(-1);
  if (!latest || years.some((row) => row.year === localYearOf(now, zone))) return now;
  const before = new Date(latest.pledgeDue.getTime() - 16 * 24 * 3600_000);
  return instantAt(localDateOf(before, zone), parseTimeOfDay(latest.reminderAt) ?? 8 * 60, zone);
}

/** "2021-04-08 08:00" (organisation time), "2021-04-08" (08:00), or "+3d" / "+2h" / "+30m". */
export function parseClockArgument(argument: string, now: Date, zone: string): Date | undefined {
  const relative = /^\+(\d+)([dhm])$/.exec(argument.trim());
  if (relative)
    return new Date(now.getTime() + Number(relative[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2] as 'd' | 'h' | 'm']);
  const absolute = parseLocalDateTime(argument.trim()) ?? parseLocalDateTime(`${argument.trim()} 08:00`);
  return absolute ? zonedInstant(absolute, zone) : undefined;
}

function describeAnswer(input: ModalInput, answer: Answer): string {
  const values = Array.isArray(answer) ? answer : [answer];
  if (!input.choices.length) return values.join(', ');
  return values.map((value) => input.choices.find((choice) => choice.value === value)?.text ?? value).join(', ');
}
