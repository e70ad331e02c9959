import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractMaven, readMavenProperties } from '../../server/src/service/extract/maven';
import type { ExtractedReference, ExtractionContext } from '../../server/src/service/types';
import { fixture, at, spanOf } from '../support/text';

const LINUX_AMD64 = { os: 'linux', architecture: 'amd64' };
const LINUX_ARM64 = { os: 'linux', architecture: 'arm64' };

function refs(text: string, context?: ExtractionContext): ExtractedReference[] {
  return extractMaven(text, context).references;
}

/** The only reference with this context. */
function only(found: ExtractedReference[], context: string): ExtractedReference {
  const matching = found.filter((r) => r.context === context);
  assert.equal(matching.length, 1, `expected one '${context}', found ${JSON.stringify(found.map((r) => r.context))}`);
  return matching[0];
}

/** Span of the first `needle` in `text` after `marker` (when given). */

/** A pom with one plugin whose `<configuration>` is `configuration`. */
function pom(configuration: string, options: { properties?: string; artifactId?: string; groupId?: string } = {}) {
  return `<project>
  <properties>${options.properties ?? ''}</properties>
  <build>
    <plugins>
      <plugin>
        ${options.groupId ? `<groupId>${options.groupId}</groupId>` : ''}
        <artifactId>${options.artifactId ?? 'jib-maven-plugin'}</artifactId>
        <configuration>${configuration}</configuration>
      </plugin>
    </plugins>
  </build>
</project>`;
}

