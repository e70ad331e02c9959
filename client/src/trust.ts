import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SetTrustedNotification } from './protocol';

/**
 * Workspace trust. In an untrusted workspace the server makes no network requests and runs no credential
 * helpers (the workspace could point them anywhere); VS Code itself ignores workspace values of the
 * settings listed in `capabilities.untrustedWorkspaces.restrictedConfigurations`.
 * Trust can only be granted during a session, never revoked (VS Code reloads the window for that).
 */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

export function watchTrust(client: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client.isRunning()) {
      void client.sendNotification(SetTrustedNotification, { trusted: true });
    }
  });
}
