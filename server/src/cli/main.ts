import { VERSION } from '../version';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args';
import { checkCommand, fixCommand } from './checkCommand';
import { InputError } from './files';
import { installCrashGuards } from '../lsp/crashGuards';
import { parseCommand, resolveCommand } from './resolveCommand';
import { authCommand } from './authCommand';
import { CliSession } from './session';
import { updateDigestsCommand } from './updateDigestsCommand';
import { lowPullLimitNotes } from './pullLimitNote';
import { stdoutLines } from './stdoutLines';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The command line front end. Returns the exit code; prints one clear line on any failure, never a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
    return await dispatch(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`imageref: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof LspTransportError) {
      io.err('imageref: lsp needs a transport: imageref lsp --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)');
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`imageref: ${error.message}`);
      return 2;
    }
    io.err(`imageref: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

class LspTransportError extends Error {}

async function dispatch(options: CliOptions, io: CliIo): Promise<number> {
  if (options.help || options.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const progress = (line: string) => {
    if (process.stderr.isTTY) io.err(line);
  };
  switch (options.command) {
    case 'version':
      io.out(VERSION);
      return 0;
    case 'parse': {
      const result = parseCommand(options);
      io.out(result.stdout);
      return result.exitCode;
    }
    case 'resolve':
      return withSession(options, io, progress, async (session) => {
        const result = await resolveCommand(options, session);
        // JSON answers (and JSON failures) go to stdout for the program that reads them; text failures to stderr.
        (result.exitCode === 0 || options.format === 'json' ? io.out : io.err)(result.stdout);
        return result.exitCode;
      });
    case 'auth': {
      const result = await authCommand(options);
      io.out(result.stdout);
      return result.exitCode;
    }
    case 'check':
      return withSession(options, io, progress, (session) => checkCommand(options, session, io));
    case 'fix':
      if (options.updateDigests) return withSession(options, io, progress, (session) => updateDigestsCommand(options, session, io));
      return withSession(options, io, progress, (session) => fixCommand(options, session, io));
    case 'lsp':
      if (!options.transport) throw new LspTransportError();
      // A bug in one request must never take the server (and the user's editor features) down.
      installCrashGuards((line) => process.stderr.write(line + '\n'));
      // createConnection reads --stdio / --node-ipc / --socket / --pipe from process.argv itself.
      (require('../lsp/startServer') as typeof import('../lsp/startServer')).startServer();
      return new Promise<number>(() => undefined);
    case '':
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${options.command}"`);
  }
}

async function withSession(options: CliOptions, io: CliIo, progress: (line: string) => void, run: (session: CliSession) => Promise<number>): Promise<number> {
  const session = new CliSession(options, progress, (line) => io.err(line));
  try {
    return await run(session);
  } finally {
    for (const line of lowPullLimitNotes(session.pullLimits.values())) io.err(line);
    await session.registry.client?.close();
  }
}

/** The `imageref` executable: runs the command line on the process's arguments and sets its exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const code = await runCli(argv, {
    out: stdoutLines(),
    err: (text) => process.stderr.write(text + '\n'),
  });
  process.exitCode = code;
}
