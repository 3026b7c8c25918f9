import type { ServerResponse } from 'node:http';
import { HTTPModuleFunctions } from './bolt';
import { SerialisedJson } from './serialised-json';

let sendingSerialised = false;

/**
 * Lets Bolt's HTTP acknowledgement (ack() calls HTTPModuleFunctions.buildContentResponse) write a
 * SerialisedJson's bytes as they are, with the headers Bolt gives a JSON body and its length; any
 * other body goes through Bolt's own function. This replaces a Bolt module function at run time,
 * as the door's parse does (src/http-guard.ts): re-check both on a Bolt upgrade.
 */
export function sendSerialisedAcks(): void {
  if (sendingSerialised) return;
  sendingSerialised = true;
  const boltBuild = HTTPModuleFunctions.buildContentResponse;
  (HTTPModuleFunctions as { buildContentResponse: typeof boltBuild }).buildContentResponse = (response: ServerResponse, body: unknown) => {
    if (!(body instanceof SerialisedJson)) return boltBuild(response, body);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.bytes.length });
    response.end(body.bytes);
  };
}
