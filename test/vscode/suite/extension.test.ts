/**
 * The extension in a real VS Code: activation, diagnostics from the server over IPC, hover, quick fixes and
 * commands. The workspace is offline (.vscode/settings.json), so only the checks that need no registry run.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, hasCodes, hoverText, open, waitForDiagnostics, workspaceFile } from './helpers';

describe('imageref extension', () => {
  const dockerfile = workspaceFile('Dockerfile');
  const pom = workspaceFile('pom.xml');
  const gradle = workspaceFile('app', 'build.gradle.kts');

  it('is activated by the workspace and contributes its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['imageref.pinAll', 'imageref.refresh', 'imageref.clearCache', 'imageref.showOutput']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });

  it('reports Dockerfile problems with stable codes', async () => {
    await open(dockerfile);
    const diagnostics = await waitForDiagnostics(dockerfile, hasCodes('implicit-latest', 'scheme-prefix'));
    const implicit = diagnostics.find((d) => codeOf(d) === 'implicit-latest');
    assert.ok(implicit);
    assert.equal(implicit.range.start.line, 0);
    const document = await vscode.workspace.openTextDocument(dockerfile);
    assert.equal(document.getText(implicit.range), 'alpine');
    const scheme = diagnostics.find((d) => codeOf(d) === 'scheme-prefix');
    assert.equal(scheme?.range.start.line, 2);
  });

  it('reports Jib references in pom.xml by role', async () => {
    await open(pom);
    const diagnostics = await waitForDiagnostics(pom, hasCodes('latest-tag', 'digest-on-target'));
    const document = await vscode.workspace.openTextDocument(pom);
    const onTarget = diagnostics.find((d) => codeOf(d) === 'digest-on-target');
    assert.ok(onTarget);
    assert.match(document.lineAt(onTarget.range.start.line).text, /<image>example\/app:1\.0@sha256:/);
    const latest = diagnostics.find((d) => codeOf(d) === 'latest-tag');
    assert.match(document.lineAt(latest!.range.start.line).text, /eclipse-temurin:latest/);
  });

  it('reports Gradle Kotlin DSL references', async () => {
    await open(gradle);
    const diagnostics = await waitForDiagnostics(gradle, hasCodes('implicit-latest'));
    const document = await vscode.workspace.openTextDocument(gradle);
    const lines = diagnostics.filter((d) => codeOf(d) === 'implicit-latest').map((d) => document.lineAt(d.range.start.line).text);
    assert.ok(lines.some((l) => l.includes('"eclipse-temurin"')), `implicit-latest on the from image: ${lines.join(' | ')}`);
  });

  it('explains a reference on hover', async () => {
    await open(dockerfile);
    await waitForDiagnostics(dockerfile, hasCodes('implicit-latest'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      dockerfile,
      new vscode.Position(0, 7), // inside "alpine"
    );
    const text = hoverText(hovers);
    assert.match(text, /docker\.io/, `hover names the registry: ${text}`);
    assert.match(text, /library\/alpine/, `hover names the repository: ${text}`);
    assert.match(text, /latest/, `hover explains the implicit tag: ${text}`);
  });

  it('offers a quick fix for a diagnostic and applying it clears the diagnostic', async () => {
    const editor = await open(dockerfile);
    const diagnostics = await waitForDiagnostics(dockerfile, hasCodes('scheme-prefix'));
    const scheme = diagnostics.find((d) => codeOf(d) === 'scheme-prefix')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      dockerfile,
      scheme.range,
      vscode.CodeActionKind.QuickFix.value,
      10, // resolve edits the server may fill in lazily
    );
    // The command's results do not always carry `diagnostics`: match on them when present, else on the title.
    const fix = actions.find(
      (a) => a.diagnostics?.some((d) => codeOf(d) === 'scheme-prefix') || /https:\/\//.test(a.title),
    );
    assert.ok(fix?.edit, `a quick fix with an edit for scheme-prefix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(await vscode.workspace.applyEdit(fix.edit!), true);
    assert.equal(editor.document.lineAt(2).text, 'FROM docker.io/library/busybox:1.36 AS tools');
    await waitForDiagnostics(dockerfile, (ds) => !ds.some((d) => codeOf(d) === 'scheme-prefix') && ds.length > 0);
    assert.equal(await editor.document.save(), true);
  });

  it('pinAll does not change an offline document (nothing can be resolved)', async () => {
    const editor = await open(pom);
    await waitForDiagnostics(pom, hasCodes('latest-tag'));
    const before = editor.document.getText();
    const applied = await vscode.commands.executeCommand<boolean>('imageref.pinAll');
    assert.equal(applied, false);
    assert.equal(editor.document.getText(), before);
  });
});
