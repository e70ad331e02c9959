import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractMaven } from '../../server/src/service/extract/maven';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { fixture } from '../support/text';

const TEXT = fixture('maven', 'fabric8-properties.pom.xml');

const rows = (text: string, context?: Parameters<typeof extractMaven>[1]) => {
  const document = TextDocument.create('file:///p/pom.xml', 'xml', 1, text);
  return extractMaven(text, context).references.map((r) => {
    const start = document.positionAt(r.span.start);
    const end = document.positionAt(r.span.end);
    return [r.text, r.role, r.context, start.line, start.character, end.character, r.editable];
  });
};

describe('fabric8 docker-maven-plugin: <external><type>properties</type>', () => {
  it('docker.from (in <properties> and in a profile) as base, docker.name as target, a <prefix> of its own', () => {
    assert.deepEqual(rows(TEXT), [
      ['eclipse-temurin:21-jre', 'base', 'fabric8 docker.from property', 10, 17, 39, true],
      ['gcr.io/distroless/java21-debian12:latest', 'base', 'fabric8 docker.from property', 19, 21, 61, true],
      ['registry.example.com/shop/orders:%l', 'target', 'fabric8 docker.name property', 9, 17, 50, false],
      // The `db` image configures no build: it is only run, so it is pulled.
      ['postgres:16.4', 'base', 'fabric8 db.name property (run)', 12, 13, 26, true],
    ]);
  });

  it('diagnostics land on the property definitions', () => {
    const document = TextDocument.create('file:///p/pom.xml', 'xml', 1, TEXT);
    const diagnostics = new ImagerefLanguageService({}).validate(document, DEFAULT_SETTINGS).diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['unpinned', 10, 17, 39],
      ['unpinned', 12, 13, 26],
      ['latest-tag', 19, 55, 61],
    ]);
  });

  it('values from a parent pom are reported at <type>properties</type>; no <external> means no property mode', () => {
    const child = '<project><build><plugins><plugin><groupId>io.fabric8</groupId><artifactId>docker-maven-plugin</artifactId>\n' +
      '<configuration><images><image><external><type>properties</type></external></image></images></configuration>\n' +
      '</plugin></plugins></build></project>\n';
    const externalProperties = new Map([['docker.from', 'alpine:3.20'], ['docker.name', 'app:1']]);
    assert.deepEqual(rows(child, { externalProperties }), [
      ['alpine:3.20', 'base', 'fabric8 docker.from property', 1, 46, 56, false],
      ['app:1', 'target', 'fabric8 docker.name property', 1, 46, 56, false],
    ]);
    const plain = child.replace('<external><type>properties</type></external>', '<name>x:1</name>');
    assert.deepEqual(rows(plain, { externalProperties }).map((r) => r[2]), ['fabric8 image.name (run)']);
  });
});
