import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands, type UpdateDigestsParams, type UpdateDigestsResult } from './protocol';

/**
 * "Update Pinned Digests": the server collects every stale pinned digest of the workspace as one edit; each change
 * needs confirmation, so VS Code shows it in the Refactor Preview, where the user applies or discards it.
 * Returns whether an edit was applied.
 */
export async function updatePinnedDigests(client: LanguageClient): Promise<boolean> {
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('imageref: the language server is not running.');
    return false;
  }
  const params: UpdateDigestsParams = { folders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()) };
  let result: UpdateDigestsResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'imageref: looking for stale pinned digests' },
      () => client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.updatePinnedDigests, arguments: [params] }),
    ) as UpdateDigestsResult;
  } catch (error) {
    void vscode.window.showErrorMessage(`imageref: updating pinned digests failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  if (!result || result.updates === 0) {
    void vscode.window.showInformationMessage(`imageref: no stale pinned digest in ${result?.scanned ?? 0} build files.`);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: 'Update pinned digest', description: 'imageref' };
  for (const [uri, edits] of Object.entries(result.edit.changes)) {
    for (const e of edits) edit.replace(vscode.Uri.parse(uri), client.protocol2CodeConverter.asRange(e.range), e.newText, metadata);
  }
  return vscode.workspace.applyEdit(edit, { isRefactoring: true });
}
