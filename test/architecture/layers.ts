/**
 * The layers of the house and who may import whom (docs/developing.md explains each). A module is a
 * folder or a few files; a file may import files of its own module and of the modules its entry
 * lists, nothing else — type-only imports included. Checked by test/architecture/imports.test.ts.
 */
export interface Module {
  name: string;
  /** Folder prefixes ("src/views/") or single files ("src/app.ts") that belong to the module. */
  paths: string[];
  /** The modules it may import. */
  mayImport: string[];
}

export const MODULES: Module[] = [
  {
    name: 'cli',
    paths: ['src/cli/'],
    mayImport: ['console', 'app', 'scheduler', 'services', 'views', 'standings', 'store', 'organisation', 'i18n', 'kernel', 'domain'],
  },
  {
    name: 'console',
    paths: ['src/console/'],
    mayImport: ['app', 'local-slack', 'scheduler', 'services', 'views', 'store', 'organisation', 'i18n', 'kernel', 'domain'],
  },
  {
    name: 'app',
    paths: [
      'src/runtime.ts',
      'src/app.ts',
      'src/bolt.ts',
      'src/health.ts',
      'src/config.ts',
      'src/logger.ts',
      'src/http-guard.ts',
      'src/payload-json.ts',
      'src/http-ack.ts',
      'src/request-turns.ts',
      'src/listener-guards.ts',
      'src/slack-client.ts',
    ],
    // views: the guards answer every request that fails in words (src/listener-guards.ts).
    mayImport: ['commands', 'scheduler', 'services', 'views', 'delivery', 'store', 'i18n', 'kernel', 'domain'],
  },
  { name: 'local-slack', paths: ['src/local-slack/'], mayImport: ['store', 'kernel'] },
  { name: 'commands', paths: ['commands/'], mayImport: ['services', 'views', 'standings', 'store', 'i18n', 'kernel', 'domain'] },
  {
    name: 'scheduler',
    paths: ['src/scheduler/'],
    mayImport: ['services', 'views', 'standings', 'delivery', 'store', 'i18n', 'kernel', 'domain'],
  },
  {
    name: 'services',
    paths: ['src/services/'],
    mayImport: ['views', 'standings', 'delivery', 'store', 'organisation', 'i18n', 'kernel', 'domain'],
  },
  { name: 'views', paths: ['src/views/'], mayImport: ['standings', 'i18n', 'kernel', 'domain'] },
  { name: 'standings', paths: ['src/standings/'], mayImport: ['store', 'i18n', 'domain'] },
  { name: 'delivery', paths: ['src/delivery/'], mayImport: ['store', 'kernel'] },
  { name: 'store', paths: ['db/'], mayImport: ['organisation', 'i18n', 'domain'] },
  { name: 'organisation', paths: ['src/organisation/'], mayImport: ['i18n', 'domain'] },
  { name: 'i18n', paths: ['src/i18n/'], mayImport: ['domain'] },
  { name: 'kernel', paths: ['src/clock.ts', 'src/read-json.ts', 'src/serialised-json.ts'], mayImport: ['domain'] },
  { name: 'domain', paths: ['src/domain/'], mayImport: [] },
];

/** The folders checked: the product's code (tests and benchmarks sit above it all and may import anything). */
export const CHECKED_ROOTS = ['src', 'db', 'commands'];

/**
 * commands/ has its own rules: from outside, only its registration (commands/index.ts) is imported;
 * inside, a feature (commands/<feature>.ts or commands/<feature>/) imports only itself and
 * commands/shared/, which imports no feature.
 */
export const COMMANDS = { root: 'commands/', entry: 'commands/index.ts', shared: 'commands/shared/' };
