import { installCrashGuards } from './lsp/crashGuards';
import { startServer } from './lsp/startServer';

// A bug in one request must never take the server (and the user's editor features) down.
installCrashGuards((line) => console.error(line));

startServer();
