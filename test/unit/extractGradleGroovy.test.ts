import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { extractGradle, readGradleProperties } from '../../server/src/service/extract/gradle';
import type { ExtractedReference } from '../../server/src/service/types';
import { fixture, at, spanOf } from '../support/text';

const AMD64 = [{ os: 'linux', architecture: 'amd64' }];

function extract(text: string, properties?: Record<string, string>): ExtractedReference[] {
  const externalProperties = properties ? new Map(Object.entries(properties)) : undefined;
  return extractGradle(text, 'groovy', { externalProperties }).references;
}

/** The span of the n-th occurrence of `needle` in `text`. */

describe('gradle extractor: Groovy DSL', () => {
  it('finds jib.to.image in the Jib helloworld example', () => {
    const text = fixture('gradle', 'helloworld.gradle');
    const [ref] = extract(text);
    assert.equal(ref.text, 'gcr.io/my-gcp-project/image-built-with-jib');
    assert.equal(at(text, ref.span), ref.text);
    assert.deepEqual([ref.role, ref.tool, ref.context, ref.editable, ref.unresolved], ['target', 'jib', 'jib to.image', true, false]);
    assert.deepEqual(ref.platforms, AMD64);
    assert.equal(ref.platformsExplicit, false);
    assert.equal(ref.fileKind, 'gradle-groovy');
    assert.equal(ref.via, undefined);
  });

  it('reads from/to blocks with a registry:// prefix, platforms, credHelper and auth', () => {
    const text = fixture('gradle', 'jib-full.gradle');
    const [from, to, ...rest] = extract(text);
    assert.equal(rest.length, 0);
    assert.equal(from.text, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/java:17');
    assert.equal(at(text, from.span), from.text);
    assert.equal(text.slice(from.span.start - 'registry://'.length, from.span.start), 'registry://');
    assert.deepEqual([from.role, from.context, from.jibPrefix, from.editable], ['base', 'jib from.image', 'registry', true]);
    const platforms = [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ];
    assert.deepEqual(from.platforms, platforms);
    assert.equal(from.platformsExplicit, true);
    assert.deepEqual(from.jibAuth, { credHelper: 'ecr-login' });
    assert.deepEqual([to.text, at(text, to.span), to.role, to.context], ['gcr.io/my-project/orders-service', to.text, 'target', 'jib to.image']);
    assert.deepEqual(to.jibAuth, { hasUsernamePassword: true });
    assert.deepEqual(to.platforms, platforms);
  });

  it('accepts the command syntax without = in single and double quotes', () => {
    const text = `jib {\n  from { image 'eclipse-temurin:21' }\n  to { image "example.com/app" }\n}`;
    const [from, to] = extract(text);
    assert.deepEqual([from.text, from.role, at(text, from.span)], ['eclipse-temurin:21', 'base', 'eclipse-temurin:21']);
    assert.deepEqual([to.text, to.role, at(text, to.span)], ['example.com/app', 'target', 'example.com/app']);
    assert.deepEqual(from.span, spanOf(text, 'eclipse-temurin:21'));
  });

  it('reads dotted from.image inside jib and jib.from.image at the top level', () => {
    const text = `jib {\n  from.image = 'tomcat:8.5-jre8-alpine'\n  container.appRoot = '/usr/local/tomcat'\n}\njib.to.image = 'example.com/war'`;
    const refs = extract(text);
    assert.deepEqual(
      refs.map((r) => [r.context, r.text, at(text, r.span)]),
      [
        ['jib from.image', 'tomcat:8.5-jre8-alpine', 'tomcat:8.5-jre8-alpine'],
        ['jib to.image', 'example.com/war', 'example.com/war'],
      ],
    );
  });

  it('strips docker:// and tar:// prefixes and keeps the span on what follows', () => {
    for (const prefix of ['docker', 'tar'] as const) {
      const text = `jib.from.image = '${prefix}://busybox:1.36'`;
      const [ref] = extract(text);
      assert.deepEqual([ref.text, ref.jibPrefix, at(text, ref.span), ref.editable], ['busybox:1.36', prefix, 'busybox:1.36', true]);
    }
  });

  it('reports a def variable at its literal, with the use recorded in via', () => {
    const text = `def baseImage = 'eclipse-temurin:17-jre'\njib { from { image = baseImage } }`;
    const [ref] = extract(text);
    assert.deepEqual(ref.span, spanOf(text, 'eclipse-temurin:17-jre'));
    assert.deepEqual([ref.text, ref.editable, ref.unresolved], ['eclipse-temurin:17-jre', true, false]);
    assert.deepEqual(ref.via, { name: 'baseImage', usedAt: spanOf(text, 'baseImage', 1) });
  });

  it('resolves ext.x, ext { x = … } and project.ext.x, used directly and as "${x}"', () => {
    const text = [
      "ext.fromImage = 'eclipse-temurin:21'",
      "ext { toImage = 'example.com/app' }",
      "project.ext.runImg = 'paketo/run:base'",
      'jib { from { image = "${fromImage}" }; to { image = project.ext.toImage } }',
      'bootBuildImage { runImage = ext.runImg }',
    ].join('\n');
    const [from, to, run] = extract(text);
    assert.deepEqual([from.text, at(text, from.span), from.editable], ['eclipse-temurin:21', 'eclipse-temurin:21', true]);
    assert.deepEqual(from.via, { name: 'fromImage', usedAt: spanOf(text, '${fromImage}') });
    assert.deepEqual([to.text, at(text, to.span), to.via?.name], ['example.com/app', 'example.com/app', 'toImage']);
    assert.deepEqual(at(text, to.via!.usedAt), 'project.ext.toImage');
    assert.deepEqual([run.text, at(text, run.span), run.context, run.via?.name], ['paketo/run:base', 'paketo/run:base', 'spring-boot runImage', 'runImg']);
  });

  it('composes "$registry/app:$tag" without braces: reported at the use site, not editable', () => {
    const text = `def registry = 'registry.example.com'\ndef tag = '1.4'\njib.to.image = "$registry/app:$tag"`;
    const [ref] = extract(text);
    assert.equal(ref.text, 'registry.example.com/app:1.4');
    assert.equal(at(text, ref.span), '$registry/app:$tag');
    assert.deepEqual([ref.editable, ref.unresolved, ref.via], [false, false, undefined]);
  });

  it('reports "${base}:17" with one variable at the use site, with via, not editable', () => {
    const text = `ext.set('base', 'eclipse-temurin')\njib.from.image = "\${base}:17"`;
    const [ref] = extract(text);
    assert.deepEqual([ref.text, at(text, ref.span), ref.editable, ref.unresolved], ['eclipse-temurin:17', '${base}:17', false, false]);
    assert.deepEqual(ref.via, { name: 'base', usedAt: spanOf(text, '${base}') });
  });

  it('reads values from gradle.properties as bare names, property() and findProperty()', () => {
    const properties = readGradleProperties(fixture('gradle', 'gradle.properties'));
    const text = fixture('gradle', 'from-properties.gradle');
    const [from, to] = extractGradle(text, 'groovy', { externalProperties: properties }).references;
    assert.deepEqual([from.text, from.jibPrefix, from.editable, at(text, from.span)], ['eclipse-temurin:21-jre-alpine', 'docker', false, '$baseImage']);
    assert.deepEqual(from.via, { name: 'baseImage', usedAt: spanOf(text, '$baseImage') });
    assert.equal(to.text, 'registry.example.com/platform/orders');
    assert.equal(at(text, to.span), "project.findProperty('registry') + '/orders'");
    assert.deepEqual([to.editable, to.unresolved], [false, false]);

    const bare = 'jib.from.image = baseImage\njib.to.image = project.property("registry")';
    const [bareFrom, bareTo] = extract(bare, { baseImage: 'alpine:3.20', registry: 'example.com/r' });
    assert.deepEqual([bareFrom.text, at(bare, bareFrom.span), bareFrom.editable], ['alpine:3.20', 'baseImage', false]);
    assert.deepEqual(bareFrom.via, { name: 'baseImage', usedAt: spanOf(bare, 'baseImage') });
    assert.deepEqual([bareTo.text, at(bare, bareTo.span), bareTo.via?.name], ['example.com/r', 'project.property("registry")', 'registry']);
  });

  it('keeps unknown variables in the text and marks the reference unresolved', () => {
    const text = fixture('gradle', 'name-service.gradle');
    const [ref] = extract(text);
    assert.equal(ref.text, "gcr.io/${System.getenv('PROJECT_ID')}/${project.name}:0.3.1");
    assert.equal(at(text, ref.span), "gcr.io/${System.getenv('PROJECT_ID')}/${project.name}:${version}");
    assert.deepEqual([ref.unresolved, ref.editable], [true, false]);
    assert.deepEqual(ref.via, { name: 'version', usedAt: spanOf(text, '${version}') });

    const bare = 'jib.from.image = unknownBase';
    const [unknown] = extract(bare);
    assert.deepEqual([unknown.text, unknown.unresolved, at(bare, unknown.span), unknown.via], ['${unknownBase}', true, 'unknownBase', undefined]);
  });

  it('treats $ in single-quoted strings as literal text', () => {
    const text = "jib.to.image = 'example.com/$notAVariable:1'";
    const [ref] = extract(text);
    assert.deepEqual([ref.text, ref.editable, ref.unresolved], ['example.com/$notAVariable:1', true, false]);
    assert.equal(at(text, ref.span), ref.text);
  });

  it('reads bootBuildImage with and without =, and an ext block variable', () => {
    const text = fixture('gradle', 'spring-boot.gradle');
    const [builder, run, name] = extract(text);
    assert.deepEqual([builder.text, builder.role, builder.tool, builder.context], ['paketobuildpacks/builder-jammy-tiny', 'base', 'spring-boot', 'spring-boot builder']);
    assert.deepEqual([at(text, builder.span), builder.editable, builder.via?.name], ['paketobuildpacks/builder-jammy-tiny', true, 'builderImage']);
    assert.deepEqual([run.text, at(text, run.span), run.context], ['paketobuildpacks/run-jammy-tiny:0.2.3', run.text, 'spring-boot runImage']);
    assert.deepEqual([name.role, name.context, name.unresolved, name.text], ['target', 'spring-boot imageName', true, 'example.com/library/orders:${version}']);
    for (const ref of [builder, run, name]) assert.deepEqual([ref.platforms, ref.platformsExplicit], [[], false]);
  });

  it("reads tasks.named('bootBuildImage'), tasks.bootBuildImage and task types", () => {
    const text = [
      "tasks.named('bootBuildImage') { builder = 'b1' }",
      "tasks.bootBuildImage { runImage = 'r1' }",
      "task customImage(type: BootBuildImage) { imageName = 'n1' }",
      "tasks.named('bootJar') { builder = 'not-an-image' }",
    ].join('\n');
    assert.deepEqual(
      extract(text).map((r) => [r.context, r.text]),
      [
        ['spring-boot builder', 'b1'],
        ['spring-boot runImage', 'r1'],
        ['spring-boot imageName', 'n1'],
      ],
    );
  });

  it('reads credHelper.helper and credHelper { helper } for from and to', () => {
    const text = `jib {\n  from { image = 'a'; credHelper.helper = 'ecr-login' }\n  to { image = 'b'\n credHelper { helper = 'gcr' } }\n}`;
    const [from, to] = extract(text);
    assert.deepEqual(from.jibAuth, { credHelper: 'ecr-login' });
    assert.deepEqual(to.jibAuth, { credHelper: 'gcr' });
  });

  it('finds jib inside subprojects and project blocks, and ignores from outside jib', () => {
    const text = `copy { from 'src'; into 'dst' }\nsubprojects {\n  jib { from { image = 'base:1' } }\n}\nproject(':api') { jib.to.image = 'api:1' }`;
    assert.deepEqual(
      extract(text).map((r) => [r.context, r.text]),
      [
        ['jib from.image', 'base:1'],
        ['jib to.image', 'api:1'],
      ],
    );
  });

  it('uses an imagePlatform for Spring Boot platforms', () => {
    const text = `bootBuildImage {\n  imageName = 'example.com/app'\n  imagePlatform = 'linux/arm64/v8'\n}`;
    const [ref] = extract(text);
    assert.deepEqual(ref.platforms, [{ os: 'linux', architecture: 'arm64', variant: 'v8' }]);
    assert.equal(ref.platformsExplicit, true);
  });
});
