import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realWireTimer } from '../clock';
import { validateBlocks, validateView } from './block-kit-limits';

/**
 * A loopback stand-in for the Slack Web API: it answers the methods the bot uses the way Slack
 * does, refuses what Slack refuses (Block Kit limits, a trigger_id used twice or after 3 s,
 * unknown users, channels the bot is not in, too many messages per channel), records every call
 * and keeps each conversation's messages. The tests and the local console both talk to the real
 * app through it; neither has a Slack of its own. It keeps Slack's time (the wire's, real), never the
 * organisation's clock that tests and the console move.
 */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  ok: boolean;
  error?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  thread_ts?: string;
  files?: { id: string; title: string; name: string; bytes: number }[];
  /** Set when chat.update replaced the message. */
  edited?: boolean;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  ts: string;
}

/**
 * A reply to a slash command or a button: posted to its response_url (what Bolt's respond() sends),
 * or for a slash command returned in the acknowledgement itself, which Slack shows the same way.
 */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
  via: 'response_url' | 'ack';
}

export interface OpenView {
  id: string;
  hash: string;
  userId: string;
  view: Record<string, unknown>;
  /** The view it was pushed on top of, if any. */
  previousViewId?: string;
  rootViewId: string;
}

export interface LocalUser {
  id: string;
  name: string;
  realName: string;
  /** Slack's answer for a user who left: users.info says deleted, posting to them fails. */
  status?: 'active' | 'deactivated' | 'missing';
  /** The profile's language (users.info with include_locale), e.g. "en-US"; none: Slack says none. */
  locale?: string;
}

export interface LocalSlackOptions {
  /** Enforce chat.postMessage's ~1 message/second per channel with 429 + Retry-After. */
  perChannelIntervalMs?: number;
  /** How long a trigger_id is valid (Slack: 3 s). */
  triggerLifetimeMs?: number;
  botUserId?: string;
  /** Tokens answered with invalid_auth, as Slack answers a revoked or mistyped one. */
  refusedTokens?: string[];
}

/**
 * Slack misbehaving, for tests of what the bot does then: `hang` takes the request and never
 * answers it (until `restore()`), `http_500` answers with a server error. Only the calls to
 * `methods` / about `channels` (the channel or user argument) when given, every Web API call otherwise.
 */
export interface Outage {
  mode: 'hang' | 'http_500';
  methods?: string[];
  channels?: string[];
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  userId: string;
}

export class LocalSlack extends EventEmitter {
  readonly teamId = 'T0THIDUA';
  readonly botUserId: string;
  readonly botId = 'B0THIDUA';
  readonly appId = 'A0THIDUA';
  readonly calls: RecordedCall[] = [];
  readonly conversations = new Map<string, PostedMessage[]>();
  readonly ephemerals: EphemeralMessage[] = [];
  readonly responses: ResponsePost[] = [];
  readonly views = new Map<string, OpenView>();
  readonly homeViews = new Map<string, Record<string, unknown>>();
  readonly users = new Map<string, LocalUser>();
  /** Channels the bot is not a member of: posting there fails with not_in_channel. */
  readonly channelsWithoutBot = new Set<string>();
  /**
   * Who is in a channel, for conversations.members; a channel not listed here has every known
   * user (and the bot) in it, as the demo's block channels do.
   */
  readonly channelMembers = new Map<string, Set<string>>();
  readonly uploads = new Map<string, { filename: string; bytes: Buffer | null; title?: string }>();
  /** Files people shared (shareFile), by id. */
  readonly shared = new Map<string, { id: string; name: string; bytes: Buffer; userId: string }>();
  /** Files people uploaded in a modal's file input (uploadInForm), by id, as the submission carried them. */
  readonly formUploads = new Map<string, Record<string, unknown>>();
  /** Count of 429s answered, for benchmarks. */
  rateLimited = 0;
  /** Where apps.connections.open sends a Socket Mode client (a test's WebSocket server). */
  socketModeUrl: string | undefined;

  private server: Server | undefined;
  private baseUrl = '';
  private sequence = 0;
  /**
   * Part of every view and file id: the console reopens the same database in a new process, where
   * a view id from an earlier run would be taken for a submission already applied.
   */
  private readonly idTag = randomBytes(3).toString('hex').toUpperCase();
  private readonly triggers = new Map<string, Trigger>();
  private readonly lastPostAt = new Map<string, number>();
  private readonly options: Required<LocalSlackOptions>;
  private outage: Outage | undefined;
  /** Requests held by a `hang` outage, answered by nobody. */
  private readonly hung = new Set<ServerResponse>();

