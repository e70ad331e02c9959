import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json' | 'sarif';
/** The lowest severity that makes `check` exit 1; `never`: only bad usage or input does. */
export type FailOn = 'error' | 'warning' | 'information' | 'never';

export interface CliOptions {
  command: string;
  positionals: string[];
  offline: boolean;
  format: OutputFormat;
  failOn: FailOn;
  dryRun: boolean;
  /** `fix --update-digests`: only bring stale pinned digests up to date. */
  updateDigests: boolean;
  jib: boolean;
  platform?: string;
  /** `auth --jib`: Jib's from.credHelper, as the build file would set it. */
  credHelper?: string;
  insecureRegistries: string[];
  cacheDir?: string;
  timeoutMs?: number;
  help: boolean;
  /** `lsp`: the transport asked for (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`); vscode-languageserver reads it from argv. */
  transport?: string;
}

export const USAGE = `Usage:
  imageref check [paths…] [--offline] [--format text|json|sarif] [--fail-on error|warning|information|never]
                                                                   diagnose image references (exit 1 on errors)
  imageref fix [paths…] [--dry-run] [--offline]                    apply the preferred fixes (pins when online)
  imageref fix --update-digests [paths…] [--dry-run]               only update stale pinned digests (tags asked afresh)
  imageref parse <reference> [--jib]                               print the parts of a reference as JSON
  imageref resolve <reference> [--platform os/arch[/variant]] [--format json]
  imageref auth <reference> [--jib [--cred-helper NAME]] [--format text|json]
                                                                   the credential lookup chain (exit 1: none found)
  imageref lsp --stdio | --node-ipc | --socket=PORT | --pipe=NAME  run the language server
Options: --insecure-registry HOST[:PORT] (repeatable), --cache-dir DIR, --timeout MS, --help, --version`;

interface OptionSpec {
  type: 'boolean' | 'string';
  multiple?: boolean;
  /** What the value is, for messages: `--format needs a value (text, json or sarif)`. */
  value?: string;
}

const OPTIONS: Record<string, OptionSpec> = {
  offline: { type: 'boolean' },
  format: { type: 'string', value: 'text, json or sarif' },
  'fail-on': { type: 'string', value: 'error, warning, information or never' },
  'dry-run': { type: 'boolean' },
  'update-digests': { type: 'boolean' },
  jib: { type: 'boolean' },
  platform: { type: 'string', value: 'os/arch[/variant]' },
  'cred-helper': { type: 'string', value: 'a helper name or path' },
  'insecure-registry': { type: 'string', multiple: true, value: 'HOST[:PORT]' },
  'cache-dir': { type: 'string', value: 'a folder' },
  timeout: { type: 'string', value: 'milliseconds' },
  help: { type: 'boolean' },
  version: { type: 'boolean' },
  stdio: { type: 'boolean' },
  'node-ipc': { type: 'boolean' },
  socket: { type: 'string', value: 'a port' },
  pipe: { type: 'string', value: 'a pipe name' },
  'client-process-id': { type: 'string', value: 'a process id' },
  // vscode-languageclient appends --clientProcessId=<pid> to a server it starts.
  clientProcessId: { type: 'string', value: 'a process id' },
};
const SHORT: Record<string, string> = { h: 'help' };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'never'];

/**
 * Parse the command line. node's parseArgs does the tokenizing (non-strict, so that every message below is
 * imageref's own, not node's): `unknown option --x`, `--format needs a value`, `--offline takes no value`.
 */
export function parseCliArgs(argv: string[]): CliOptions {
  const { tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: {} });
  const positionals: string[] = [];
  const strings = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const name = SHORT[token.name] ?? token.name;
    const spec = OPTIONS[name];
    if (!spec) throw new UsageError(`unknown option ${token.rawName}`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    let value = token.value;
    if (value === undefined) {
      // `--format json`: parseArgs (non-strict) leaves the value as the next positional token.
      const next = tokens[i + 1];
      if (next?.kind === 'positional' && next.index === token.index + 1) {
        value = next.value;
        i++;
      }
    }
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value (${spec.value})`);
    const values = strings.get(name) ?? [];
    if (values.length && !spec.multiple) throw new UsageError(`--${name} is given twice`);
    strings.set(name, [...values, value]);
  }
  const one = (name: string) => strings.get(name)?.[0];
  const format = oneOf(one('format') ?? 'text', FORMATS, '--format');
  const failOn = oneOf(one('fail-on') ?? 'error', FAIL_ON, '--fail-on');
  let timeoutMs: number | undefined;
  const timeout = one('timeout');
  if (timeout !== undefined) {
    timeoutMs = Number(timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout must be a positive number of milliseconds, not "${timeout}"`);
  }
  const transport = flags.has('stdio') ? '--stdio' : flags.has('node-ipc') ? '--node-ipc'
    : one('socket') !== undefined ? `--socket=${one('socket')}` : one('pipe') !== undefined ? `--pipe=${one('pipe')}` : undefined;
  return {
    command: flags.has('version') ? 'version' : positionals[0] ?? (flags.has('help') ? 'help' : ''),
    positionals: positionals.slice(1),
    offline: flags.has('offline'),
    format,
    failOn,
    dryRun: flags.has('dry-run'),
    updateDigests: flags.has('update-digests'),
    jib: flags.has('jib'),
    platform: one('platform'),
    credHelper: one('cred-helper'),
    insecureRegistries: strings.get('insecure-registry') ?? [],
    cacheDir: one('cache-dir'),
    timeoutMs,
    help: flags.has('help'),
    transport,
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed[0];
  throw new UsageError(`${option} must be ${list}, not "${value}"`);
}
