import type { z } from 'zod';

/**
 * `text` as JSON read with `schema`; undefined when it is not. For what comes back from Slack in a
 * button's value or a modal's private_metadata: written by us, but handed back by a client, so
 * never trusted.
 */
export function readJson<T>(text: string | undefined, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
