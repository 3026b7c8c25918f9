import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The yaml library, loaded when an organisation file is first read (an import), not when the bot
 * starts: a running bot over its database never reads one, and loading it was a tenth of a start.
 */
export function yaml(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
