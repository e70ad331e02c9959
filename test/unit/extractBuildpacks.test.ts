import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildpackImage } from '../../server/src/service/extract/buildpackReference';
import { extractGradle } from '../../server/src/service/extract/gradle';
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

describe('Gradle: Spring Boot buildpacks and the bmuschko Docker plugin', () => {
  const rows = (name: string) => {
    const text = fixture('gradle', name);
    const document = TextDocument.create(`file:///p/${name}`, 'groovy', 1, text);
    const dialect = name.endsWith('.kts') ? 'kotlin' : 'groovy';
    return extractGradle(text, dialect).references.map((r) => {
      const start = document.positionAt(r.span.start);
      return [r.text, r.role, r.context, start.line, start.character, document.positionAt(r.span.end).character, r.editable];
    });
  };

  it('Groovy bootBuildImage buildpacks = [...]: only the image entries', () => {
    assert.deepEqual(rows('spring-boot-buildpacks.gradle'), [
      ['paketobuildpacks/new-relic:latest', 'base', 'spring-boot buildpack', 5, 102, 135, true],
    ]);
  });

  it('Groovy: Dockerfile task from (also Dockerfile.From), DockerBuildImage images.add, docker { springBootApplication }', () => {
    assert.deepEqual(rows('bmuschko.gradle'), [
      ['eclipse-temurin:21-jre-alpine', 'base', 'bmuschko Dockerfile from', 11, 10, 39, true],
      ['registry.example.com/shop/orders:${version}', 'target', 'bmuschko DockerBuildImage images', 18, 16, 43, false],
      ['registry.example.com/shop/orders:latest', 'target', 'bmuschko DockerBuildImage images', 19, 16, 55, true],
      ['gradle:8.10-jdk21', 'base', 'bmuschko Dockerfile from', 23, 30, 47, true],
      ['eclipse-temurin:17-jre', 'base', 'bmuschko docker baseImage', 28, 21, 43, true],
      ['registry.example.com/shop/api:1.0', 'target', 'bmuschko docker images', 29, 19, 52, true],
      ['registry.example.com/shop/api:latest', 'target', 'bmuschko docker images', 29, 56, 92, true],
    ]);
  });

  it('Kotlin: tasks.creating(Dockerfile::class), tasks.create(…, DockerBuildImage::class) images.set(listOf(…)), buildpacks.set(listOf(…))', () => {
    assert.deepEqual(rows('bmuschko.gradle.kts'), [
      ['ubuntu:24.04', 'base', 'bmuschko Dockerfile from', 10, 10, 22, true],
      ['ghcr.io/acme/relay:1.2.0', 'target', 'bmuschko DockerBuildImage images', 15, 23, 47, true],
      ['ghcr.io/acme/relay:latest', 'target', 'bmuschko DockerBuildImage images', 15, 51, 76, true],
      ['paketobuildpacks/builder-jammy-base:0.4.300', 'base', 'spring-boot builder', 19, 17, 60, true],
      ['gcr.io/paketo-buildpacks/opentelemetry:2.9.0', 'base', 'spring-boot buildpack', 20, 78, 122, true],
    ]);
  });

  it('DockerBuildImage tags.add(…) (the plugin before version 6) and tasks.registering(DockerBuildImage::class)', () => {
    const text = 'val dockerBuild by tasks.registering(DockerBuildImage::class) {\n    inputDir.set(file("docker"))\n    tags.add("nemerosa/ontrack:latest")\n}\n';
    assert.deepEqual(extractGradle(text, 'kotlin').references.map((r) => [r.text, r.role, text.slice(r.span.start, r.span.end)]), [
      ['nemerosa/ontrack:latest', 'target', 'nemerosa/ontrack:latest'],
    ]);
  });
});
