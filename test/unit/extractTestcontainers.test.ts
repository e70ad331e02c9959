import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeReference } from '../../server/src/service/analysis';
import { extractTestcontainers } from '../../server/src/service/extract/testcontainers';
import { fileKindOf } from '../../server/src/service/fileKind';
import { pinEdits, type SpanEdit } from '../../server/src/service/fixes';
import type { ExtractionResult } from '../../server/src/service/types';
import { digestOf } from '../support/outcomes';
import { at, fixture } from '../support/text';

const TESTS = path.join('projects', 'petclinic-stack', 'src', 'test');

function rows(text: string, result: ExtractionResult) {
  return result.references.map((r) => [r.context, r.role, r.text, at(text, r.span), r.editable, r.via?.name]);
}

function apply(text: string, edits: SpanEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

describe('Testcontainers in Java, Kotlin and Groovy sources', () => {
  it('a Spring Boot test configuration: parse (statically imported too), constants, withTag, module containers, asCompatibleSubstituteFor', () => {
    const text = fixture(TESTS, 'java/org/springframework/samples/petclinic/TestcontainersConfiguration.java');
    assert.deepEqual(rows(text, extractTestcontainers(text, 'java')), [
      ['testcontainers DockerImageName.parse', 'base', 'ghcr.io/petclinic/postgres-postgis:16', 'ghcr.io/petclinic/postgres-postgis:16', true, undefined],
      ['testcontainers asCompatibleSubstituteFor', 'target', 'postgres', 'postgres', true, undefined],
      ['testcontainers DockerImageName.parse', 'base', 'postgres:16.4', 'postgres:16.4', true, undefined],
      ['testcontainers new MySQLContainer', 'base', 'mysql:9.2', 'mysql:9.2', true, 'MYSQL_IMAGE'],
      ['testcontainers DockerImageName.parse', 'base', 'apache/kafka:3.8.0', 'apache/kafka', false, undefined],
      ['testcontainers new GenericContainer', 'base', 'redis:latest', 'redis:latest', true, undefined],
      ['testcontainers DockerImageName.parse', 'base', 'https://docker.io/axllent/mailpit:v1.20', 'https://docker.io/axllent/mailpit:v1.20', true, undefined],
    ]);
  });

  it('Kotlin: const val, nested comments and raw strings are not references, templates are never guessed', () => {
    const text = fixture(TESTS, 'kotlin/petclinic/OwnerRepositoryTests.kt');
    const found = rows(text, extractTestcontainers(text, 'kotlin'));
    assert.deepEqual(found.map((r) => [r[0], r[2], r[5]]), [
      ['testcontainers new PostgreSQLContainer', 'postgres:16-alpine', 'POSTGRES'],
      ['testcontainers DockerImageName.parse', `redis:7.4@sha256:${'a'.repeat(64)}`, undefined],
    ]);
  });

  it('Groovy (Spock): single-quoted literals, static final constants, triple-quoted strings skipped', () => {
    const text = fixture(TESTS, 'groovy/petclinic/VetControllerSpec.groovy');
    assert.deepEqual(rows(text, extractTestcontainers(text, 'groovy')).map((r) => [r[0], r[2]]), [
      ['testcontainers new PostgreSQLContainer', 'postgres'],
      ['testcontainers new GenericContainer', 'nginx:1.27'],
    ]);
  });

  it('reads nothing in a source that does not mention testcontainers, nor declarations and annotations', () => {
    assert.deepEqual(extractTestcontainers('class A { GenericContainer c = new GenericContainer<>("redis:7"); }', 'java').references, []);
    const text = 'import org.testcontainers.containers.*;\nclass PostgresContainer(image: String) : PostgreSQLContainer<PostgresContainer>("postgres:16")\n' +
      '@Container val x = 1\nfun RedisContainer(): Any = TODO()\nval y = GenericContainer<Nothing>(image())\nval z = GenericContainer<Nothing>("a" + "b")\n';
    assert.deepEqual(extractTestcontainers(text, 'kotlin').references.map((r) => r.text), ['postgres:16']);
  });

  it('a name given two values is not guessed; one given the same value twice is', () => {
    const text = 'import org.testcontainers.containers.*;\nclass T {\n void a() { String image = "redis:7"; new GenericContainer<>(image); }\n' +
      ' void b() { String image = "redis:6"; new GenericContainer<>(image); }\n}\n';
    assert.deepEqual(extractTestcontainers(text, 'java').references, []);
  });

  it('pins digest-only with the tag in a // comment (DockerImageName rejects repo:tag@digest)', () => {
    const text = 'import org.testcontainers.containers.*;\nclass T {\n  static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:16.4");\n}\n';
    const reference = analyzeReference(extractTestcontainers(text, 'java').references[0]);
    const D = digestOf('b');
    assert.equal(apply(text, pinEdits(reference, D, 'auto', text)).split('\n')[2], `  static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres@${D}"); // tag: 16.4`);
  });

  it('keeps a 5,000-line test class fast', () => {
    const method = (i: number) => `  @Bean\n  GenericContainer<?> c${i}() {\n    // new GenericContainer<>("commented:${i}")\n    return new GenericContainer<>("redis:7.${i}")` +
      `.withExposedPorts(6379);\n  }\n\n`;
    let text = 'import org.testcontainers.containers.GenericContainer;\n\nclass Big {\n';
    let methods = 0;
    while (text.split('\n').length < 5000) text += method(methods++);
    text += '}\n';
    const started = performance.now();
    const found = extractTestcontainers(text, 'java').references;
    const ms = performance.now() - started;
    assert.equal(found.length, methods, 'one reference per method, none from the comments');
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });

  it('file kinds by extension', () => {
    assert.equal(fileKindOf('file:///w/src/test/java/a/AppTests.java'), 'java');
    assert.equal(fileKindOf('AppTests.kt'), 'kotlin');
    assert.equal(fileKindOf('AppSpec.groovy'), 'groovy');
    assert.equal(fileKindOf('java'), undefined);
  });
});
