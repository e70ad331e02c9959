import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { MAX_ANALYZED_CHARACTERS } from '../../server/src/service/analysis';
import { CLI, LspTestClient } from '../support/lspClient';

const DIGEST = 'sha256:' + 'a'.repeat(64);
const SEEDS: Record<string, { uri: string; text: string }> = {
  dockerfile: {
    uri: 'file:///m/Dockerfile',
    text: `# syntax=docker/dockerfile:1\nARG BASE=https://ghcr.io/Org/App:1\nFROM \${BASE} AS b\nFROM alpine:3@${DIGEST}\nRUN <<EOF\nFROM x\nEOF\nCOPY --from=busybox /a /b\n`,
  },
  maven: {
    uri: 'file:///m/pom.xml',
    text: `<project><properties><b>eclipse-temurin:17@${DIGEST}</b></properties><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>\${b}</image></from><to><image>reg.io/a@${DIGEST}</image></to></configuration></plugin></plugins></build></project>\n`,
  },
  groovy: {
    uri: 'file:///m/build.gradle',
    text: `def base = 'https://ghcr.io/o/a:1'\n/* c */ jib { from { image = base } ; to { image = "reg.io/a:\${version}" } }\nbootBuildImage { runImage = 'paketo/run' }\n`,
  },
  kotlin: {
    uri: 'file:///m/build.gradle.kts',
    text: `val b by extra("alpine:latest")\njib {\n  from { image = b }\n  to { image = "reg.io/App@${DIGEST}" } // """\n}\n`,
  },
};

const service = new ImagerefLanguageService({});
const settings = { ...DEFAULT_SETTINGS, offline: true };
const noRegistry = async () => undefined;

function check(uri: string, text: string): { diagnostics: Diagnostic[]; ms: number } {
  const document = TextDocument.create(uri, 'plaintext', 1, text);
  const started = performance.now();
  const { diagnostics } = service.validate(document, settings);
  const ms = performance.now() - started;
  const end = document.positionAt(text.length);
  for (const d of diagnostics) {
    const inside = (p: { line: number; character: number }) => p.line < end.line || (p.line === end.line && p.character <= end.character);
    assert.ok(inside(d.range.start) && inside(d.range.end), `range outside the document: ${JSON.stringify(d.range)}`);
    assert.ok(document.offsetAt(d.range.start) <= document.offsetAt(d.range.end));
  }
  return { diagnostics, ms };
}

/** Apply every quick fix offered: the text outside the edited reference must be unchanged. */
async function fixesStayInside(uri: string, text: string, diagnostics: Diagnostic[]): Promise<void> {
  const document = TextDocument.create(uri, 'plaintext', 1, text);
  const full = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const actions: CodeAction[] = await service.codeActions(document, full, diagnostics, settings);
  const analysis = service.analysisOf(document)!;
  for (const action of actions) {
    for (const edit of action.edit?.changes?.[uri] ?? ([] as TextEdit[])) {
      const start = document.offsetAt(edit.range.start);
      const end = document.offsetAt(edit.range.end);
      const owner = analysis.references.find((r) => r.ref.span.start <= start && end <= r.ref.span.end);
      const tagComment = /^ (<!-- tag: .* -->|\/\/ tag: .*)$/.test(edit.newText) && start === end;
      assert.ok(owner || tagComment, `${action.title} edits ${JSON.stringify(text.slice(start, end))} outside any reference`);
    }
  }
  void noRegistry;
}

