import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { extractGradle, readGradleProperties } from '../../server/src/service/extract/gradle';
import type { ExtractedReference } from '../../server/src/service/types';
import { fixture, at, spanOf } from '../support/text';

function extract(text: string, properties?: Record<string, string>): ExtractedReference[] {
  const externalProperties = properties ? new Map(Object.entries(properties)) : undefined;
  return extractGradle(text, 'kotlin', { externalProperties }).references;
}

describe('gradle extractor: Kotlin DSL', () => {
  it('reads the ktor example: val by extra(…), platforms, "$registry/…:$version"', () => {
    const text = fixture('gradle', 'ktor.gradle.kts');
    const [from, to, ...rest] = extract(text);
    assert.equal(rest.length, 0);
    assert.deepEqual([from.text, at(text, from.span), from.editable, from.role], ['eclipse-temurin:17-jre', 'eclipse-temurin:17-jre', true, 'base']);
    assert.deepEqual(from.span, spanOf(text, 'eclipse-temurin:17-jre'));
    assert.deepEqual(from.via, { name: 'baseImage', usedAt: spanOf(text, 'baseImage', 1) });
    assert.deepEqual(from.platforms, [{ os: 'linux', architecture: 'arm64' }]);
    assert.equal(from.platformsExplicit, true);
    assert.equal(from.fileKind, 'gradle-kotlin');
    assert.deepEqual([to.text, at(text, to.span), to.editable, to.unresolved], ['registry.example.com/team/ktor-app:1', '$registry/ktor-app:$version', false, false]);
  });

  it('reads tasks.named<BootBuildImage> with .set(…), = and ${property from gradle.properties}', () => {
    const properties = readGradleProperties(fixture('gradle', 'gradle.properties'));
    const text = fixture('gradle', 'spring-boot.gradle.kts');
    const [builder, run, name, ...rest] = extractGradle(text, 'kotlin', { externalProperties: properties }).references;
    assert.equal(rest.length, 0);
    assert.deepEqual([builder.text, at(text, builder.span), builder.editable, builder.context], ['paketobuildpacks/builder-jammy-base:latest', 'paketobuildpacks/builder-jammy-base:latest', true, 'spring-boot builder']);
    assert.deepEqual([run.text, at(text, run.span), run.editable, run.unresolved], ['paketobuildpacks/run-jammy-base:0.1.99', 'paketobuildpacks/run-jammy-base:${runImageTag}', false, false]);
    assert.deepEqual(run.via, { name: 'runImageTag', usedAt: spanOf(text, '${runImageTag}') });
    assert.deepEqual([name.role, name.unresolved, name.text], ['target', true, 'docker.example.com/library/${project.name}']);
    for (const ref of [builder, run, name]) {
      assert.deepEqual(ref.platforms, [{ os: 'linux', architecture: 'arm64' }]);
      assert.equal(ref.platformsExplicit, true);
    }
  });

  it('reads image.set("…") and image = "…" in jib blocks', () => {
    const text = `jib {\n    from {\n        image.set("eclipse-temurin:21-jre")\n    }\n    to {\n        image = "ghcr.io/acme/app"\n    }\n}`;
    const [from, to] = extract(text);
    assert.deepEqual([from.text, at(text, from.span), from.role, from.platforms, from.platformsExplicit], ['eclipse-temurin:21-jre', 'eclipse-temurin:21-jre', 'base', [{ os: 'linux', architecture: 'amd64' }], false]);
    assert.deepEqual([to.text, at(text, to.span), to.role], ['ghcr.io/acme/app', 'ghcr.io/acme/app', 'target']);
  });

  it('resolves val x = "…" and extra["x"] = "…" at their literals', () => {
    const text = `val base = "eclipse-temurin:21"\nextra["target"] = "example.com/app"\njib {\n  from.image = "\${base}"\n  to.image = extra["target"] as String\n}`;
    const [from, to] = extract(text);
    assert.deepEqual([from.text, from.editable, from.span], ['eclipse-temurin:21', true, spanOf(text, 'eclipse-temurin:21')]);
    assert.deepEqual(from.via, { name: 'base', usedAt: spanOf(text, '${base}') });
    assert.deepEqual([to.text, to.editable, to.span], ['example.com/app', true, spanOf(text, 'example.com/app')]);
    assert.deepEqual(to.via, { name: 'target', usedAt: spanOf(text, 'extra["target"] as String') });
  });

  it('resolves extra.set("x", …) and `val x: String by extra`', () => {
    const text = `extra.set("runImg", "paketobuildpacks/run:base")\nval runImg: String by extra\ntasks.bootBuildImage { runImage.set(runImg) }`;
    const [ref] = extract(text);
    assert.deepEqual([ref.text, ref.span, ref.editable, ref.context], ['paketobuildpacks/run:base', spanOf(text, 'paketobuildpacks/run:base'), true, 'spring-boot runImage']);
    assert.deepEqual(ref.via, { name: 'runImg', usedAt: spanOf(text, 'runImg', 2) });
  });

  it('reads `val x: String by project` from external properties, reported at the use site', () => {
    const properties = readGradleProperties(fixture('gradle', 'gradle.properties'));
    const text = fixture('gradle', 'from-properties.gradle.kts');
    const [from, to] = extractGradle(text, 'kotlin', { externalProperties: properties }).references;
    assert.deepEqual([from.text, at(text, from.span), from.editable, from.unresolved], ['eclipse-temurin:21-jre-alpine', 'baseImage', false, false]);
    assert.deepEqual(from.via, { name: 'baseImage', usedAt: spanOf(text, 'baseImage', 1) });
    assert.equal(to.text, 'registry.example.com/platform/orders:1.4.2');
    assert.equal(at(text, to.span), '${project.property("registry") as String}/orders:${findProperty("imageTag")}');
    assert.deepEqual([to.editable, to.unresolved, to.via], [false, false, undefined]);
  });

  it('reads providers.gradleProperty("x").get() and findProperty("x") as String', () => {
    const text = `jib {\n  from { image = providers.gradleProperty("baseImage").get() }\n  to { image = findProperty("target") as String }\n}`;
    const [from, to] = extract(text, { baseImage: 'alpine:3.20', target: 'example.com/t' });
    assert.deepEqual([from.text, at(text, from.span), from.editable], ['alpine:3.20', 'providers.gradleProperty("baseImage").get()', false]);
    assert.deepEqual(from.via, { name: 'baseImage', usedAt: from.span });
    assert.deepEqual([to.text, at(text, to.span), to.via?.name], ['example.com/t', 'findProperty("target") as String', 'target']);
  });

  it('leaves a missing gradle property unresolved', () => {
    const text = `val baseImage: String by project\njib { from { image = "$baseImage" } }`;
    const [ref] = extract(text);
    assert.deepEqual([ref.text, ref.unresolved, ref.editable, at(text, ref.span)], ['$baseImage', true, false, '$baseImage']);
  });

  it('reads tasks.withType<BootBuildImage>, tasks.bootBuildImage and tasks.named("bootBuildImage")', () => {
    const text = [
      'tasks.withType<BootBuildImage> {\n  builder = "paketobuildpacks/builder:tiny"\n}',
      'tasks.bootBuildImage {\n  runImage.set("paketobuildpacks/run:tiny")\n}',
      'tasks.named("bootBuildImage") {\n  (this as BootBuildImage).imageName.set("x")\n  imageName.set("example.com/app:1")\n}',
      'tasks.named<Jar>("jar") { builder = "no" }',
    ].join('\n');
    assert.deepEqual(
      extract(text).map((r) => [r.context, r.role, r.text, at(text, r.span)]),
      [
        ['spring-boot builder', 'base', 'paketobuildpacks/builder:tiny', 'paketobuildpacks/builder:tiny'],
        ['spring-boot runImage', 'base', 'paketobuildpacks/run:tiny', 'paketobuildpacks/run:tiny'],
        ['spring-boot imageName', 'target', 'example.com/app:1', 'example.com/app:1'],
      ],
    );
  });

  it('reads configure<JibExtension> { } and platforms with several platform blocks', () => {
    const text = `configure<com.google.cloud.tools.jib.gradle.JibExtension> {\n  from {\n    image = "eclipse-temurin:21"\n    platforms {\n      platform { architecture = "amd64"; os = "linux" }\n      platform {\n        architecture = "arm64"\n        os = "linux"\n      }\n    }\n  }\n}`;
    const [ref] = extract(text);
    assert.equal(ref.text, 'eclipse-temurin:21');
    assert.deepEqual(ref.platforms, [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ]);
    assert.equal(ref.platformsExplicit, true);
  });

  it('reads a raw string with interpolation and an escaped dollar as text', () => {
    const text = 'val tag = "1.0"\njib.to.image = """example.com/app:$tag"""\njib.from.image = "example.com/\\$literal:1"';
    const [to, from] = extract(text);
    assert.deepEqual([to.text, at(text, to.span), to.editable], ['example.com/app:1.0', 'example.com/app:$tag', false]);
    assert.deepEqual([from.text, at(text, from.span), from.editable, from.unresolved], ['example.com/$literal:1', 'example.com/\\$literal:1', false, false]);
  });

  it('reads auth { username = … } and credHelper into jibAuth', () => {
    const text = `jib {\n  from {\n    image = "private.example.com/base:1"\n    auth {\n      username = System.getenv("USER")\n      password = System.getenv("PASS")\n    }\n  }\n  to {\n    image = "example.com/app"\n    credHelper.helper = "gcr"\n  }\n}`;
    const [from, to] = extract(text);
    assert.deepEqual(from.jibAuth, { hasUsernamePassword: true });
    assert.deepEqual(to.jibAuth, { credHelper: 'gcr' });
  });

  it('follows a chain of variables and an elvis default', () => {
    const text = `val defaultBase = "eclipse-temurin:17"\nval base = defaultBase\nval target = findProperty("target") as String? ?: "example.com/default"\njib { from { image = base }; to { image = target } }`;
    const [from, to] = extract(text);
    assert.deepEqual([from.text, from.span, from.editable, from.via?.name], ['eclipse-temurin:17', spanOf(text, 'eclipse-temurin:17'), true, 'base']);
    assert.deepEqual([to.text, to.span, to.editable, to.via?.name], ['example.com/default', spanOf(text, 'example.com/default'), true, 'target']);
  });
});
