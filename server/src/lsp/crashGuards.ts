/**
 * Keep the language server alive through a bug: an uncaught exception or unhandled rejection in one request is
 * logged (stderr reaches the editor's log), never fatal. Installed once per process.
 */
let installed = false;

export function installCrashGuards(log: (line: string) => void): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error) => log(`imageref: uncaught exception (the server keeps running): ${error?.stack ?? error}`));
  process.on('unhandledRejection', (reason) => log(`imageref: unhandled rejection (the server keeps running): ${(reason as Error)?.stack ?? reason}`));
}
