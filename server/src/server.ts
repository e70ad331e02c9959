import { startServer } from './lsp/startServer';

// A bug in one request must never take the server (and the user's editor features) down.
process.on('uncaughtException', (error) => console.error(`imageref: uncaught: ${error?.stack ?? error}`));
process.on('unhandledRejection', (reason) => console.error(`imageref: unhandled rejection: ${reason}`));

startServer();
