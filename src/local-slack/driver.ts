import { createHmac } from 'node:crypto';
import { realWireTimer } from '../clock';
import type { LocalSlack, OpenView, PostedMessage } from './server';
import { type Answer, stateValuesFor } from './view-state';

/**
 * Plays Slack's part towards the app: signs and sends slash commands, button presses, modal
 * submissions and events to the app's request URL exactly as Slack would (form-encoded, signed with
 * the signing secret), with trigger_ids and response_urls issued by the local Slack.
 */
export interface HttpReply {
  status: number;
  /** The app's acknowledgement: parsed JSON, or the raw text ('' for an empty 200). */
  body: unknown;
}

export interface DriverOptions {
  /** The app's request URL, e.g. http://127.0.0.1:3000/slack/events */
  requestUrl: string;
  signingSecret: string;
  slack: LocalSlack;
}

export interface ButtonPress {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  /** Where the button is: a posted message (channel or DM), an ephemeral reply, or an open modal. */
  in: { message: PostedMessage } | { ephemeral: { channel: string; blocks: unknown[]; responseUrl?: string } } | { view: OpenView };
}

export class SlackDriver {
  constructor(private readonly options: DriverOptions) {}

  private get slack(): LocalSlack {
    return this.options.slack;
  }

  /** `/thidua text` typed by `userId` in `channelId`. */
  async slashCommand(
    userId: string,
    text: string,
    channelId = 'C0GENERAL',
    command = '/thidua',
  ): Promise<HttpReply & { responseUrl: string }> {
    const responseUrl = this.slack.issueResponseUrl();
    const form = new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: this.slack.teamId,
      team_domain: 'thidua-local',
      channel_id: channelId,
      channel_name: channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase(),
      user_id: userId,
      user_name: this.slack.users.get(userId)?.name ?? userId.toLowerCase(),
      command,
      text,
      api_app_id: this.slack.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: this.slack.issueTrigger(userId),
    });
    const reply = await this.send(form.toString());
    // A reply in the acknowledgement is shown as Slack shows it: as the command's ephemeral answer.
    if (reply.status === 200 && typeof reply.body === 'object' && reply.body !== null && ('text' in reply.body || 'blocks' in reply.body))
      this.slack.recordReply(responseUrl.slice(responseUrl.lastIndexOf('/') + 1), reply.body as Record<string, unknown>, 'ack');
    return { ...reply, responseUrl };
  }

  async pressButton(press: ButtonPress): Promise<HttpReply & { responseUrl?: string }> {
    const action = {
      type: 'button',
      action_id: press.actionId,
      block_id: press.blockId ?? this.blockIdOf(press),
      ...(press.value !== undefined ? { value: press.value } : {}),
      action_ts: `${realWireTimer.nowMs() / 1000}`,
    };
    const base = {
      type: 'block_actions',
      team: { id: this.slack.teamId, domain: 'thidua-local' },
      user: {
        id: press.userId,
        username: this.slack.users.get(press.userId)?.name ?? press.userId.toLowerCase(),
        team_id: this.slack.teamId,
      },
      api_app_id: this.slack.appId,
      token: 'deprecated-verification-token',
      trigger_id: this.slack.issueTrigger(press.userId),
      actions: [action],
    };
    if ('view' in press.in) {
      const opened = press.in.view;
      const payload = {
        ...base,
        container: { type: 'view', view_id: opened.id },
        view: this.slack.viewPayload(opened, stateValuesFor(opened.view)),
      };
      return this.sendPayload(payload);
    }
    const responseUrl =
      'ephemeral' in press.in && press.in.ephemeral.responseUrl ? press.in.ephemeral.responseUrl : this.slack.issueResponseUrl();
    if ('ephemeral' in press.in) {
      const payload = {
        ...base,
        container: {
          type: 'message',
          message_ts: `${realWireTimer.nowMs() / 1000}`,
          channel_id: press.in.ephemeral.channel,
          is_ephemeral: true,
        },
        channel: { id: press.in.ephemeral.channel },
        response_url: responseUrl,
      };
      return { ...(await this.sendPayload(payload)), responseUrl };
    }
    const message = press.in.message;
    const payload = {
      ...base,
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      channel: { id: message.channel },
      message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks ?? [], user: this.slack.botUserId },
      response_url: responseUrl,
    };
    return { ...(await this.sendPayload(payload)), responseUrl };
  }

  /**
   * Submits the user's open modal with `answers` (by block_id or action_id) over its initial
   * values, and applies the app's response to the local Slack's views as Slack would.
   */
  async submitView(userId: string, answers: Record<string, Answer | undefined> = {}, viewId?: string): Promise<HttpReply> {
    const opened = viewId ? this.slack.views.get(viewId) : this.slack.openViewOf(userId);
    if (!opened) throw new Error(`no open modal for ${userId}`);
    const payload = {
      type: 'view_submission',
      team: { id: this.slack.teamId, domain: 'thidua-local' },
      user: { id: userId, username: this.slack.users.get(userId)?.name ?? userId.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: this.slack.appId,
      token: 'deprecated-verification-token',
      trigger_id: this.slack.issueTrigger(userId),
      view: this.slack.viewPayload(
        opened,
        stateValuesFor(opened.view, answers, (name) => this.slack.uploadInForm(userId, name)),
      ),
      response_urls: [],
    };
    const reply = await this.sendPayload(payload);
    if (reply.status === 200)
      this.slack.applyViewResponse(
        opened.id,
        typeof reply.body === 'object' && reply.body !== null ? (reply.body as Record<string, unknown>) : undefined,
      );
    return reply;
  }

  /** An Events API callback, optionally marked as Slack's n-th retry. */
  async sendEvent(event: Record<string, unknown>, eventId: string, retryNum?: number): Promise<HttpReply> {
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: this.slack.teamId,
      api_app_id: this.slack.appId,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(realWireTimer.nowMs() / 1000),
      event,
    });
    const headers: Record<string, string> = retryNum
      ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    return this.send(body, { contentType: 'application/json', headers });
  }

  async sendPayload(payload: unknown): Promise<HttpReply> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  /** Signs `body` as Slack does: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
  sign(body: string, timestampSeconds = Math.floor(realWireTimer.nowMs() / 1000)): { timestamp: string; signature: string } {
    const timestamp = String(timestampSeconds);
    const signature = `v0=${createHmac('sha256', this.options.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return { timestamp, signature };
  }

  /** Sends a raw request; tests use the options to send bad signatures and stale timestamps. */
  async send(
    body: string,
    options: { contentType?: string; headers?: Record<string, string>; timestampSeconds?: number; signature?: string } = {},
  ): Promise<HttpReply> {
    const signed = this.sign(body, options.timestampSeconds);
    const response = await fetch(this.options.requestUrl, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': signed.timestamp,
        'x-slack-signature': options.signature ?? signed.signature,
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    // As Slack reads an acknowledgement: a message (JSON) only when it says it is one, else plain text.
    if (text.startsWith('{') && response.headers.get('content-type')?.startsWith('application/json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, body: parsed };
  }

  private blockIdOf(press: ButtonPress): string {
    const blocks =
      'view' in press.in
        ? (press.in.view.view.blocks as Record<string, unknown>[])
        : 'ephemeral' in press.in
          ? (press.in.ephemeral.blocks as Record<string, unknown>[])
          : ((press.in.message.blocks ?? []) as Record<string, unknown>[]);
    const owner = blocks.find((block) => JSON.stringify(block).includes(`"action_id":"${press.actionId}"`));
    return String(owner?.block_id ?? 'actions');
  }
}
