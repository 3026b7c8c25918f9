import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * Slack's side of a Socket Mode connection, on loopback: it greets the app's client with "hello",
 * sends envelopes (slash commands, interactions, events) and returns the app's acknowledgement.
 */
export class FakeSocketMode {
  private readonly server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  private socket: WebSocket | undefined;
  private readonly waiting = new Map<string, (payload: unknown) => void>();
  readonly connected: Promise<void>;

  constructor() {
    this.connected = new Promise((resolve) => {
      this.server.on('connection', (socket) => {
        this.socket = socket;
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
          if (message.envelope_id) this.waiting.get(message.envelope_id)?.(message.payload ?? null);
        });
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0THIDUA' } }));
        resolve();
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  /** Sends one envelope and resolves with the app's acknowledgement payload. */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<unknown> {
    const envelopeId = randomUUID();
    const acknowledged = new Promise<unknown>((resolve) => this.waiting.set(envelopeId, resolve));
    this.socket!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
    return acknowledged;
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
