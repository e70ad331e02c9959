import { renameSync, writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { CheckedFile, CliSession } from './session';

export interface AppliedFix {
  file: string;
  line: number;
  character: number;
  code: string;
  title: string;
  before: string;
  after: string;
}

/** Apply each diagnostic's preferred quick fix; overlapping edits are skipped, never merged. */
export async function fixFiles(session: CliSession, files: CheckedFile[], dryRun: boolean): Promise<AppliedFix[]> {
  const applied: AppliedFix[] = [];
  for (const file of files) {
    const { document } = file;
    const range = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
    const actions = await session.service.codeActions(document, range, file.diagnostics, file.settings, [CodeActionKind.QuickFix], file.context);
    const chosen = pickNonOverlapping(document, actions.filter((a) => a.isPreferred));
    if (chosen.length === 0) continue;
    for (const { action, edits } of chosen) {
      const first = edits[0].range.start;
      const before = document.getText(action.diagnostics?.[0]?.range ?? edits[0].range);
      applied.push({
        file: file.file, line: first.line + 1, character: first.character + 1,
        code: String(action.diagnostics?.[0]?.code ?? ''), title: action.title, before, after: edits.map((e) => e.newText).join(' '),
      });
    }
    if (!dryRun) writeAtomically(file.file, TextDocument.applyEdits(document, chosen.flatMap((c) => c.edits)));
  }
  return applied;
}

function editsOf(document: TextDocument, action: CodeAction): TextEdit[] {
  return action.edit?.changes?.[document.uri] ?? [];
}

function pickNonOverlapping(document: TextDocument, actions: CodeAction[]) {
  const taken: Array<[number, number]> = [];
  const chosen: Array<{ action: CodeAction; edits: TextEdit[] }> = [];
  for (const action of actions) {
    const edits = editsOf(document, action);
    const spans = edits.map((e) => [document.offsetAt(e.range.start), document.offsetAt(e.range.end)] as [number, number]);
    const overlaps = spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e || (s === e && s === ts)));
    if (edits.length === 0 || overlaps) continue;
    taken.push(...spans);
    chosen.push({ action, edits });
  }
  return chosen;
}

/** Write to a temporary file and rename, so an interrupted run never leaves a half-written build file. */
export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.imageref-${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
