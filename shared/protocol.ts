/**
 * The custom parts of the protocol between the VS Code extension (client/) and the imageref language server, written
 * once: method names, command ids and the shapes they carry. Plain data, no LSP library, so both sides (each with its
 * own copy of vscode-jsonrpc) can import it.
 */

export type ServerState = 'idle' | 'resolving' | 'unreachable' | 'rate-limited' | 'offline';

export interface StatusParams {
  state: ServerState;
  /** References waiting on a registry answer. */
  pending: number;
  message?: string;
}

export interface SetTrustedParams {
  trusted: boolean;
}

export const Notifications = {
  /** Server → client (`StatusParams`): what the resolver is doing; drives the status bar item. */
  status: 'imageref/status',
  /** Client → server (`SetTrustedParams`): the user granted workspace trust (network and helpers may now be used). */
  setTrusted: 'imageref/setTrusted',
  /** Server → client (`PullLimitParams`): a registry reported its pull quota (Docker Hub's `ratelimit-remaining`). */
  pullLimit: 'imageref/pullLimit',
} as const;

export interface PullLimitParams {
  registry: string;
  limit: number;
  remaining: number;
  windowSeconds?: number;
  /** Fewer than 10 % of the limit remain: the status bar says so. */
  low: boolean;
  /** One line, e.g. `docker.io: 8 of 100 pulls left (the limit counts over 6 h)`. */
  message: string;
}

/** Commands the server handles through workspace/executeCommand. */
export const ServerCommands = {
  refresh: 'imageref.server.refresh',
  clearCache: 'imageref.server.clearCache',
  /** Arguments: [UpdateDigestsParams?]; answers UpdateDigestsResult. The client applies the edit (with a preview). */
  updatePinnedDigests: 'imageref.server.updatePinnedDigests',
} as const;

export interface UpdateDigestsParams {
  /** Folder URIs to search (default: the workspace folders the client gave at initialize). */
  folders?: string[];
}

/** Every stale pinned digest of the workspace as one edit; `updates` edits over `files` files, of `scanned` read. */
export interface UpdateDigestsResult {
  /** An LSP WorkspaceEdit (`changes` by document URI). */
  edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> };
  updates: number;
  files: number;
  scanned: number;
}

/** The source action that pins every image reference of a document. */
export const PIN_ALL_KIND = 'source.pinAll.imageref';

/** What the server reads from `initializationOptions`. */
export interface InitializationOptions {
  settings?: unknown;
  /** Folder for the disk cache (the extension's global storage). */
  cacheDir?: string;
  /** Workspace trust: false means no network and no credential helpers. */
  trusted?: boolean;
}

/** The project configuration file the server reads from disk (the client watches it so that a change re-validates). */
export const PROJECT_CONFIG_FILE = '.imageref.json';
