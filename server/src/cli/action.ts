import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCliArgs, UsageError } from './args';
import { checkPaths, report } from './checkCommand';
import { fails, formatText, severityName, summaryLine } from './format';
import { CliSession } from './session';

/**
 * The GitHub Action (action.yml): `imageref check` with the step's inputs, the text report in the log, one
 * annotation per problem, the report file (SARIF by default, for github/codeql-action/upload-sarif) and outputs.
 * Inputs arrive as the runner passes them: `INPUT_<NAME>`, upper-cased, spaces as `_` (`fail-on` → `INPUT_FAIL-ON`).
 */
export async function runAction(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const input = (name: string, fallback: string) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim() || fallback;
  try {
    if (env.GITHUB_WORKSPACE) process.chdir(env.GITHUB_WORKSPACE);
    const paths = input('paths', '.').split(/\s+/).filter(Boolean);
    const offline = input('offline', 'false');
    if (offline !== 'true' && offline !== 'false') throw new UsageError(`input offline must be true or false, not "${offline}"`);
    const options = parseCliArgs(['check', ...paths, '--format', input('format', 'sarif'), '--fail-on', input('fail-on', 'error'), ...(offline === 'true' ? ['--offline'] : [])]);
    const output = input('output', `imageref.${options.format === 'text' ? 'txt' : options.format}`);
    const session = new CliSession(options, () => undefined, log);
    let checked, inputErrors;
    try {
      ({ checked, inputErrors } = await checkPaths(options, session, { out: log, err: log }));
      mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
      writeFileSync(output, report(options.format, session, checked) + '\n');
    } finally {
      await session.registry.client?.close();
    }
    log(formatText(checked));
    const annotations = input('annotations', 'true') === 'true';
    for (const file of annotations ? checked : []) {
      for (const d of file.diagnostics) {
        const level = severityName(d) === 'error' ? 'error' : severityName(d) === 'warning' ? 'warning' : 'notice';
        const message = typeof d.message === 'string' ? d.message : d.message.value;
        log(`::${level} file=${escapeProperty(file.file)},line=${d.range.start.line + 1},col=${d.range.start.character + 1},title=imageref ${d.code}::${escapeData(message)}`);
      }
    }
    const problems = checked.reduce((n, f) => n + f.diagnostics.length, 0);
    setOutputs(env, { report: output, problems: String(problems), files: String(checked.length) });
    if (inputErrors.length) {
      log(`::error::imageref could not read ${inputErrors.join('; ')}`);
      return 2;
    }
    if (fails(checked, options.failOn)) {
      log(`::error::imageref: ${summaryLine(checked)} (fail-on: ${options.failOn})`);
      return 1;
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`::error::imageref: ${error instanceof UsageError ? message.replace(/^--(\S+)/, 'input $1') : `internal error: ${message}`}`);
    return 2;
  }
}

function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string>): void {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

/** Workflow command escaping, as @actions/core does it. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
