import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

function diagnose(uri: string, text: string) {
  const document = TextDocument.create(uri, 'plaintext', 1, text);
  return new ImagerefLanguageService({}).validate(document, DEFAULT_SETTINGS).diagnostics
    .map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
}

describe('one actionable problem per reference', () => {
  it('a reference with scheme-prefix gets no unpinned, latest-tag or implicit-latest advice until it is fixed', () => {
    const text = 'FROM https://docker.io/library/eclipse-temurin\nFROM http://ghcr.io/org/app:latest\nFROM https://alpine:3.20\n';
    assert.deepEqual(diagnose('file:///p/Dockerfile', text), [
      ['scheme-prefix', 0, 5, 13],
      ['scheme-prefix', 1, 5, 12],
      ['scheme-prefix', 2, 5, 13],
    ]);
    // Once the scheme is gone, the advice comes.
    assert.deepEqual(diagnose('file:///p/Dockerfile', 'FROM docker.io/library/eclipse-temurin\n').map((d) => d[0]), ['implicit-latest']);
  });

  it('an invalid reference gets only its error', () => {
    const text = 'FROM Alpine:latest\nFROM alpine:3.20\n';
    const found = diagnose('file:///p/Dockerfile', text);
    assert.deepEqual(found.filter((d) => d[1] === 0).map((d) => d[0]), ['invalid-reference']);
    assert.deepEqual(found.filter((d) => d[1] === 1), [['unpinned', 1, 5, 16]], 'other references keep their advice');
  });

  it('in a pom: Jib from.image with a scheme', () => {
    const pom = '<project><build><plugins><plugin>\n<artifactId>jib-maven-plugin</artifactId>\n<configuration><from><image>https://gcr.io/distroless/java21:latest</image></from></configuration>\n</plugin></plugins></build></project>\n';
    assert.deepEqual(diagnose('file:///p/pom.xml', pom), [['scheme-prefix', 2, 28, 36]]);
  });
});
