import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf, rangesOf } from '../../server/src/service/ranges';

/** rangeOf and rangesOf answer what TextDocument.positionAt answers (clamped); rangesOf with its own line table. */
describe('rangeOf, rangesOf', () => {
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

  it('give TextDocument positions for every span, asked in order and out of order', () => {
    let cases = 0;
    for (const text of texts()) {
      const document = TextDocument.create('file:///x', 'dockerfile', 1, text);
      const reference = TextDocument.create('file:///y', 'dockerfile', 1, text);
      const many = rangesOf(document);
      const offsets: number[] = [];
      for (let offset = -2; offset <= text.length + 2; offset++) offsets.push(offset);
      for (const start of [...offsets, ...offsets.reverse()]) {
        for (const length of [-1, 0, 1, 2, 5]) {
          const span = { start, end: start + length };
          const want = expected(reference, start, start + length);
          assert.deepEqual(many(span), want, JSON.stringify({ text, start, length }));
          assert.deepEqual(rangeOf(document, span), want, JSON.stringify({ text, start, length }));
          cases++;
        }
      }
    }
    assert.ok(cases > 50_000);
  });

  it('rangesOf jumps back and forth on a long text', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    const document = TextDocument.create('file:///x', 'dockerfile', 1, text);
    const many = rangesOf(document);
    for (const offset of [text.length, 0, 15_000, 14_990, 15_010, 7, text.length - 3, 1]) {
      assert.deepEqual(many({ start: offset, end: offset + 3 }), expected(document, offset, offset + 3), String(offset));
    }
  });
});
