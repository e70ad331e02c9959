import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface CliOptions {
  command: string;
  positionals: string[];
  offline: boolean;
  format: 'text' | 'json' | 'sarif';
  dryRun: boolean;
  jib: boolean;
  platform?: string;
  insecureRegistries: string[];
  cacheDir?: string;
  timeoutMs?: number;
  help: boolean;
}

export const USAGE = `Usage:
  imageref check [paths…] [--offline] [--format text|json|sarif]   diagnose image references (exit 1 on errors)
  imageref fix [paths…] [--dry-run] [--offline]                    apply the preferred fixes (pins when online)
  imageref parse <reference> [--jib]                               print the parts of a reference as JSON
  imageref resolve <reference> [--platform os/arch[/variant]] [--format json]
  imageref lsp --stdio                                             run the language server
Options: --insecure-registry HOST[:PORT] (repeatable), --cache-dir DIR, --timeout MS, --help, --version`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        offline: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        'dry-run': { type: 'boolean', default: false },
        jib: { type: 'boolean', default: false },
        platform: { type: 'string' },
        'insecure-registry': { type: 'string', multiple: true, default: [] },
        'cache-dir': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
        stdio: { type: 'boolean', default: false },
        'node-ipc': { type: 'boolean', default: false },
        'client-process-id': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  }
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout must be a positive number of milliseconds`);
  }
  return {
    command: values.version ? 'version' : positionals[0] ?? (values.help ? 'help' : ''),
    positionals: positionals.slice(1),
    offline: values.offline,
    format,
    dryRun: values['dry-run'],
    jib: values.jib,
    platform: values.platform,
    insecureRegistries: values['insecure-registry'],
    cacheDir: values['cache-dir'],
    timeoutMs,
    help: values.help,
  };
}
