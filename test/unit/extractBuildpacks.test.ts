import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildpackImage } from '../../server/src/service/extract/buildpackReference';
import { extractMaven } from '../../server/src/service/extract/maven';
import { fixture } from '../support/text';

describe('Spring Boot buildpacks as base images', () => {
  it('tells buildpack images from builder ids, files and paths, as Spring Boot and pack resolve them', () => {
    const cases: Array<[string, string | undefined]> = [
      ['docker://paketobuildpacks/java', 'paketobuildpacks/java'],
      ['gcr.io/paketo-buildpacks/java', 'gcr.io/paketo-buildpacks/java'],
      ['paketobuildpacks/java:14.0.0', 'paketobuildpacks/java:14.0.0'],
      ['localhost:5000/bp/java', 'localhost:5000/bp/java'],
      ['paketobuildpacks/java@sha256:' + 'a'.repeat(64), 'paketobuildpacks/java@sha256:' + 'a'.repeat(64)],
      ['paketo-buildpacks/java', undefined], // a buildpack id in the builder comes first
      ['paketo-buildpacks/java@14.0.0', undefined], // id@version
      ['urn:cnb:builder:paketo-buildpacks/java', undefined],
      ['urn:cnb:registry:paketo-buildpacks/java@1.0.0', undefined],
      ['file:///tmp/buildpack.tgz', undefined],
      ['./buildpacks/custom', undefined],
      ['/opt/buildpacks/custom.tgz', undefined],
    ];
    assert.deepEqual(cases.map(([value]) => buildpackImage(value)?.text), cases.map(([, expected]) => expected));
  });

  it('Maven <image><buildpacks><buildpack>: docker:// stripped, properties followed, ids and files skipped', () => {
    const text = fixture('maven', 'spring-boot-buildpacks.pom.xml');
    const document = TextDocument.create('file:///p/pom.xml', 'xml', 1, text);
    const rows = extractMaven(text).references.map((r) => {
      const start = document.positionAt(r.span.start);
      return [r.text, r.role, r.tool, r.context, start.line, start.character, document.positionAt(r.span.end).character, r.editable];
    });
    assert.deepEqual(rows, [
      ['paketobuildpacks/builder-jammy-base:latest', 'base', 'spring-boot', 'spring-boot builder', 18, 21, 63, true],
      ['docker.io/paketobuildpacks/opentelemetry:2.9.0', 'base', 'spring-boot', 'spring-boot buildpack', 22, 34, 80, true],
      ['gcr.io/paketo-buildpacks/appdynamics:5.2.0', 'base', 'spring-boot', 'spring-boot buildpack', 8, 27, 69, true],
    ]);
  });
});
