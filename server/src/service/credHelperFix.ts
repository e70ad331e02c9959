/**
 * The quick fix of `credentials-mismatch`: set Jib's credential helper for the image whose reference it is, in the
 * `from` (or `to`) section that holds the reference: Maven `<credHelper>`, Gradle Groovy `credHelper = '…'`, Gradle
 * Kotlin `setCredHelper("…")` (the String setter every Jib version has; `credHelper` is an object since Jib 3.2).
 */
import type { AnalyzedReference } from './analysis';
import type { SpanEdit } from './fixes';

export function setCredHelperEdit(reference: AnalyzedReference, helper: string, text: string): SpanEdit | undefined {
  if (!reference.ref.editable || !/^[\w.@/:-]+$/.test(helper)) return undefined;
  const { start, end } = reference.ref.span;
  switch (reference.ref.fileKind) {
    case 'maven':
      return mavenEdit(text, start, end, helper);
    case 'gradle-groovy':
    case 'gradle-kotlin':
      return gradleEdit(text, start, end, helper, reference.ref.fileKind === 'gradle-kotlin');
    default:
      return undefined;
  }
}

function mavenEdit(text: string, start: number, end: number, helper: string): SpanEdit | undefined {
  const section = ['from', 'to']
    .map((name) => ({ name, open: text.lastIndexOf(`<${name}>`, start) }))
    .filter((s) => s.open >= 0)
    .sort((a, b) => b.open - a.open)[0];
  if (!section) return undefined;
  const close = text.indexOf(`</${section.name}>`, end);
  if (close < 0) return undefined;
  const inner = text.slice(section.open, close);
  const existing = /<credHelper>(\s*<helper>)?([^<]*)</.exec(inner);
  if (existing) {
    const valueStart = section.open + existing.index + existing[0].length - 1 - existing[2].length;
    return { span: { start: valueStart, end: valueStart + existing[2].length }, newText: helper };
  }
  const imageClose = text.indexOf('</image>', end);
  if (imageClose < 0 || imageClose > close) return undefined;
  const at = imageClose + '</image>'.length;
  return { span: { start: at, end: at }, newText: `${lineBreakAndIndent(text, start)}<credHelper>${helper}</credHelper>` };
}

function gradleEdit(text: string, start: number, end: number, helper: string, kotlin: boolean): SpanEdit | undefined {
  const block = enclosingBlock(text, start);
  if (!block) return undefined;
  const inner = text.slice(block.open, block.close);
  const existing = /\b(?:credHelper(?:\.helper)?\s*=\s*|setCredHelper\s*\(\s*)(["'])([^"'\n]*)\1/.exec(inner);
  if (existing) {
    const valueStart = block.open + existing.index + existing[0].length - 1 - existing[2].length;
    return { span: { start: valueStart, end: valueStart + existing[2].length }, newText: helper };
  }
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0 || lineEnd > block.close) return undefined;
  const at = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  const statement = kotlin ? `setCredHelper("${helper}")` : `credHelper = '${helper}'`;
  return { span: { start: at, end: at }, newText: `${lineBreakAndIndent(text, start)}${statement}` };
}

/** The `from { … }` or `to { … }` block around `offset`: the offsets just inside its braces. */
function enclosingBlock(text: string, offset: number): { open: number; close: number } | undefined {
  const before = text.slice(0, offset);
  const opens = [...before.matchAll(/\b(?:from|to)\s*\{/g)];
  for (const match of opens.reverse()) {
    const open = match.index + match[0].length;
    const close = matchingBrace(text, open);
    if (close !== undefined && close > offset) return { open, close };
  }
  return undefined;
}

function matchingBrace(text: string, from: number): number | undefined {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const endQuote = text.indexOf(c, i + 1);
      if (endQuote < 0) return undefined;
      i = endQuote;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return undefined;
}

/** A line break and the indentation of the line holding `offset` (the reference's own line). */
function lineBreakAndIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  return `${text.includes('\r\n') ? '\r\n' : '\n'}${indent}`;
}
