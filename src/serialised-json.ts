/**
 * An acknowledgement's JSON body, serialised once. A page of the standings or of tiendo is drawn
 * once between writes (store.remember) and sent to everyone who asks meanwhile; serialised on each
 * request, its 10–11 kB of Vietnamese (JSON.stringify, then the UTF-8 encoding while writing) took
 * 6–7 % of the request's CPU. Wherever it is serialised as JSON (Socket Mode, a receiver other than
 * the door's) it is `value` itself.
 */
export class SerialisedJson {
  readonly bytes: Buffer;

  constructor(readonly value: unknown) {
    this.bytes = Buffer.from(JSON.stringify(value), 'utf8');
  }

  toJSON(): unknown {
    return this.value;
  }
}
