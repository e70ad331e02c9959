/**
 * The custom parts of the protocol between this extension and the imageref language server.
 * Kept in one place so the client and its tests agree on names; the server defines the same strings.
 */
import { NotificationType } from 'vscode-languageclient/node';

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

/** Server → client: what the resolver is doing, drives the status bar item. */
export const StatusNotification = new NotificationType<StatusParams>('imageref/status');

/** Client → server: the user granted workspace trust (network and credential helpers may now be used). */
export const SetTrustedNotification = new NotificationType<SetTrustedParams>('imageref/setTrusted');

/** Commands the server handles through workspace/executeCommand. */
export const ServerCommands = {
  refresh: 'imageref.server.refresh',
  clearCache: 'imageref.server.clearCache',
} as const;

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
