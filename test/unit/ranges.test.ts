import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf } from '../../server/src/service/ranges';

/** rangeOf answers what TextDocument.positionAt answers (clamped), with its own line table for texts without `\r`. */
describe('rangeOf', () => {
  const expected = (document: TextDocument, start: number, end: number) => {
    const length = document.getText().length;
    const clamp = (n: number) => Math.max(0, Math.min(n, length));
    return { start: document.positionAt(clamp(start)), end: document.positionAt(clamp(Math.max(start, end))) };
  };

  function texts(): string[] {
    const fixed = ['', 'a', '\n', '\n\n', 'a\nb', 'ab\n', 'a\r\nb\rc\n', '\r', '\r\n', 'x\n\ny\n z', 'FROM a\nFROM b:1\n\nRUN x \\\n  y\n'];
    // Deterministic pseudo-random texts of letters, blanks and line breaks of every kind.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 200; t++) {
      let text = '';
      for (let i = 0; i < 40; i++) text += 'ab\n\r '[Math.floor(random() * (t % 2 ? 4 : 5)) % 5];
      fixed.push(t % 3 === 0 ? text.replace(/\r/g, '') : text);
    }
    return fixed;
  }

  it('gives TextDocument positions for every span, asked in order and out of order, on one document', () => {
    let cases = 0;
    for (const text of texts()) {
      const document = TextDocument.create('file:///x', 'dockerfile', 1, text);
      const reference = TextDocument.create('file:///y', 'dockerfile', 1, text);
      const offsets: number[] = [];
      for (let offset = -2; offset <= text.length + 2; offset++) offsets.push(offset);
      for (const start of [...offsets, ...offsets.reverse()]) {
        for (const length of [-1, 0, 1, 2, 5]) {
          assert.deepEqual(rangeOf(document, { start, end: start + length }), expected(reference, start, start + length), JSON.stringify({ text, start, length }));
          cases++;
        }
      }
    }
    assert.ok(cases > 50_000);
  });

  it('follows the document when its text changes', () => {
    const document = TextDocument.create('file:///x', 'dockerfile', 1, 'a\nb\nc\n');
    assert.deepEqual(rangeOf(document, { start: 4, end: 5 }).start, { line: 2, character: 0 });
    TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'zz\n' }], 2);
    assert.deepEqual(rangeOf(document, { start: 4, end: 5 }).start, expected(document, 4, 5).start);
    assert.deepEqual(rangeOf(document, { start: 4, end: 5 }).start, { line: 1, character: 1 });
    TextDocument.update(document, [{ text: 'x\r\ny\n' }], 3);
    assert.deepEqual(rangeOf(document, { start: 3, end: 4 }), expected(document, 3, 4));
  });
});
