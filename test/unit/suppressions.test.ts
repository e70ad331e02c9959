import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

function diagnosticsOf(name: string, text: string): Array<[string, number]> {
  const document = TextDocument.create(`file:///project/${name}`, 'plaintext', 1, text);
  return new ImagerefLanguageService({}).validate(document, DEFAULT_SETTINGS).diagnostics.map((d) => [String(d.code), d.range.start.line]);
}

describe('inline suppressions (imageref-ignore on the line above)', () => {
  it('Dockerfile: # imageref-ignore <codes>, several codes, or every code when none is given', () => {
    const text = [
      'FROM eclipse-temurin:21',                       // 0 unpinned
      '# imageref-ignore unpinned',
      'FROM eclipse-temurin:21 AS build',               // 2 silenced
      '#imageref-ignore latest-tag, implicit-latest',
      'FROM alpine',                                   // 4 silenced (implicit-latest)
      '  # imageref-ignore',
      'FROM https://ghcr.io/org/app:latest',             // 6 scheme-prefix + latest-tag: all silenced
      '# imageref-ignore latest-tag',
      'FROM ubuntu:22.04',                             // 8 unpinned: another code, still reported
      '# imageref-ignore unpinned',
      '',
      'FROM debian:12',                                // 11 not directly below: reported
      '# imageref-ignore-file',
      'FROM debian:12',                                // 13 not a directive: reported
      '# imageref-ignore unpinned',
      '# another comment',
      'FROM debian:12',                                // 16 reported
    ].join('\n');
    assert.deepEqual(diagnosticsOf('Dockerfile', text), [['unpinned', 0], ['unpinned', 8], ['unpinned', 11], ['unpinned', 13], ['unpinned', 16]]);
  });

  it('a global ARG used in FROM is silenced above the ARG, where it is reported', () => {
    const text = '# imageref-ignore unpinned\nARG BASE=eclipse-temurin:21\nFROM ${BASE}\nFROM ${BASE} AS two\n';
    assert.deepEqual(diagnosticsOf('Dockerfile', text), []);
    assert.deepEqual(diagnosticsOf('Dockerfile', text.replace('# imageref-ignore unpinned\n', '')), [['unpinned', 0]]);
  });

  it('pom.xml: <!-- imageref-ignore … --> above the <image> line', () => {
    const pom = `<project>
  <build>
    <plugins>
      <plugin>
        <groupId>com.google.cloud.tools</groupId>
        <artifactId>jib-maven-plugin</artifactId>
        <version>3.4.4</version>
        <configuration>
          <from>
            <!-- imageref-ignore unpinned -->
            <image>eclipse-temurin:21-jre</image>
          </from>
          <to>
            <!-- imageref-ignore -->
            <image>registry.example.com/app@sha256:${'c'.repeat(64)}</image>
          </to>
        </configuration>
      </plugin>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
        <configuration>
          <image>
            <!-- imageref-ignore latest-tag -->
            <runImage>paketobuildpacks/run-jammy-base:0.1</runImage>
          </image>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
`;
    assert.deepEqual(diagnosticsOf('pom.xml', pom), [['unpinned', 24]]);
    assert.deepEqual(diagnosticsOf('pom.xml', pom.replace(/<!-- imageref-ignore[^>]*-->/g, '<!-- x -->')).map(([c]) => c),
      ['unpinned', 'digest-on-target', 'unpinned']);
  });

  it('build.gradle and build.gradle.kts: // imageref-ignore … and /* imageref-ignore … */', () => {
    const groovy = "jib {\n  from {\n    // imageref-ignore unpinned\n    image = 'eclipse-temurin:21'\n  }\n  to {\n    image = 'registry.example.com/app:1'\n  }\n}\n" +
      "bootBuildImage {\n  /* imageref-ignore latest-tag */\n  runImage = 'paketobuildpacks/run:latest'\n}\n";
    assert.deepEqual(diagnosticsOf('build.gradle', groovy), []);
    const kotlin = 'jib {\n  from {\n    // imageref-ignore implicit-latest\n    image = "eclipse-temurin"\n  }\n}\n';
    assert.deepEqual(diagnosticsOf('build.gradle.kts', kotlin), []);
    assert.deepEqual(diagnosticsOf('build.gradle.kts', kotlin.replace('implicit-latest', 'unpinned')), [['implicit-latest', 3]]);
  });

  it('comment syntax is the file kind\'s: a # line does not silence a pom, a // line does not silence a Dockerfile', () => {
    assert.deepEqual(diagnosticsOf('Dockerfile', '// imageref-ignore\nFROM alpine\n').map(([c]) => c), ['implicit-latest']);
    const pom = '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from>\n# imageref-ignore\n<image>alpine</image></from></configuration></plugin></plugins></build></project>\n';
    assert.deepEqual(diagnosticsOf('pom.xml', pom).map(([c]) => c), ['implicit-latest']);
  });
});
