import type { CliOptions } from './args';
import { findFiles } from './files';
import { fixFiles } from './fix';
import { fails, formatJson, formatText, type ReportEntry } from './format';
import { formatSarif } from './sarif';
import type { CheckedFile, CheckOptions, CliSession } from './session';
import { findRepositoryRoot } from '../host/repository';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** Files to check: the paths' build files, with one line per path or file that could not be read. */
export async function checkPaths(options: CliOptions, session: CliSession, io: CommandIo, checkOptions: CheckOptions = {}) {
  const found = findFiles(options.positionals);
  const { checked, errors } = await session.check(found.files, checkOptions);
  const inputErrors = [...found.missing, ...session.configErrors, ...errors];
  for (const line of inputErrors) io.err(`imageref: ${line}`);
  if (checked.length === 0 && inputErrors.length === 0) {
    const where = options.positionals.length ? options.positionals.join(', ') : '.';
    io.err(`imageref: no build file found in ${where} (nothing checked)`);
  }
  return { checked, inputErrors };
}

/** `imageref check`: exit 2 when a path could not be read (after checking the others), else 1 when `--fail-on` is met. */
export async function checkCommand(options: CliOptions, session: CliSession, io: CommandIo): Promise<number> {
  const { checked, inputErrors } = await checkPaths(options, session, io, { workers: true, references: options.format !== 'text' });
  io.out(report(options.format, session, checked));
  if (inputErrors.length) return 2;
  return fails(checked, options.failOn) ? 1 : 0;
}

export function report(format: CliOptions['format'], session: CliSession, checked: CheckedFile[]): string {
  if (format === 'text') return formatText(checked);
  const entries: ReportEntry[] = checked.flatMap((file) => file.diagnostics.map((diagnostic, i) => ({
    file, diagnostic, reference: file.references ? file.references[i] : session.service.referenceAt(file.document, diagnostic.range, file.context),
  })));
  if (format === 'json') return formatJson(entries);
  return formatSarif(entries, findRepositoryRoot(process.cwd()) ?? process.cwd());
}

/** `imageref fix`: exit 2 when a path could not be read (after fixing the others), else 0. */
export async function fixCommand(options: CliOptions, session: CliSession, io: CommandIo): Promise<number> {
  const { checked, inputErrors } = await checkPaths(options, session, io);
  const applied = await fixFiles(session, checked, options.dryRun);
  for (const fix of applied) io.out(`${fix.file}:${fix.line}:${fix.character}: ${fix.code}: ${fix.title}${options.dryRun ? ' (dry run)' : ''}`);
  const files = new Set(applied.map((f) => f.file)).size;
  const count = `${applied.length} fix${applied.length === 1 ? '' : 'es'}`;
  io.out(`${count} ${options.dryRun ? 'would be applied' : 'applied'} in ${files} of ${checked.length} file${checked.length === 1 ? '' : 's'} checked`);
  return inputErrors.length ? 2 : 0;
}