describe('extractMaven', () => {
  describe('Jib (helloworld shape)', () => {
    const text = fixture('maven', 'jib-helloworld.pom.xml');
    const result = extractMaven(text);

    it('reports from.image as a base image, span trimmed to the reference', () => {
      const from = only(result.references, 'jib from.image');
      assert.deepEqual(from.span, spanOf(text, 'eclipse-temurin:21-jre'));
      assert.equal(from.text, 'eclipse-temurin:21-jre');
      assert.equal(from.role, 'base');
      assert.equal(from.tool, 'jib');
      assert.equal(from.fileKind, 'maven');
      assert.equal(from.editable, true);
      assert.equal(from.unresolved, false);
      assert.equal(from.via, undefined);
      assert.equal(from.jibPrefix, undefined);
    });

    it('reads the configured platforms of from', () => {
      const from = only(result.references, 'jib from.image');
      assert.deepEqual(from.platforms, [LINUX_AMD64, LINUX_ARM64]);
      assert.equal(from.platformsExplicit, true);
    });

    it('reads from.credHelper as a plain string', () => {
      assert.deepEqual(only(result.references, 'jib from.image').jibAuth, { credHelper: 'docker-credential-gcr' });
    });

    it('reports to.image as the target with <credHelper><helper> and <auth>', () => {
      const to = only(result.references, 'jib to.image');
      assert.equal(at(text, to.span), 'gcr.io/REPLACE-WITH-YOUR-GCP-PROJECT/image-built-with-jib');
      assert.equal(to.role, 'target');
      assert.equal(to.editable, true);
      assert.deepEqual(to.jibAuth, { credHelper: 'ecr-login', hasUsernamePassword: true });
      assert.deepEqual(to.platforms, [LINUX_AMD64, LINUX_ARM64]);
    });

    it('ignores the commented-out plugin and reports no problem', () => {
      assert.equal(result.references.length, 2);
      assert.ok(!result.references.some((r) => r.text.includes('openjdk')));
      assert.deepEqual(result.problems, []);
    });
  });

  describe('Jib details', () => {
    it('uses Jib’s default platform linux/amd64 when none is configured, and no jibAuth', () => {
      const ref = only(refs(pom('<from><image>ubuntu:24.04</image></from>')), 'jib from.image');
      assert.deepEqual(ref.platforms, [LINUX_AMD64]);
      assert.equal(ref.platformsExplicit, false);
      assert.equal('jibAuth' in ref, false);
    });

    it('marks auth given only as <auth><username>', () => {
      const auth = '<auth><username>u</username><password>p</password></auth>';
      const text = pom(`<from><image>ubuntu:24.04</image>${auth}</from>`);
      assert.deepEqual(only(refs(text), 'jib from.image').jibAuth, { hasUsernamePassword: true });
    });

    it('finds Jib whatever its groupId and skips incomplete platforms', () => {
      const text = pom(
        `<from><image>alpine:3</image><platforms>
           <platform><architecture>arm64</architecture></platform>
           <platform><os>linux</os><architecture>\${arch}</architecture></platform>
         </platforms></from>`,
        { groupId: 'com.example.fork', properties: '<arch>arm64</arch>' },
      );
      const ref = only(refs(text), 'jib from.image');
      assert.deepEqual(ref.platforms, [LINUX_ARM64]);
      assert.equal(ref.platformsExplicit, true);
    });

    it('takes a credHelper property (jib.from.credHelper) over the configuration', () => {
      const text = pom('<from><image>alpine:3</image><credHelper>gcr</credHelper></from>', {
        properties: '<jib.from.credHelper>ecr-login</jib.from.credHelper>',
      });
      assert.deepEqual(only(refs(text), 'jib from.image').jibAuth, { credHelper: 'ecr-login' });
    });
  });

  describe('Jib prefixes, CDATA, comments and entities', () => {
    const text = fixture('maven', 'quirks.pom.xml');
    const found = refs(text);
    const froms = found.filter((r) => r.context === 'jib from.image');
    const tos = found.filter((r) => r.context === 'jib to.image');

    it('strips docker:// inside CDATA; the span is what follows the prefix', () => {
      const ref = froms[0];
      assert.equal(ref.text, 'eclipse-temurin:21');
      assert.equal(ref.jibPrefix, 'docker');
      assert.deepEqual(ref.span, spanOf(text, 'eclipse-temurin:21', 'docker://'));
      assert.equal(text.slice(ref.span.start - 9, ref.span.start), 'docker://');
      assert.equal(ref.editable, true);
    });

    it('strips tar://', () => {
      const ref = froms[1];
      assert.equal(ref.jibPrefix, 'tar');
      assert.equal(ref.text, 'build/base.tar');
      assert.deepEqual(ref.span, spanOf(text, 'build/base.tar'));
    });

    it('joins text around a comment and marks it not editable', () => {
      const ref = tos[0];
      assert.equal(ref.text, 'registry.example.com/app:1');
      assert.equal(at(text, ref.span), 'registry.example.com/<!-- team -->app:1');
      assert.equal(ref.editable, false);
    });

    it('decodes a character reference and marks it not editable', () => {
      const ref = froms[2];
      assert.equal(ref.text, 'eclipse-temurin:17');
      assert.equal(at(text, ref.span), 'eclipse-temurin&#58;17');
      assert.equal(ref.editable, false);
    });

    it('decodes &amp; in a property definition and marks it not editable', () => {
      const ref = tos[1];
      assert.equal(ref.text, 'example.com/a&b:1');
      assert.equal(at(text, ref.span), 'example.com/a&amp;b:1');
      assert.equal(ref.editable, false);
      assert.equal(ref.via?.name, 'amp.image');
      assert.equal(at(text, ref.via!.usedAt), '${amp.image}');
    });

    it('reports nothing for whitespace-only or self-closing elements', () => {
      assert.equal(froms.length, 3);
      assert.equal(tos.length, 2);
      assert.deepEqual(extractMaven(text).problems, []);
    });

    it('strips registry:// and keeps CDATA offsets exact in a one-line pom', () => {
      const text = pom('<from><image><![CDATA[registry://gcr.io/distroless/java21]]></image></from>');
      const ref = only(refs(text), 'jib from.image');
      assert.equal(ref.jibPrefix, 'registry');
      assert.deepEqual(ref.span, spanOf(text, 'gcr.io/distroless/java21'));
    });
  });

  describe('properties', () => {
    const text = fixture('maven', 'profiles.pom.xml');
    const found = refs(text);

    it('reports a whole-property reference at the definition, editable, via the use', () => {
      const ref = found.find((r) => r.via?.name === 'native.base')!;
      assert.equal(ref.text, 'registry.access.redhat.com/ubi9/ubi-minimal:9.5');
      assert.deepEqual(ref.span, spanOf(text, 'registry.access.redhat.com/ubi9/ubi-minimal:9.5'));
      assert.equal(ref.editable, true);
      assert.equal(ref.unresolved, false);
      assert.deepEqual(ref.via!.usedAt, spanOf(text, '${native.base}'));
    });

    it('prefers the properties of the profile the plugin is in over other profiles', () => {
      assert.ok(!found.some((r) => r.text.includes('quarkus')));
    });

    it('follows an alias to the property that holds the value', () => {
      const ref = found.find((r) => r.via?.name === 'runtime.image')!;
      assert.equal(ref.text, 'ubuntu:24.04');
      assert.deepEqual(ref.span, spanOf(text, 'ubuntu:24.04'));
      assert.equal(ref.editable, true);
      assert.deepEqual(ref.via!.usedAt, spanOf(text, '${runtime.image}'));
    });

    it('stops at a cycle and reports the reference unresolved', () => {
      const ref = found.find((r) => r.via?.name === 'loop.a')!;
      assert.equal(ref.unresolved, true);
      assert.equal(ref.editable, false);
      assert.match(ref.text, /^\$\{loop\.[ab]\}$/);
    });

    it('finds plugins in profile executions', () => {
      const executions = found.filter((r) => r.context === 'jib from.image');
      assert.equal(executions.length, 2);
      assert.equal(only(found, 'jib to.image').role, 'target');
    });

    it('reports a composed definition at the definition, substituted and not editable', () => {
      const parent = fixture('maven', 'multi-module/pom.xml');
      const ref = only(refs(parent), 'jib from.image');
      assert.equal(ref.text, 'eclipse-temurin:21-jre-noble');
      assert.equal(at(parent, ref.span), 'eclipse-temurin:${base.tag}');
      assert.equal(ref.editable, false);
      assert.equal(ref.unresolved, false);
      assert.equal(ref.via?.name, 'base.image');
    });

    it('resolves a composed use at the element text, with built-ins from the parent element', () => {
      const child = fixture('maven', 'multi-module/hello-service/pom.xml');
      const ref = only(refs(child), 'jib to.image');
      assert.equal(ref.text, '${registry}/hello-service:0.1.0');
      assert.deepEqual(ref.span, spanOf(child, '${registry}/${project.artifactId}:${project.version}'));
      assert.equal(ref.editable, false);
      assert.equal(ref.unresolved, true, 'registry comes from the parent, unknown without context');
    });

    it('uses a parent pom’s properties given as context, the child’s own values winning', () => {
      const child = fixture('maven', 'multi-module/hello-service/pom.xml');
      const externalProperties = readMavenProperties(fixture('maven', 'multi-module/pom.xml'));
      const found = refs(child, { externalProperties });
      const from = only(found, 'jib from.image');
      assert.equal(from.text, 'eclipse-temurin:21-jre-alpine');
      assert.deepEqual(from.span, spanOf(child, '${base.image}'));
      assert.equal(from.editable, false, 'the value is written in another file');
      assert.equal(from.unresolved, false);
      assert.deepEqual(from.via, { name: 'base.image', usedAt: from.span });
      const to = only(found, 'jib to.image');
      assert.equal(to.text, 'registry.example.com/team/hello-service:0.1.0');
      assert.equal(to.unresolved, false);
    });

    it('keeps an unknown property as written and marks the reference unresolved', () => {
      const child = fixture('maven', 'multi-module/hello-service/pom.xml');
      const from = only(refs(child), 'jib from.image');
      assert.equal(from.text, '${base.image}');
      assert.equal(from.unresolved, true);
      assert.equal(from.editable, false);
      assert.deepEqual(from.span, spanOf(child, '${base.image}'));
    });

    it('reads the project properties of a pom, raw and without its profiles', () => {
      const properties = readMavenProperties(fixture('maven', 'profiles.pom.xml'));
      assert.equal(properties.get('runtime.image'), '${runtime.alias}');
      assert.equal(properties.get('jib.from.platforms'), 'linux/amd64,linux/arm64');
      assert.equal(properties.has('native.base'), false);
      assert.deepEqual(readMavenProperties('<project><properties'), new Map());
    });

    it('resolves a chain of definitions and survives a very long one', () => {
      const chain = (n: number) =>
        Array.from({ length: n }, (_, i) => `<p${i}>\${p${i + 1}}:x</p${i}>`).join('') + `<p${n}>alpine</p${n}>`;
      const short = only(refs(pom('<from><image>${p0}</image></from>', { properties: chain(3) })), 'jib from.image');
      assert.equal(short.text, 'alpine:x:x:x');
      assert.equal(short.unresolved, false);
      const long = only(refs(pom('<from><image>${p0}</image></from>', { properties: chain(200) })), 'jib from.image');
      assert.equal(long.unresolved, true);
    });
  });

  describe('properties Jib reads as configuration', () => {
    const text = fixture('maven', 'profiles.pom.xml');
    const found = refs(text);

    it('reports jib.from.image at its value, registry:// stripped, with jib.from.platforms', () => {
      const ref = only(found, 'jib.from.image property');
      assert.equal(ref.text, 'gcr.io/distroless/java21-debian12:nonroot');
      assert.deepEqual(ref.span, spanOf(text, 'gcr.io/distroless/java21-debian12:nonroot'));
      assert.equal(ref.jibPrefix, 'registry');
      assert.equal(ref.role, 'base');
      assert.equal(ref.editable, true);
      assert.deepEqual(ref.platforms, [LINUX_AMD64, LINUX_ARM64]);
      assert.equal(ref.platformsExplicit, true);
    });

    it('reports jib.to.image as the target, interpolated', () => {
      const ref = only(found, 'jib.to.image property');
      assert.equal(ref.role, 'target');
      assert.equal(ref.text, 'registry.example.com/shop/orders:2.3.1');
      assert.equal(at(text, ref.span), 'registry.example.com/shop/orders:${project.version}');
      assert.equal(ref.editable, false);
    });

    it('applies jib.from.platforms to configured images too', () => {
      for (const ref of found.filter((r) => r.tool === 'jib')) {
        assert.deepEqual(ref.platforms, [LINUX_AMD64, LINUX_ARM64]);
        assert.equal(ref.platformsExplicit, true);
      }
    });

    it('reports a property used by the configuration once', () => {
      const text = pom('<from><image>${jib.from.image}</image></from>', {
        properties: '<jib.from.image>alpine:3.20</jib.from.image>',
      });
      const found = refs(text);
      assert.equal(found.length, 1);
      assert.equal(found[0].context, 'jib from.image');
      assert.deepEqual(found[0].span, spanOf(text, 'alpine:3.20'));
    });

    it('reports the plain `image` property (Jib multi-module parent) only in a pom that uses Jib', () => {
      const parent = fixture('maven', 'multi-module/pom.xml');
      const ref = only(refs(parent), 'image property (jib to.image)');
      assert.equal(ref.role, 'target');
      assert.equal(ref.text, 'gcr.io/${env.PROJECT_ID}/jib-multimodule:0.1.0');
      assert.equal(ref.unresolved, true);
      assert.deepEqual(refs('<project><properties><image>alpine</image></properties></project>'), []);
    });
  });

  describe('Spring Boot build-image', () => {
    const text = fixture('maven', 'spring-boot.pom.xml');
    const found = refs(text);

    it('reports the builder (through a property) as a base image', () => {
      const ref = only(found, 'spring-boot builder');
      assert.equal(ref.tool, 'spring-boot');
      assert.equal(ref.role, 'base');
      assert.deepEqual(ref.span, spanOf(text, 'paketobuildpacks/builder-noble-java-tiny:latest'));
      assert.deepEqual(ref.via?.usedAt, spanOf(text, '${paketo.builder}'));
      assert.equal(ref.editable, true);
    });

    it('reports runImage and image.name, with the configured imagePlatform', () => {
      const runImages = found.filter((r) => r.context === 'spring-boot runImage');
      assert.equal(runImages.length, 2);
      assert.match(at(text, runImages[0].span), /^paketobuildpacks\/ubuntu-noble-run-tiny@sha256:[0-9a-f]{64}$/);
      assert.deepEqual(runImages[0].platforms, [LINUX_ARM64]);
      assert.equal(runImages[0].platformsExplicit, true);
      const name = only(found, 'spring-boot image.name');
      assert.equal(name.role, 'target');
      assert.equal(name.text, 'docker.example.com/library/demo:0.0.1-SNAPSHOT');
      assert.equal(name.editable, false);
    });

    it('has no platform when imagePlatform is not set', () => {
      const ref = found.filter((r) => r.context === 'spring-boot runImage')[1];
      assert.equal(ref.text, 'paketobuildpacks/run-jammy-base');
      assert.deepEqual(ref.platforms, []);
      assert.equal(ref.platformsExplicit, false);
    });

    it('reports the spring-boot.build-image.* properties', () => {
      const text = `<project><properties>
        <spring-boot.build-image.builder>paketobuildpacks/builder-jammy-base</spring-boot.build-image.builder>
        <spring-boot.build-image.runImage>paketobuildpacks/run-jammy-base</spring-boot.build-image.runImage>
        <spring-boot.build-image.imageName>example.com/app</spring-boot.build-image.imageName>
        <spring-boot.build-image.imagePlatform>linux/arm64</spring-boot.build-image.imagePlatform>
      </properties></project>`;
      const found = refs(text);
      assert.equal(only(found, 'spring-boot.build-image.builder property').role, 'base');
      assert.equal(only(found, 'spring-boot.build-image.runImage property').role, 'base');
      const name = only(found, 'spring-boot.build-image.imageName property');
      assert.equal(name.role, 'target');
      assert.deepEqual(name.span, spanOf(text, 'example.com/app'));
      assert.deepEqual(name.platforms, [LINUX_ARM64]);
    });
  });

  describe('fabric8 docker-maven-plugin', () => {
    const text = fixture('maven', 'fabric8.pom.xml');
    const found = refs(text);

    it('reports the image name as a target; %l makes it unresolved', () => {
      const ref = found.find((r) => r.context === 'fabric8 image.name')!;
      assert.equal(ref.tool, 'fabric8');
      assert.equal(ref.role, 'target');
      assert.equal(ref.text, 'quay.io/fabric8/dmp-sample:%l');
      assert.equal(at(text, ref.span), '${docker.registry}/fabric8/dmp-sample:%l');
      assert.equal(ref.unresolved, true);
      assert.equal(ref.editable, false);
    });

    it('reports build.from as a base image with the buildx platforms', () => {
      const ref = only(found, 'fabric8 build.from');
      assert.deepEqual(ref.span, spanOf(text, 'openjdk:17-jdk-slim'));
      assert.equal(ref.role, 'base');
      assert.deepEqual(ref.platforms, [LINUX_AMD64, { os: 'linux', architecture: 'arm64', variant: 'v8' }]);
      assert.equal(ref.platformsExplicit, true);
    });

    it('reports build.fromExt.name, with no platform configured', () => {
      const ref = only(found, 'fabric8 build.fromExt.name');
      assert.deepEqual(ref.span, spanOf(text, 'alpine:3.20'));
      assert.deepEqual(ref.platforms, []);
      assert.equal(ref.platformsExplicit, false);
    });

    it('reports the name of a run-only image as a base image (it is pulled)', () => {
      const ref = only(found, 'fabric8 image.name (run)');
      assert.equal(ref.text, 'postgres:16');
      assert.equal(ref.role, 'base');
    });

    it('ignores docker-maven-plugin of another groupId', () => {
      assert.equal(found.length, 5);
      assert.ok(!found.some((r) => r.text.startsWith('not-fabric8')));
    });
  });

  describe('broken XML', () => {
    it('finds the references of a truncated file and reports the end of the document', () => {
      const text = fixture('maven', 'broken/truncated.pom.xml');
      const result = extractMaven(text);
      assert.equal(only(result.references, 'jib from.image').text, 'eclipse-temurin:21-jre');
      const to = only(result.references, 'jib to.image');
      assert.equal(at(text, to.span), 'gcr.io/REPLACE-WITH-YOUR-GCP-PROJECT/image-built-with-jib');
      assert.equal(result.problems.length, 1);
      assert.deepEqual(result.problems[0].span, { start: text.length, end: text.length });
      assert.match(result.problems[0].message, /^XML: unexpected end of document/);
    });

    it('reports an unclosed leaf once, at its tag, and keeps its trimmed value', () => {
      const text = fixture('maven', 'broken/mismatched.pom.xml');
      const result = extractMaven(text);
      const from = only(result.references, 'jib from.image');
      assert.deepEqual(from.span, spanOf(text, 'eclipse-temurin:21'));
      assert.equal(only(result.references, 'jib to.image').text, 'registry.example.com/app:1');
      assert.deepEqual(result.problems, [
        { span: spanOf(text, 'image', '<from>'), message: 'XML: <image> is not closed (found </from>)' },
      ]);
    });

    it('guesses from indentation where an unclosed element ends', () => {
      const text = pom(`
          <from>
            <image>alpine:3</image>
          <to>
            <image>example.com/app:1</image>
          </to>
        `);
      const result = extractMaven(text);
      assert.equal(only(result.references, 'jib to.image').text, 'example.com/app:1');
      assert.equal(only(result.references, 'jib from.image').text, 'alpine:3');
      assert.deepEqual(result.problems, [
        { span: spanOf(text, 'from'), message: 'XML: <from> is not closed (found </configuration>)' },
      ]);
    });

    it('reports a misspelt closing tag at the tag', () => {
      const text = pom('<from><image>alpine:3</imag></from><to><image>example.com/app</image></to>');
      const result = extractMaven(text);
      assert.equal(result.references.length, 2);
      const name = text.indexOf('</imag>') + 2;
      assert.deepEqual(result.problems, [
        { span: { start: name, end: name + 4 }, message: 'XML: closing tag </imag> does not match <image>' },
      ]);
    });

    it('reports a bare & and a stray < and still finds the references', () => {
      const text = pom('<from><image>alpine:3</image><x>a & b</x></from><<to><image>example.com/app</image></to>');
      const result = extractMaven(text);
      assert.equal(result.references.length, 2);
      assert.deepEqual(
        result.problems.map((p) => [at(text, p.span), p.message]),
        [
          ['&', "XML: unexpected character '&'"],
          ['<', "XML: expected a name but found '<'"],
        ],
      );
    });

    it('treats the rest of the document after an unterminated comment as comment', () => {
      const text = pom(`<from><image>alpine:3</image></from>
        <!-- <to><image>example.com/app</image></to>`);
      const result = extractMaven(text);
      assert.deepEqual(
        result.references.map((r) => r.text),
        ['alpine:3'],
      );
      assert.deepEqual(result.problems, [
        { span: spanOf(text, '<!--'), message: 'XML: comment is not closed (missing -->)' },
      ]);
    });

    it('reports no reference from an unterminated CDATA section', () => {
      const text = pom('<from><image><![CDATA[alpine:3</image></from><to><image>example.com/app</image></to>');
      const result = extractMaven(text);
      assert.deepEqual(result.references, []);
      assert.deepEqual(result.problems, [
        { span: spanOf(text, '<![CDATA['), message: 'XML: CDATA section is not closed (missing ]]>)' },
      ]);
    });

    it('reports one problem for an unterminated attribute value, not one per token', () => {
      // The closing quote of xmlns is missing.
      const text = '<project xmlns="http://maven.apache.org/POM/4.0.0 xmlns:xsi="http://www.w3.org/2001/XMLSchema">';
      const result = extractMaven(text + pom('<from><image>alpine:3</image></from>').slice('<project>'.length));
      assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
      assert.match(result.problems[0].message, /^XML: /);
      assert.deepEqual(
        result.references.map((r) => r.text),
        ['alpine:3'],
      );
    });

    it('never throws on garbage or an empty document', () => {
      for (const text of ['', 'garbage', '<', '</project>', '<<<>>>', '<project><build><plugins><plugin>']) {
        const result = extractMaven(text);
        assert.deepEqual(result.references, []);
        assert.ok(result.problems.length >= 1, JSON.stringify(text));
        for (const problem of result.problems) {
          assert.match(problem.message, /^XML: /);
          assert.ok(problem.span.start <= problem.span.end && problem.span.end <= text.length);
        }
      }
    });

    // @xml-tools needs some 10-20 ms per parse of a pom this size: the sampling is kept coarse.
    it('gives consistent results for prefixes of a pom', function () {
      this.timeout(60_000);
      const text = fixture('maven', 'jib-helloworld.pom.xml') + fixture('maven', 'quirks.pom.xml');
      for (let end = 0; end <= text.length; end += 53) assertConsistent(text.slice(0, end));
    });

    it('gives consistent results for arbitrary edits of a pom', function () {
      this.timeout(60_000);
      const base = fixture('maven', 'profiles.pom.xml');
      fc.assert(
        fc.property(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 12 }), (start, length, insert) => {
          assertConsistent(base.slice(0, start) + insert + base.slice(start + length));
        }),
        { numRuns: 100 },
      );
    });
  });
});

/** Spans lie in the text, an editable reference is exactly the text at its span, problems are XML problems. */
function assertConsistent(text: string): void {
  const result = extractMaven(text);
  for (const ref of result.references) {
    assert.ok(ref.span.start >= 0 && ref.span.start <= ref.span.end && ref.span.end <= text.length);
    if (ref.editable) assert.equal(at(text, ref.span), ref.text);
  }
  for (const problem of result.problems) {
    assert.ok(problem.span.start <= problem.span.end && problem.span.end <= text.length);
    assert.match(problem.message, /^XML: /);
  }
}