describe('bad input: mutated build files in every kind', function () {
  this.timeout(120000);

  for (const [kind, seed] of Object.entries(SEEDS)) {
    it(`${kind}: random edits, truncations and binary bytes — bounded time, ranges inside, fixes stay inside`, async () => {
      const mutation = fc.oneof(
        fc.tuple(fc.nat(seed.text.length), fc.nat(30), fc.string({ maxLength: 20 })).map(([at, cut, insert]) => seed.text.slice(0, at) + insert + seed.text.slice(at + cut)),
        fc.nat(seed.text.length).map((at) => seed.text.slice(0, at)),
        fc.tuple(fc.nat(seed.text.length), fc.uint8Array({ minLength: 1, maxLength: 40 })).map(([at, bytes]) => seed.text.slice(0, at) + Buffer.from(bytes).toString('latin1') + seed.text.slice(at)),
        fc.constantFrom('"', "'", '"""', "'''", '/*', '<!--', '<![CDATA[', '${', '\\', '<<EOF').map((open) => seed.text + open),
      );
      await fc.assert(fc.asyncProperty(mutation, async (text) => {
        const { diagnostics, ms } = check(seed.uri, text);
        assert.ok(ms < 2000, `${ms} ms`);
        await fixesStayInside(seed.uri, text, diagnostics);
      }), { numRuns: 300 });
    });
  }

  it('50 MB files of each kind are refused at once, files near the limit return within a bound; deeply nested XML and braces do not blow the stack', () => {
    const big: Array<[string, string]> = [
      ['file:///big/Dockerfile', 'FROM alpine:3.20\nRUN echo x\n'.repeat(1_900_000)],
      ['file:///big/pom.xml', '<project>' + '<a>x</a>'.repeat(6_500_000) + '</project>'],
      ['file:///big/build.gradle', 'def x = "y" // z\n'.repeat(2_900_000)],
      ['file:///big/build.gradle.kts', '"'.repeat(50 * 1024 * 1024)],
      ['file:///deep/pom.xml', '<a>'.repeat(200_000) + 'x'],
      ['file:///deep/build.gradle', 'jib {'.repeat(200_000)],
      ['file:///near-limit/Dockerfile', 'FROM alpine:3.20\nRUN echo x\n'.repeat(140_000)],
      ['file:///near-limit/pom.xml', '<project>' + '<a>x</a>'.repeat(480_000) + '</project>'],
      ['file:///near-limit/build.gradle', 'def x = "y" // z\n'.repeat(220_000)],
    ];
    for (const [uri, text] of big) {
      const { ms, diagnostics } = check(uri, text);
      if (text.length > MAX_ANALYZED_CHARACTERS) assert.match(diagnostics[0].message as string, /does not analyze files this large/);
      assert.ok(ms < 10000, `${uri}: ${ms.toFixed(0)} ms`);
      console.log(`      ${uri} (${(text.length / 1048576).toFixed(0)} MB): ${ms.toFixed(0)} ms`);
    }
  });

  it('the LSP server stays up after hostile documents and still answers', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize({ settings: { offline: true } });
      const hostile = ['<'.repeat(100000), '\u0000\uffff'.repeat(5000), 'FROM ' + 'a'.repeat(300000), 'jib {'.repeat(50000)];
      for (const [i, text] of hostile.entries()) {
        for (const name of ['Dockerfile', 'pom.xml', 'build.gradle']) await client.open(`file:///h${i}/${name}`, text, 'plaintext');
      }
      await client.open('file:///ok/Dockerfile', 'FROM alpine\n', 'dockerfile');
      const diagnostics = await client.diagnostics('file:///ok/Dockerfile', () => true, 60000);
      assert.deepEqual(diagnostics.map((d) => d.code), ['implicit-latest']);
      const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri: 'file:///h0/pom.xml' }, position: { line: 0, character: 5 } });
      assert.equal(hover, null);
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.stop();
    }
  });

  it('the CLI prints one clear line for unreadable input, never a stack trace', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-bad-'));
    writeFileSync(path.join(dir, 'pom.xml'), Buffer.concat([Buffer.from('<project>'), Buffer.alloc(64, 0)]));
    writeFileSync(path.join(dir, 'Dockerfile'), Buffer.alloc(51 * 1024 * 1024, 0x41));
    for (const file of ['pom.xml', 'Dockerfile']) {
      const r = spawnSync(process.execPath, [CLI, 'check', '--offline', file], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^imageref: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
});
