import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { readGradleProperties } from '../../server/src/service/extract/gradle';
import { fixture } from '../support/text';

describe('readGradleProperties', () => {
  it('reads the fixture: =, :, whitespace separators, comments and continuations', () => {
    const properties = readGradleProperties(fixture('gradle', 'gradle.properties'));
    assert.deepEqual(Object.fromEntries(properties), {
      baseImage: 'eclipse-temurin:21-jre-alpine',
      registry: 'registry.example.com/platform',
      runImageTag: '0.1.99',
      'org.gradle.jvmargs': '-Xmx2g -Dfile.encoding=UTF-8',
      imageTag: '1.4.2',
    });
  });

  it('keeps = and : inside values and trims only the leading whitespace of a value', () => {
    const properties = readGradleProperties('image = docker.io/library/alpine:3.20@sha256:abc  \nurl:http://x=y');
    assert.equal(properties.get('image'), 'docker.io/library/alpine:3.20@sha256:abc  ');
    assert.equal(properties.get('url'), 'http://x=y');
  });

  it('decodes escapes in keys and values, and \\uXXXX', () => {
    const properties = readGradleProperties('my\\ key\\:x = a\\tb\\u0041\\\\');
    assert.deepEqual([...properties], [['my key:x', 'a\tbA\\']]);
  });

  it('does not continue a line ending in an escaped backslash, nor a comment line', () => {
    const properties = readGradleProperties('a=path\\\\\nb=2\n# comment \\\nc=3');
    assert.deepEqual(Object.fromEntries(properties), { a: 'path\\', b: '2', c: '3' });
  });

  it('handles CRLF and CR line ends, empty values and keys without values', () => {
    const properties = readGradleProperties('a=1\r\nb=\rc\r\n  d = 4 \\\r\n    5');
    assert.deepEqual(Object.fromEntries(properties), { a: '1', b: '', c: '', d: '4 5' });
  });

  it('lets a later key win and ignores blank lines', () => {
    const properties = readGradleProperties('\n\nimage=a\n   \nimage=b\n');
    assert.deepEqual([...properties], [['image', 'b']]);
  });
});
