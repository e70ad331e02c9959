/** Helpers the extractor and service tests share: fixture files and spans of text. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Span } from '../../server/src/service/types';

/** test/fixtures, from the compiled test (out/test/support) or the source. */
export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/** The text of `test/fixtures/<folder>/<name>`. */
export function fixture(folder: string, name: string, encoding: BufferEncoding = 'utf8'): string {
  return readFileSync(path.join(FIXTURES, folder, name), encoding);
}

/** The text a span covers. */
export function at(text: string, span: Span): string;
export function at(text: string, span: Span | undefined): string | undefined;
export function at(text: string, span: Span | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

/**
 * The span of `needle` in `text`: its first occurrence, its `after`-th (0-based) when `after` is a number, or the
 * first after the marker text `after`.
 */
export function spanOf(text: string, needle: string, after: number | string = 0): Span {
  let start: number;
  if (typeof after === 'string') {
    const from = text.indexOf(after);
    assert.ok(from >= 0, `marker ${after} not in text`);
    start = text.indexOf(needle, from);
  } else {
    start = -1;
    for (let i = 0; i <= after; i++) start = text.indexOf(needle, start + 1);
  }
  assert.ok(start >= 0, `${needle} not found`);
  return { start, end: start + needle.length };
}
