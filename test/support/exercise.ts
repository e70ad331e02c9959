/**
 * Runs one document through everything the language service offers — validate, resolve, validate again, hover, every
 * code action — and checks what must hold for any input: bounded time, ranges inside the document, and quick fixes
 * that edit only the reference they fix (plus the tag comment a digest-only pin writes next to it).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Position, Range } from 'vscode-languageserver-types';
import type { ImagerefLanguageService } from '../../server/src/service/languageService';
import type { ImagerefSettings } from '../../server/src/service/settings';
import type { FileKind, Span } from '../../server/src/service/types';

export interface Exercised {
  diagnostics: Diagnostic[];
  actions: CodeAction[];
  /** Edits checked, over all actions. */
  edits: number;
  /** validate + resolve + validate, in ms. */
  validateMs: number;
  totalMs: number;
}

export function assertRangeInside(document: TextDocument, range: Range, what: string): void {
  const lines = document.lineCount;
  const inside = (p: Position) => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= lines) return false;
    const lineStart = document.offsetAt({ line: p.line, character: 0 });
    const nextLine = p.line + 1 < lines ? document.offsetAt({ line: p.line + 1, character: 0 }) : document.getText().length;
    return lineStart + p.character <= nextLine;
  };
  assert.ok(inside(range.start) && inside(range.end), `${what}: range ${JSON.stringify(range)} outside the document (${lines} lines)`);
  assert.ok(document.offsetAt(range.start) <= document.offsetAt(range.end), `${what}: range ${JSON.stringify(range)} ends before it starts`);
}

const TAG_COMMENT = /^ (<!-- tag: [^>]*-->|\/\/ tag: [^\r\n]*|# tag: [^\r\n]*)$/;
const YAML_KINDS: readonly FileKind[] = ['compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'skaffold', 'quarkus-yaml'];
const BY_CONTENT: readonly FileKind[] = ['kubernetes', 'quarkus-properties', 'quarkus-yaml'];

/** Checks one action's edits against the reference spans; returns how many edits it had. */
export function assertActionStaysInside(document: TextDocument, kind: FileKind, spans: Span[], action: CodeAction, targets: Span[]): number {
  const uri = document.uri;
  const text = document.getText();
  const changes = action.edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes).filter((u) => u !== uri), [], `${action.title}: edits another document`);
  const edits = (changes[uri] ?? []).map((e) => {
    assertRangeInside(document, e.range, `${action.title} edit`);
    return { start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText };
  }).sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) {
    assert.ok(edits[i].start >= edits[i - 1].end, `${action.title}: overlapping edits ${JSON.stringify(edits)}`);
  }
  for (const edit of edits) {
    const old = text.slice(edit.start, edit.end);
    const where = `${action.title}: replaces ${JSON.stringify(old)} with ${JSON.stringify(edit.newText)} at ${edit.start}`;
    assert.ok(!/[\r\n]/.test(edit.newText), `${where}: a fix never adds a line`);
    if (targets.some((s) => s.start <= edit.start && edit.end <= s.end)) continue;
    // Otherwise it must be the tag comment of a digest-only pin: an insertion, or the replacement of an earlier tag
    // comment that directly follows the reference (after its closing quote/parenthesis, or its closing element).
    assert.ok(TAG_COMMENT.test(edit.newText), `${where}: outside the reference it fixes`);
    if (old === '') continue;
    const yaml = YAML_KINDS.includes(kind);
    assert.match(old, kind === 'maven' ? /^ ?<!-- tag: [^>]*-->$/ : yaml ? /^ *# tag: [^\r\n]*$/ : /^ *\/\/ tag: [^\r\n]*$/, `${where}: deletes text that is not a tag comment`);
    const before = spans.filter((s) => s.end <= edit.start).sort((a, b) => b.end - a.end)[0];
    assert.ok(before, `${where}: no reference before the replaced comment`);
    const between = text.slice(before.end, edit.start);
    const adjacent = kind === 'maven' ? /^<\/[^<>]*>$/.test(between) || /^[^<>]*<\/[^<>]*>$/.test(between) : /^["')]*$/.test(between);
    assert.ok(adjacent, `${where}: the replaced comment is not next to the reference (${JSON.stringify(between)} in between)`);
  }
  // Apply the edits: everything outside them is unchanged by construction, and the result is a document again.
  let result = '';
  let at = 0;
  for (const edit of edits) {
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  result += text.slice(at);
  assert.equal(result.length - text.length, edits.reduce((n, e) => n + e.newText.length - (e.end - e.start), 0));
  return edits.length;
}

export async function exerciseDocument(
  service: ImagerefLanguageService,
  settings: ImagerefSettings,
  uri: string,
  kind: FileKind,
  text: string,
  options: { hoverOffsets?: number[]; boundMs?: number } = {},
): Promise<Exercised> {
  const document = TextDocument.create(uri, 'plaintext', 1, text);
  const started = performance.now();
  const first = service.validate(document, settings);
  await service.resolve(first.pending, settings);
  const { diagnostics, pending } = service.validate(document, settings);
  const validateMs = performance.now() - started;
  assert.ok(validateMs < (options.boundMs ?? 2000), `validate took ${validateMs.toFixed(0)} ms`);
  assert.deepEqual(pending, [], 'every lookup was answered');
  for (const d of diagnostics) {
    assertRangeInside(document, d.range, `diagnostic ${d.code}`);
    assert.equal(d.source, 'imageref');
    assert.ok(typeof d.message === 'string' && d.message.length > 0);
  }
  const analysis = service.analysisOf(document);
  // A mutated manifest or Quarkus configuration may have lost what says what it is (`apiVersion:`, `quarkus.`): it is
  // then no longer read, and has no diagnostics.
  if (!analysis && BY_CONTENT.includes(kind) && diagnostics.length === 0) return { diagnostics, actions: [], edits: 0, validateMs, totalMs: performance.now() - started };
  assert.ok(analysis, 'a supported document has an analysis');
  const spans = analysis.references.map((r) => r.ref.span);
  for (const span of spans) assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `reference span ${JSON.stringify(span)}`);

  const full = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const actions = await service.codeActions(document, full, diagnostics, settings);
  let edits = 0;
  for (const action of actions) {
    const fixed = action.diagnostics?.map((d) => ({ start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end) }));
    // A quick fix edits the reference its diagnostic is on; "pin all" may edit any reference.
    const targets = fixed ? spans.filter((s) => fixed.some((f) => s.start <= f.start && f.end <= s.end)) : spans;
    edits += assertActionStaysInside(document, kind, spans, action, targets);
  }

  const offsets = [...(options.hoverOffsets ?? []), ...spans.flatMap((s) => [s.start, (s.start + s.end) >> 1, s.end])];
  for (const offset of offsets) {
    const position = document.positionAt(Math.max(0, Math.min(text.length, offset)));
    const hover = await service.hover(document, position, settings);
    if (!hover) continue;
    if (hover.range) assertRangeInside(document, hover.range, 'hover');
    const value = (hover.contents as { value?: string }).value;
    assert.ok(typeof value === 'string' && value.length > 0, 'hover has markdown');
  }
  return { diagnostics, actions, edits, validateMs, totalMs: performance.now() - started };
}
