import * as assert from 'node:assert/strict';
import { formatReference, lowercaseRepositoryFix, parseReference } from '../../server/src/service/reference/parse';
import type { ReferenceErrorCode } from '../../server/src/service/reference/types';

// Cases follow Jib's ImageReference.java / ImageReferenceTest.java (jib-core, com.google.cloud.tools.jib.api).
const HEX = 'b430543bea1d8326e767058bdab3a2482ea45f59d7af5c5c61334cd29ede88a1';
const SHA256 = `sha256:${HEX}`;
const JIB = { jib: true } as const;

function parsedParts(raw: string) {
  const result = parseReference(raw, JIB);
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
  const { registry, repository, tag, digest, normalized, domain } = result.ref;
  return { registry, repository, tag, digest, normalized, domain, scratch: result.scratch === true };
}

function errorOf(raw: string): { code: ReferenceErrorCode; span: [number, number] } {
  const result = parseReference(raw, JIB);
  assert.ok(!result.ok, `${raw} should be invalid for Jib`);
  return { code: result.error.code, span: [result.error.span.start, result.error.span.end] };
}

describe('parseReference in Jib mode', () => {
  it('treats exactly `scratch` as no image', () => {
    const parts = parsedParts('scratch');
    assert.equal(parts.scratch, true);
    assert.equal(parts.registry, '');
    assert.equal(parts.normalized, 'scratch');
    assert.equal(formatReference({ registry: '', repository: 'scratch' }), 'scratch');
  });

  it('treats `scratch:latest` as an ordinary Docker Hub image', () => {
    assert.deepEqual(parsedParts('scratch:latest'), {
      registry: 'docker.io', repository: 'library/scratch', tag: 'latest', digest: undefined,
      normalized: 'docker.io/library/scratch:latest', domain: undefined, scratch: false,
    });
  });

  it('reads `scratch` as library/scratch outside Jib', () => {
    const result = parseReference('scratch');
    assert.ok(result.ok);
    assert.equal(result.scratch, undefined);
    assert.equal(result.ref.normalized, 'docker.io/library/scratch');
  });

  it('puts official images under library/ (testParse_dockerHub_official)', () => {
    assert.equal(parsedParts('busybox').repository, 'library/busybox');
    assert.equal(parsedParts('someuser/someimage').repository, 'someuser/someimage');
  });

  it('keeps index.docker.io as written but reports docker.io as the registry', () => {
    const parts = parsedParts('index.docker.io/ubuntu');
    assert.equal(parts.domain, 'index.docker.io');
    assert.equal(parts.registry, 'docker.io');
    assert.equal(parts.repository, 'library/ubuntu');
  });

  it('keeps both tag and digest', () => {
    const parts = parsedParts(`gcr.io/distroless/java:17@${SHA256}`);
    assert.equal(parts.tag, '17');
    assert.equal(parts.digest, SHA256);
    assert.equal(parts.normalized, `gcr.io/distroless/java:17@${SHA256}`);
  });

  it('accepts a sha256 digest', () => {
    assert.equal(parsedParts(`gcr.io/distroless/java@${SHA256}`).digest, SHA256);
  });

  it('rejects sha512 and sha384 digests that docker accepts, pointing at the algorithm', () => {
    const sha512 = `foo@sha512:${'f'.repeat(128)}`;
    assert.ok(parseReference(sha512).ok);
    assert.deepEqual(errorOf(sha512), { code: 'jib-digest-algorithm', span: [4, 10] });
    assert.deepEqual(errorOf(`foo@sha384:${'a'.repeat(96)}`), { code: 'jib-digest-algorithm', span: [4, 10] });
    assert.deepEqual(errorOf(`foo@md5:${HEX.slice(0, 32)}`), { code: 'jib-digest-algorithm', span: [4, 7] });
  });

  it('still checks the sha256 hex', () => {
    assert.deepEqual(errorOf('repository@sha256:a'), { code: 'digest-length', span: [18, 19] });
    assert.deepEqual(errorOf(`x@sha256:${HEX.toUpperCase()}`), { code: 'digest-uppercase', span: [9, 73] });
  });

  it('rejects IPv6 registries that docker accepts', () => {
    assert.ok(parseReference('[::1]:5000/x').ok);
    assert.deepEqual(errorOf('[::1]:5000/x'), { code: 'jib-ipv6-domain', span: [0, 10] });
    assert.deepEqual(errorOf('[2001:db8::1]/repo:tag'), { code: 'jib-ipv6-domain', span: [0, 13] });
  });

  it('has no uppercase-domain rule: Foo/bar is an uppercase Docker Hub repository', () => {
    assert.ok(parseReference('Foo/bar').ok);
    assert.deepEqual(errorOf('Foo/bar'), { code: 'uppercase-repository', span: [0, 7] });
    assert.equal(lowercaseRepositoryFix('Foo/bar', JIB), 'foo/bar');
    assert.equal(lowercaseRepositoryFix('Foo/bar'), undefined);
    assert.ok(parseReference('Example.com/bar', JIB).ok);
  });

  it('rejects the bad references of ImageReferenceTest', () => {
    const bad: [string, ReferenceErrorCode, [number, number]][] = [
      ['', 'empty', [0, 0]],
      [':justsometag', 'empty-path-component', [0, 1]],
      [`@${SHA256}`, 'empty-path-component', [0, 1]],
      ['repository@notadigest', 'invalid-digest', [11, 21]],
      ['Repositorywithuppercase', 'uppercase-repository', [0, 23]],
      ['registry:8080/Repositorywithuppercase/repository:sometag', 'uppercase-repository', [14, 48]],
      ['domain.name:nonnumberport/repository', 'invalid-port', [12, 25]],
      ['domain.name:nonnumberport//:no-repository', 'invalid-port', [12, 25]],
    ];
    for (const [raw, code, span] of bad) assert.deepEqual(errorOf(raw), { code, span }, raw);
  });

  it('accepts the good combinations of ImageReferenceTest (testParse_pass)', () => {
    const registries = ['some.domain---name.123.com:8080', 'gcr.io', 'localhost', ''];
    const repositories = ['some123_abc/repository__123-456/name---here', 'distroless/java', 'repository'];
    const qualifiers = [':some-.-.Tag', ':latest', '', '@sha256:' + 'a'.repeat(64)];
    let checked = 0;
    for (const registry of registries) {
      for (const repository of repositories) {
        for (const qualifier of qualifiers) {
          const raw = (registry ? `${registry}/` : '') + repository + qualifier;
          const parts = parsedParts(raw);
          const hub = registry === '';
          assert.equal(parts.registry, hub ? 'docker.io' : registry, raw);
          assert.equal(parts.repository, hub && !repository.includes('/') ? `library/${repository}` : repository, raw);
          checked++;
        }
      }
    }
    assert.equal(checked, 48);
  });

  it('still refuses a bare image ID and a scheme', () => {
    assert.equal(errorOf(HEX).code, 'bare-digest');
    assert.deepEqual(errorOf('https://gcr.io/distroless/java'), { code: 'scheme', span: [0, 8] });
  });
});