  constructor(options: LocalSlackOptions = {}) {
    super();
    this.options = { perChannelIntervalMs: 0, triggerLifetimeMs: 3000, botUserId: 'U0THIDUABOT', refusedTokens: [], ...options };
    this.botUserId = this.options.botUserId;
  }

  /** Base URL of the fake Web API, e.g. http://127.0.0.1:43121/api/ (give it to SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get url(): string {
    return this.baseUrl;
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: false, error: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  addUser(user: LocalUser): void {
    this.users.set(user.id, user);
  }

  /** Slack stops answering (or answers 500) from now on, until restore(). */
  failWith(outage: Outage): void {
    this.outage = outage;
  }

  /** Slack is back: new calls are answered; the requests it held are cut (their callers gave up long ago). */
  restore(): void {
    this.outage = undefined;
    for (const response of this.hung) response.destroy();
    this.hung.clear();
  }

  /** How many requests a `hang` outage is holding now. */
  get hungRequests(): number {
    return this.hung.size;
  }

  /** A fresh trigger_id for `userId`'s interaction, valid once for `triggerLifetimeMs`, as Slack sends. */
  issueTrigger(userId: string): string {
    const id = `${realWireTimer.nowMs()}.${++this.sequence}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { issuedAt: realWireTimer.nowMs(), used: false, userId });
    return id;
  }

  /** A fresh response_url whose posts are recorded in `responses`. */
  issueResponseUrl(): string {
    return `${this.baseUrl}/respond/${++this.sequence}`;
  }

  /** Records a reply under its response_url's id (the signed-request driver records the ones that come in an acknowledgement). */
  recordReply(id: string, body: Record<string, unknown>, via: ResponsePost['via']): void {
    this.responses.push({ id, body, at: realWireTimer.nowMs(), via });
    this.emit('change');
  }

  /** The DM conversation id between the bot and a user (what conversations.open returns). */
  dmChannelOf(userId: string): string {
    return `D${userId}`;
  }

  messagesIn(channel: string): PostedMessage[] {
    return this.conversations.get(channel) ?? [];
  }

  dmsTo(userId: string): PostedMessage[] {
    return this.messagesIn(this.dmChannelOf(userId));
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The topmost open modal of a user. */
  openViewOf(userId: string): OpenView | undefined {
    return [...this.views.values()].filter((view) => view.userId === userId).at(-1);
  }

  /** Resolves when `check` passes (re-checked after every recorded call), or rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const onChange = () => {
        const value = check();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`local Slack: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('change', onChange);
      };
      this.on('change', onChange);
    });
  }

  // ── HTTP ────────────────────────────────────────────────────────────────────────────────

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const body = await readBody(request);
    if (url.pathname.startsWith('/respond/')) {
      this.recordReply(url.pathname.slice('/respond/'.length), parseJson(body.toString('utf8')), 'response_url');
      return send(response, 200, 'ok', 'text/plain');
    }
    if (url.pathname.startsWith('/upload/')) {
      const fileId = url.pathname.slice('/upload/'.length);
      const upload = this.uploads.get(fileId);
      if (!upload) return send(response, 404, 'unknown upload');
      upload.bytes = extractUpload(body, request.headers['content-type']);
      return send(response, 200, `OK - ${upload.bytes.length}`, 'text/plain');
    }
    if (url.pathname.startsWith('/files/')) return this.download(url.pathname.slice('/files/'.length), request, response);
    if (!url.pathname.startsWith('/api/')) return send(response, 404, 'not found', 'text/plain');

    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(body.toString('utf8'), request.headers['content-type']);
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    const refused = token !== undefined && this.options.refusedTokens.includes(token);
    if (this.outage && this.isOut(method, args)) {
      this.calls.push({ method, args, token, at: realWireTimer.nowMs(), ok: false, error: this.outage.mode });
      this.emit('change');
      if (this.outage.mode === 'hang') {
        this.hung.add(response);
        response.on('close', () => this.hung.delete(response));
        return;
      }
      return send(response, 500, JSON.stringify({ ok: false, error: 'internal_error' }));
    }
    const answer = !token
      ? { status: 200, body: { ok: false, error: 'not_authed' } }
      : refused
        ? { status: 200, body: { ok: false, error: 'invalid_auth' } }
        : this.answer(method, args);
    this.calls.push({
      method,
      args,
      token,
      at: realWireTimer.nowMs(),
      ok: answer.body.ok === true,
      ...(answer.body.ok ? {} : { error: String(answer.body.error) }),
    });
    this.emit('change');
    response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    response.end(JSON.stringify(answer.body));
  }

  private isOut(method: string, args: Record<string, unknown>): boolean {
    const outage = this.outage!;
    if (outage.methods && !outage.methods.includes(method)) return false;
    return !outage.channels || outage.channels.includes(String(args.channel ?? args.channel_id ?? args.users ?? ''));
  }

  private answer(
    method: string,
    args: Record<string, unknown>,
  ): { status: number; body: Record<string, unknown>; headers?: Record<string, string> } {
    const ok = (body: Record<string, unknown> = {}) => ({ status: 200, body: { ok: true, ...body } });
    const fail = (error: string, extra: Record<string, unknown> = {}) => ({ status: 200, body: { ok: false, error, ...extra } });
    switch (method) {
      case 'apps.connections.open':
        return this.socketModeUrl ? ok({ url: this.socketModeUrl }) : fail('not_allowed_token_type');

      case 'auth.test':
        return ok({
          url: 'https://thidua-local.slack.com/',
          team: 'Thi Đua (local)',
          user: 'thidua',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
        });

      case 'chat.postMessage': {
        const channel = this.resolveChannel(String(args.channel ?? ''));
        if ('error' in channel) return fail(channel.error);
        if (!args.text && !args.blocks) return fail('no_text');
        if (args.blocks !== undefined) {
          const problems = validateBlocks(args.blocks, 'message');
          if (problems.length) return fail('invalid_blocks', { errors: problems });
        }
        const limit = this.options.perChannelIntervalMs;
        const now = realWireTimer.nowMs();
        const last = this.lastPostAt.get(channel.id);
        if (limit > 0 && last !== undefined && now - last < limit) {
          this.rateLimited += 1;
          return {
            status: 429,
            body: { ok: false, error: 'ratelimited' },
            headers: { 'retry-after': String(Math.max(1, Math.ceil((last + limit - now) / 1000))) },
          };
        }
        this.lastPostAt.set(channel.id, now);
        const message: PostedMessage = {
          channel: channel.id,
          ts: this.nextTs(),
          text: String(args.text ?? ''),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
          ...(args.metadata ? { metadata: args.metadata as PostedMessage['metadata'] } : {}),
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
        };
        this.conversationOf(channel.id).push(message);
        return ok({ channel: channel.id, ts: message.ts, message: { text: message.text, ts: message.ts, user: this.botUserId } });
      }

      case 'chat.postEphemeral': {
        const user = String(args.user ?? '');
        if (!this.users.has(user) && this.users.size > 0) return fail('user_not_found');
        if (args.blocks !== undefined) {
          const problems = validateBlocks(args.blocks, 'message');
          if (problems.length) return fail('invalid_blocks', { errors: problems });
        }
        const ephemeral: EphemeralMessage = {
          channel: String(args.channel ?? ''),
          user,
          text: String(args.text ?? ''),
          ts: this.nextTs(),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
        };
        this.ephemerals.push(ephemeral);
        return ok({ message_ts: ephemeral.ts });
      }

      case 'chat.update': {
        const message = this.conversationOf(String(args.channel ?? '')).find((candidate) => candidate.ts === args.ts);
        if (!message) return fail('message_not_found');
        if (args.blocks !== undefined) {
          const problems = validateBlocks(args.blocks, 'message');
          if (problems.length) return fail('invalid_blocks', { errors: problems });
          message.blocks = args.blocks as unknown[];
        }
        if (args.text !== undefined) message.text = String(args.text);
        message.edited = true;
        return ok({ channel: message.channel, ts: message.ts });
      }

      case 'conversations.open': {
        const userId = String(args.users ?? '').split(',')[0] ?? '';
        const user = this.reachable(userId);
        if (user) return fail(user);
        return ok({ channel: { id: this.dmChannelOf(userId) } });
      }

      case 'conversations.history':
      case 'conversations.replies': {
        const channel = String(args.channel ?? '');
        const oldest = Number(args.oldest ?? 0);
        const limit = Number(args.limit ?? 100);
        const offset = Number(args.cursor ?? 0);
        // replies: the thread's parent and its replies, oldest first, as Slack answers it.
        const thread = method === 'conversations.replies' ? String(args.ts ?? '') : undefined;
        const inScope = this.messagesIn(channel).filter(
          (message) => Number(message.ts) >= oldest && (thread === undefined || message.ts === thread || message.thread_ts === thread),
        );
        const ordered = thread === undefined ? [...inScope].reverse() : inScope;
        const page = ordered.slice(offset, offset + limit).map((message) => ({
          type: 'message',
          ts: message.ts,
          text: message.text,
          user: this.botUserId,
          ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
          ...(message.files ? { files: message.files.map((file) => ({ id: file.id, name: file.name, title: file.title })) } : {}),
          ...(args.include_all_metadata && message.metadata ? { metadata: message.metadata } : {}),
        }));
        const more = offset + limit < ordered.length;
        return ok({ messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } });
      }

      case 'conversations.info': {
        const channel = String(args.channel ?? '');
        return ok({ channel: { id: channel, is_member: !this.channelsWithoutBot.has(channel) } });
      }

      case 'conversations.members': {
        const channel = String(args.channel ?? '');
        if (!/^[CGD]/.test(channel)) return fail('channel_not_found');
        // A DM with the bot (D + user id) has the two of them; a channel, whoever was put in it.
        const everyone = channel.startsWith('D') ? [channel.slice(1), this.botUserId] : [...this.users.keys(), this.botUserId];
        const members = [...(this.channelMembers.get(channel) ?? everyone)];
        const limit = Math.min(1000, Number(args.limit ?? 100));
        const offset = Number(args.cursor ?? 0);
        const more = offset + limit < members.length;
        return ok({
          members: members.slice(offset, offset + limit),
          response_metadata: { next_cursor: more ? String(offset + limit) : '' },
        });
      }

      case 'users.info': {
        const user = this.users.get(String(args.user ?? ''));
        if (!user || user.status === 'missing') return fail('user_not_found');
        return ok({
          user: {
            id: user.id,
            name: user.name,
            real_name: user.realName,
            deleted: user.status === 'deactivated',
            tz: 'Asia/Ho_Chi_Minh',
            is_bot: false,
            ...(args.include_locale === true || args.include_locale === 'true' ? { locale: user.locale } : {}),
          },
        });
      }

      case 'views.open':
      case 'views.push': {
        const trigger = this.triggers.get(String(args.trigger_id ?? ''));
        if (!trigger) return fail('invalid_trigger_id');
        if (trigger.used || realWireTimer.nowMs() - trigger.issuedAt > this.options.triggerLifetimeMs) return fail('expired_trigger_id');
        trigger.used = true;
        const view = args.view as Record<string, unknown>;
        const problems = validateView(view);
        if (problems.length) return fail('invalid_arguments', { response_metadata: { messages: problems } });
        const userId = trigger.userId;
        const parent = method === 'views.push' ? this.openViewOf(userId) : undefined;
        if (method === 'views.push' && parent && this.stackDepth(parent) >= 3) return fail('push_limit_reached');
        const opened = this.storeView(userId, view, parent);
        return ok({ view: this.viewPayload(opened) });
      }

      case 'views.update': {
        const existing = [...this.views.values()].find(
          (view) => view.id === args.view_id || (args.external_id !== undefined && view.view.external_id === args.external_id),
        );
        if (!existing) return fail('not_found');
        if (args.hash !== undefined && args.hash !== existing.hash) return fail('hash_conflict');
        const view = args.view as Record<string, unknown>;
        const problems = validateView(view);
        if (problems.length) return fail('invalid_arguments', { response_metadata: { messages: problems } });
        existing.view = view;
        existing.hash = randomBytes(6).toString('hex');
        return ok({ view: this.viewPayload(existing) });
      }

      case 'views.publish': {
        const view = args.view as Record<string, unknown>;
        const problems = validateView(view);
        if (problems.length) return fail('invalid_arguments', { response_metadata: { messages: problems } });
        this.homeViews.set(String(args.user_id ?? ''), view);
        return ok({ view: { ...view, id: `VHOME${String(args.user_id ?? '')}` } });
      }

      case 'files.getUploadURLExternal': {
        const fileId = `F${this.idTag}${String(++this.sequence).padStart(6, '0')}`;
        this.uploads.set(fileId, { filename: String(args.filename ?? 'file'), bytes: null });
        return ok({ upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId });
      }

      case 'files.completeUploadExternal': {
        const files = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        const missing = files.find((file) => !this.uploads.get(file.id)?.bytes);
        if (missing) return fail('file_not_found');
        const channelId = args.channel_id ? String(args.channel_id) : undefined;
        if (channelId) {
          const channel = this.resolveChannel(channelId);
          if ('error' in channel) return fail(channel.error);
          this.conversationOf(channel.id).push({
            channel: channel.id,
            ts: this.nextTs(),
            text: String(args.initial_comment ?? ''),
            ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
            files: files.map((file) => {
              const upload = this.uploads.get(file.id)!;
              return { id: file.id, title: file.title ?? upload.filename, name: upload.filename, bytes: upload.bytes!.length };
            }),
          });
        }
        return ok({ files: files.map((file) => ({ id: file.id, title: file.title })) });
      }

      case 'files.info': {
        const file = this.shared.get(String(args.file ?? ''));
        if (!file) return fail('file_not_found');
        return ok({ file: this.fileObject(file) });
      }

      default:
        return fail('unknown_method');
    }
  }

  /**
   * A person shares a file with the bot in their DM, as Slack's client does: the file is kept (its
   * bytes served at url_private_download to the bot's token) and the DM gets a message carrying it.
   * Answers the `message` event (subtype file_share) Slack would send the app.
   */
  shareFile(userId: string, name: string, bytes: Buffer): Record<string, unknown> {
    const id = `F${this.idTag}${String(++this.sequence).padStart(6, '0')}`;
    const file = { id, name, bytes, userId };
    this.shared.set(id, file);
    const channel = this.dmChannelOf(userId);
    const ts = this.nextTs();
    this.conversationOf(channel).push({ channel, ts, text: '', files: [{ id, title: name, name, bytes: bytes.length }] });
    this.emit('change');
    return {
      type: 'message',
      subtype: 'file_share',
      channel,
      channel_type: 'im',
      user: userId,
      text: '',
      ts,
      event_ts: ts,
      files: [this.fileObject(file)],
    };
  }

  /**
   * A person uploads a file named `name` in a modal's file input: recorded, and returned as the
   * view_submission's state carries it (Slack's file object: id, name, type, permalink ...). The
   * type is read from the name's extension, as Slack does.
   */
  uploadInForm(userId: string, name: string): Record<string, unknown> {
    const id = `F${this.idTag}${String(++this.sequence).padStart(6, '0')}`;
    const dot = name.lastIndexOf('.');
    const extension = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
    const filetype = { jpeg: 'jpg', txt: 'text', '': 'binary' }[extension] ?? extension;
    const now = Math.floor(realWireTimer.nowMs() / 1000);
    const file = {
      id,
      created: now,
      timestamp: now,
      name,
      title: name,
      filetype,
      mimetype: 'application/octet-stream',
      user: userId,
      user_team: this.teamId,
      permalink: `https://thidua-local.slack.com/files/${userId}/${id}/${encodeURIComponent(name)}`,
      url_private: `${this.baseUrl}/files/${id}`,
      url_private_download: `${this.baseUrl}/files/${id}`,
    };
    this.formUploads.set(id, file);
    return file;
  }

  private fileObject(file: { id: string; name: string; bytes: Buffer; userId: string }): Record<string, unknown> {
    return {
      id: file.id,
      name: file.name,
      title: file.name,
      size: file.bytes.length,
      user: file.userId,
      url_private_download: `${this.baseUrl}/files/${file.id}`,
    };
  }

  /** A shared file's bytes, to a bearer of a token Slack accepts (as url_private_download requires). */
  private download(id: string, request: IncomingMessage, response: ServerResponse): void {
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    this.calls.push({ method: 'files.download', args: { file: id }, token, at: realWireTimer.nowMs(), ok: true });
    const file = this.shared.get(id);
    if (!token || this.options.refusedTokens.includes(token)) send(response, 403, 'forbidden', 'text/plain');
    else if (!file) send(response, 404, 'not found', 'text/plain');
    else {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(file.bytes);
    }
  }

  private resolveChannel(channel: string): { id: string } | { error: string } {
    if (/^[UW]/.test(channel)) {
      const problem = this.reachable(channel);
      return problem ? { error: problem } : { id: this.dmChannelOf(channel) };
    }
    if (/^D[UW]/.test(channel)) {
      const problem = this.reachable(channel.slice(1));
      return problem ? { error: problem } : { id: channel };
    }
    if (!/^[CG]/.test(channel)) return { error: 'channel_not_found' };
    if (this.channelsWithoutBot.has(channel)) return { error: 'not_in_channel' };
    return { id: channel };
  }

  /** Why a DM to this user would fail, or undefined when it would not. */
  private reachable(userId: string): string | undefined {
    const user = this.users.get(userId);
    if (user?.status === 'missing') return 'user_not_found';
    if (user?.status === 'deactivated') return 'account_inactive';
    return undefined;
  }

  private conversationOf(channel: string): PostedMessage[] {
    let messages = this.conversations.get(channel);
    if (!messages) {
      messages = [];
      this.conversations.set(channel, messages);
    }
    return messages;
  }

  private storeView(userId: string, view: Record<string, unknown>, parent: OpenView | undefined): OpenView {
    const id = `V${this.idTag}${String(++this.sequence).padStart(6, '0')}`;
    const opened: OpenView = {
      id,
      hash: randomBytes(6).toString('hex'),
      userId,
      view,
      rootViewId: parent?.rootViewId ?? id,
      ...(parent ? { previousViewId: parent.id } : {}),
    };
    this.views.set(id, opened);
    return opened;
  }

  private stackDepth(view: OpenView): number {
    let depth = 1;
    for (let current = view; current.previousViewId; current = this.views.get(current.previousViewId)!) depth += 1;
    return depth;
  }

  /** Replaces or closes views after a view_submission's response, as Slack does. */
  applyViewResponse(viewId: string, response: Record<string, unknown> | undefined): void {
    const current = this.views.get(viewId);
    if (!current) return;
    const action = response?.response_action;
    if (action === 'errors') return;
    if (action === 'update') {
      current.view = response!.view as Record<string, unknown>;
      current.hash = randomBytes(6).toString('hex');
    } else if (action === 'push') {
      this.storeView(current.userId, response!.view as Record<string, unknown>, current);
    } else if (action === 'clear') {
      for (const [id, view] of this.views) if (view.rootViewId === current.rootViewId) this.views.delete(id);
    } else {
      this.views.delete(viewId);
    }
    this.emit('change');
  }

  closeView(viewId: string): void {
    this.views.delete(viewId);
    this.emit('change');
  }

  /** The view as Slack returns it and sends it back in interaction payloads. */
  viewPayload(opened: OpenView, stateValues: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...opened.view,
      id: opened.id,
      team_id: this.teamId,
      app_id: this.appId,
      bot_id: this.botId,
      hash: opened.hash,
      root_view_id: opened.rootViewId,
      previous_view_id: opened.previousViewId ?? null,
      private_metadata: opened.view.private_metadata ?? '',
      callback_id: opened.view.callback_id ?? '',
      state: { values: stateValues },
    };
  }

  private nextTs(): string {
    // Slack ts: seconds.microseconds, unique and increasing per workspace.
    const micro = realWireTimer.nowMs() * 1000 + (++this.sequence % 1000);
    return `${Math.floor(micro / 1_000_000)}.${String(micro % 1_000_000).padStart(6, '0')}`;
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: string, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raw: text };
  }
}

/** Arguments the Web API client sends as JSON strings inside a form-encoded body. */
const JSON_ARGUMENTS = new Set(['blocks', 'view', 'metadata', 'attachments', 'files']);

/** Web API arguments arrive form-encoded with objects as JSON strings (or as a JSON body). */
function parseArgs(text: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return parseJson(text);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = JSON_ARGUMENTS.has(key) ? parseJson(value) : value === 'true' ? true : value === 'false' ? false : value;
  }
  return args;
}

/** The uploaded bytes, whether sent raw or as multipart/form-data. */
function extractUpload(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!boundary) return body;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(marker);
  const headerEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(marker, headerEnd);
  return start < 0 || headerEnd < 0 || end < 0 ? body : body.subarray(headerEnd + 4, end - 2);
}
