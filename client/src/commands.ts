import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { PIN_ALL_KIND, ServerCommands } from './protocol';
import { updatePinnedDigests } from './updateDigests';

export const Commands = {
  pinAll: 'imageref.pinAll',
  refresh: 'imageref.refresh',
  clearCache: 'imageref.clearCache',
  showOutput: 'imageref.showOutput',
  restartServer: 'imageref.restartServer',
  updatePinnedDigests: 'imageref.updatePinnedDigests',
} as const;

export function registerCommands(client: LanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.pinAll, () => pinAll()),
    vscode.commands.registerCommand(Commands.refresh, () => runServerCommand(client, ServerCommands.refresh)),
    vscode.commands.registerCommand(Commands.clearCache, async () => {
      await runServerCommand(client, ServerCommands.clearCache);
      void vscode.window.setStatusBarMessage('imageref: cache cleared', 3000);
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => client.outputChannel.show(true)),
    vscode.commands.registerCommand(Commands.restartServer, () => client.restart()),
    vscode.commands.registerCommand(Commands.updatePinnedDigests, () => updatePinnedDigests(client)),
  ];
}

/**
 * Ask for the `source.pinAll.imageref` action of the active editor (through VS Code, so it goes to the server
 * like any other code action) and apply the first one. Returns whether something was applied.
 */
export async function pinAll(editor = vscode.window.activeTextEditor): Promise<boolean> {
  if (!editor) {
    void vscode.window.showInformationMessage('imageref: open a Dockerfile, pom.xml or Gradle build file to pin its images.');
    return false;
  }
  const document = editor.document;
  const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(Math.max(0, document.lineCount - 1)).range.end);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      PIN_ALL_KIND,
      1, // resolve the first action, in case the server fills in edits lazily
    )) ?? [];
  const action = actions.find(
    (a): a is vscode.CodeAction => isCodeAction(a) && !!a.kind && vscode.CodeActionKind.Empty.append(PIN_ALL_KIND).contains(a.kind),
  );
  if (!action || action.disabled) {
    const why = action?.disabled?.reason;
    void vscode.window.showInformationMessage(why ? `imageref: ${why}` : 'imageref: nothing to pin in this file.');
    return false;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage('imageref: the pin edit could not be applied (the file changed?).');
    return false;
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  return true;
}

function isCodeAction(value: vscode.CodeAction | vscode.Command): value is vscode.CodeAction {
  // A Command has a string `command`; a CodeAction has a `title` and optionally a Command object.
  return typeof (value as vscode.Command).command !== 'string';
}

async function runServerCommand(client: LanguageClient, command: string): Promise<void> {
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('imageref: the language server is not running.');
    return;
  }
  try {
    await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [] });
  } catch (error) {
    void vscode.window.showErrorMessage(`imageref: ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
