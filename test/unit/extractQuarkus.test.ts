import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeReference } from '../../server/src/service/analysis';
import { extractQuarkus } from '../../server/src/service/extract/quarkus';
import { fileKindOf } from '../../server/src/service/fileKind';
import { pinEdits, type SpanEdit } from '../../server/src/service/fixes';
import { digestOf } from '../support/outcomes';
import { at, fixture } from '../support/text';

const APP = path.join('projects', 'quarkus-app');

function apply(text: string, edits: SpanEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

describe('Quarkus application.properties and application.yaml', () => {
  it('application.properties: Jib base images with quarkus.jib.platforms, profiles, the target assembled from its parts', () => {
    const text = fixture(APP, 'src/main/resources/application.properties');
    const found = extractQuarkus(text, 'quarkus-properties').references;
    assert.deepEqual(found.map((r) => [r.context, r.role, r.tool, r.text, at(text, r.span), r.editable]), [
      ['quarkus jib base-jvm-image', 'base', 'jib', 'registry.access.redhat.com/ubi9/openjdk-21-runtime:1.21', 'registry.access.redhat.com/ubi9/openjdk-21-runtime:1.21', true],
      ['quarkus %prod jib base-native-image', 'base', 'jib', 'https://quay.io/quarkus/quarkus-micro-image:2.0', 'https://quay.io/quarkus/quarkus-micro-image:2.0', true],
      ['quarkus container-image registry/group/name:tag', 'target', 'quarkus', 'ghcr.io/petclinic/petclinic:1.4.0', '${quarkus.application.name}', false],
    ]);
    assert.deepEqual(found[0].platforms, [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }]);
    assert.equal(found[0].platformsExplicit, true);
  });

  it('application.yaml: nested and "%profile" keys, container-image.image as the target', () => {
    const text = fixture(APP, 'native/src/main/resources/application.yaml');
    const found = extractQuarkus(text, 'quarkus-yaml').references;
    assert.deepEqual(found.map((r) => [r.context, r.role, r.text.slice(0, 41), r.platformsExplicit]), [
      ['quarkus jib base-native-image', 'base', 'quay.io/quarkus/quarkus-micro-image:2.0', false],
      ['quarkus container-image.image', 'target', 'ghcr.io/petclinic/petclinic-native:latest', false],
      ['quarkus %dev jib base-jvm-image', 'base', 'eclipse-temurin:21-jre', false],
    ]);
    assert.deepEqual(found[0].platforms, [{ os: 'linux', architecture: 'amd64' }], "Jib's default platform");
  });

  it('properties syntax: `:` and space separators, continuations, escapes, `!` comments; unknown variables stay unresolved', () => {
    const text = 'quarkus.jib.base-jvm-image: eclipse-temurin:21\n! quarkus.jib.base-native-image=commented\n' +
      '%test.quarkus.jib.base-jvm-image   ubi9/openjdk-21:1.21  \nquarkus.container-image.image=ghcr.io/org/\\\n  app:1\n' +
      '%staging.quarkus.container-image.image=${REGISTRY}/app:${VERSION:1.0}\n';
    const found = extractQuarkus(text, 'quarkus-properties').references;
    assert.deepEqual(found.map((r) => [r.text, at(text, r.span), r.editable, r.unresolved]), [
      ['eclipse-temurin:21', 'eclipse-temurin:21', true, false],
      ['ubi9/openjdk-21:1.21', 'ubi9/openjdk-21:1.21', true, false],
      ['ghcr.io/org/app:1', 'ghcr.io/org/\\\n  app:1', false, false],
      ['${REGISTRY}/app:1.0', '${REGISTRY}/app:${VERSION:1.0}', false, true],
    ]);
  });

  it('pins the Jib base image digest-only (no comment: a properties value has none)', () => {
    const text = 'quarkus.jib.base-jvm-image=eclipse-temurin:21\nquarkus.jib.platforms=linux/arm64\n';
    const reference = analyzeReference(extractQuarkus(text, 'quarkus-properties').references[0]);
    const D = digestOf('c');
    assert.equal(apply(text, pinEdits(reference, D, 'auto', text)), `quarkus.jib.base-jvm-image=eclipse-temurin@${D}\nquarkus.jib.platforms=linux/arm64\n`);
  });

  it('file kinds: application*.properties|yaml only when they configure Quarkus', () => {
    const spring = fixture(APP, 'spring/src/main/resources/application.properties');
    assert.equal(fileKindOf('file:///w/src/main/resources/application.properties', undefined, spring), undefined);
    assert.equal(fileKindOf('file:///w/src/main/resources/application.properties', undefined, 'quarkus.http.port=8080\n'), 'quarkus-properties');
    assert.equal(fileKindOf('application-prod.yaml', undefined, 'quarkus:\n  jib: {}\n'), 'quarkus-yaml');
    assert.equal(fileKindOf('application.yml', undefined, '"%dev":\n  quarkus:\n    x: 1\n'), 'quarkus-yaml');
    assert.equal(fileKindOf('application.properties'), undefined, 'the name alone does not decide');
  });
});
