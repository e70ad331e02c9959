import * as vscode from 'vscode';

export const EXTENSION_ID = 'imageref.imageref';

/** The code of a diagnostic as a string (VS Code gives `{ value, target }` when the server sends a link). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

export function imagerefDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'imageref');
}

/**
 * Resolves with the document's imageref diagnostics once `accept` holds for them: checked now and on every
 * onDidChangeDiagnostics event for the URI. No polling, no sleeps; fails with what was seen after `timeoutMs`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line prefer-const -- assigned below, after the timer that disposes it is set up
    let subscription: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      subscription?.dispose();
      const seen = imagerefDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.fsPath}; have [${seen.join(', ')}]`));
    }, timeoutMs);
    const check = (): boolean => {
      const diagnostics = imagerefDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      clearTimeout(timer);
      subscription?.dispose();
      resolve(diagnostics);
      return true;
    };
    if (check()) return;
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
  });
}

export const hasCodes =
  (...codes: string[]) =>
  (diagnostics: vscode.Diagnostic[]): boolean =>
    codes.every((code) => diagnostics.some((d) => codeOf(d) === code));

export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (runTest.ts opens one)');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/** The text of a hover's contents, whatever form each part takes. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
