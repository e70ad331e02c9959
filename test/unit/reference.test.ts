import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatReference, lowercaseRepositoryFix, parseReference } from '../../server/src/service/reference/parse';
import type { ParsedReference, ReferenceErrorCode } from '../../server/src/service/reference/types';

// Digests and several cases are borrowed from distribution/reference reference_test.go and normalize_test.go.
const HEX = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
const SHA256 = `sha256:${HEX}`;
const SHA384 = `sha384:${'a'.repeat(96)}`;
const SHA512 = `sha512:${'f'.repeat(128)}`;
const PATH_255 = `${'a/'.repeat(127)}a`;
const PATH_256 = `${'a/'.repeat(127)}ab`;

/** [raw, registry, repository, tag, digest, normalized] */
type ValidCase = [string, string, string, string | undefined, string | undefined, string];
/** [raw, code, span start, span end] */
type InvalidCase = [string, ReferenceErrorCode, number, number];

const hub = (repository: string, suffix = '') => `docker.io/${repository}${suffix}`;
const U = undefined;

const VALID: ValidCase[] = [
  ['ubuntu', 'docker.io', 'library/ubuntu', U, U, hub('library/ubuntu')],
  ['ubuntu:22.04', 'docker.io', 'library/ubuntu', '22.04', U, hub('library/ubuntu', ':22.04')],
  ['library/ubuntu', 'docker.io', 'library/ubuntu', U, U, hub('library/ubuntu')],
  ['docker.io/ubuntu', 'docker.io', 'library/ubuntu', U, U, hub('library/ubuntu')],
  ['index.docker.io/ubuntu', 'docker.io', 'library/ubuntu', U, U, hub('library/ubuntu')],
  ['docker.io/library/ubuntu', 'docker.io', 'library/ubuntu', U, U, hub('library/ubuntu')],
  ['index.docker.io/docker/docker', 'docker.io', 'docker/docker', U, U, hub('docker/docker')],
  ['docker.io/library', 'docker.io', 'library/library', U, U, hub('library/library')],
  ['registry-1.docker.io/x', 'registry-1.docker.io', 'x', U, U, 'registry-1.docker.io/x'],
  ['dmcgowan/myapp:latest', 'docker.io', 'dmcgowan/myapp', 'latest', U, hub('dmcgowan/myapp', ':latest')],
  ['library/foo/bar', 'docker.io', 'library/foo/bar', U, U, hub('library/foo/bar')],
  ['test_com/foo', 'docker.io', 'test_com/foo', U, U, hub('test_com/foo')],
  ['localhost', 'docker.io', 'library/localhost', U, U, hub('library/localhost')],
  ['localhost/foo', 'localhost', 'foo', U, U, 'localhost/foo'],
  ['localhost:5000/x', 'localhost:5000', 'x', U, U, 'localhost:5000/x'],
  ['localhost:5000', 'docker.io', 'library/localhost', '5000', U, hub('library/localhost', ':5000')],
  ['test:5000/repo', 'test:5000', 'repo', U, U, 'test:5000/repo'],
  ['127.0.0.1:5000/docker/docker', '127.0.0.1:5000', 'docker/docker', U, U, '127.0.0.1:5000/docker/docker'],
  ['192.168.1.1', 'docker.io', 'library/192.168.1.1', U, U, hub('library/192.168.1.1')],
  ['192.168.1.1:5000', 'docker.io', 'library/192.168.1.1', '5000', U, hub('library/192.168.1.1', ':5000')],
  ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000', 'repo', '5050', U, '192.168.1.1:5000/repo:5050'],
  ['example.com:8000/private/moonbase', 'example.com:8000', 'private/moonbase', U, U, 'example.com:8000/private/moonbase'],
  ['Example.com/x', 'Example.com', 'x', U, U, 'Example.com/x'],
  ['Foo/bar', 'Foo', 'bar', U, U, 'Foo/bar'],
  ['DOCKER/docker', 'DOCKER', 'docker', U, U, 'DOCKER/docker'],
  ['[::1]/repo', '[::1]', 'repo', U, U, '[::1]/repo'],
  ['[::1]:5000/repo', '[::1]:5000', 'repo', U, U, '[::1]:5000/repo'],
  ['[2001:db8::1]:5000/repo:tag', '[2001:db8::1]:5000', 'repo', 'tag', U, '[2001:db8::1]:5000/repo:tag'],
  ['[2001:db8:1:2:3:4:5:6]/repo:tag', '[2001:db8:1:2:3:4:5:6]', 'repo', 'tag', U, '[2001:db8:1:2:3:4:5:6]/repo:tag'],
  ['[fc00::1]:5000/docker/docker', '[fc00::1]:5000', 'docker/docker', U, U, '[fc00::1]:5000/docker/docker'],
  ['[2001:db8::1]:5000/repo@' + SHA256, '[2001:db8::1]:5000', 'repo', U, SHA256, `[2001:db8::1]:5000/repo@${SHA256}`],
  ['lowercase:Uppercase', 'docker.io', 'library/lowercase', 'Uppercase', U, hub('library/lowercase', ':Uppercase')],
  ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'myimage', 'xn--n3h.com', U, 'xn--n3h.com/myimage:xn--n3h.com'],
  [`xn--7o8h.com/myimage:xn--7o8h.com@${SHA512}`, 'xn--7o8h.com', 'myimage', 'xn--7o8h.com', SHA512, `xn--7o8h.com/myimage:xn--7o8h.com@${SHA512}`],
  ['b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io', 'test.example.com/my-app', 'test.example.com', U, 'b.gcr.io/test.example.com/my-app:test.example.com'],
  ['foo_bar.com:8080', 'docker.io', 'library/foo_bar.com', '8080', U, hub('library/foo_bar.com', ':8080')],
  ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag', U, 'sub-dom1.foo.com/bar/baz/quux:some-long-tag'],
  ['foo:5000/bar', 'foo:5000', 'bar', U, U, 'foo:5000/bar'],
  ['a__b', 'docker.io', 'library/a__b', U, U, hub('library/a__b')],
  ['a---b', 'docker.io', 'library/a---b', U, U, hub('library/a---b')],
  ['a.b_c-d', 'docker.io', 'library/a.b_c-d', U, U, hub('library/a.b_c-d')],
  ['dock__er/docker', 'docker.io', 'dock__er/docker', U, U, hub('dock__er/docker')],
  ['d/docker', 'docker.io', 'd/docker', U, U, hub('d/docker')],
  ['1.2.3.4:5000/a-b_c.d/e__f---g', '1.2.3.4:5000', 'a-b_c.d/e__f---g', U, U, '1.2.3.4:5000/a-b_c.d/e__f---g'],
  [`x:${'a'.repeat(128)}`, 'docker.io', 'library/x', 'a'.repeat(128), U, hub('library/x', `:${'a'.repeat(128)}`)],
  ['x:_underscore_first', 'docker.io', 'library/x', '_underscore_first', U, hub('library/x', ':_underscore_first')],
  ['x:v1.2.3-rc_1', 'docker.io', 'library/x', 'v1.2.3-rc_1', U, hub('library/x', ':v1.2.3-rc_1')],
  [`foo@${SHA256}`, 'docker.io', 'library/foo', U, SHA256, hub('library/foo', `@${SHA256}`)],
  [`foo:tag@${SHA256}`, 'docker.io', 'library/foo', 'tag', SHA256, hub('library/foo', `:tag@${SHA256}`)],
  [`x@${SHA384}`, 'docker.io', 'library/x', U, SHA384, hub('library/x', `@${SHA384}`)],
  [`x@${SHA512}`, 'docker.io', 'library/x', U, SHA512, hub('library/x', `@${SHA512}`)],
  [`gcr.io/distroless/java@${SHA256}`, 'gcr.io', 'distroless/java', U, SHA256, `gcr.io/distroless/java@${SHA256}`],
  [`test:5000/repo:tag@${SHA256}`, 'test:5000', 'repo', 'tag', SHA256, `test:5000/repo:tag@${SHA256}`],
  ['ghcr.io/org/app:1.0', 'ghcr.io', 'org/app', '1.0', U, 'ghcr.io/org/app:1.0'],
  // With a domain, 64 hex characters are a repository, not an image ID (normalize_test.go).
  [`docker.io/${HEX}`, 'docker.io', `library/${HEX}`, U, U, hub(`library/${HEX}`)],
  [HEX.slice(1), 'docker.io', `library/${HEX.slice(1)}`, U, U, hub(`library/${HEX.slice(1)}`)],
  // ParseNormalizedNamed reads `sha256:<hex>` as the Hub image `sha256` with a 64-character tag.
  [SHA256, 'docker.io', 'library/sha256', HEX, U, hub('library/sha256', `:${HEX}`)],
  [`example.com/${PATH_255}`, 'example.com', PATH_255, U, U, `example.com/${PATH_255}`],
  // 8 characters of `library/` + 247 = 255.
  ['b'.repeat(247), 'docker.io', `library/${'b'.repeat(247)}`, U, U, hub(`library/${'b'.repeat(247)}`)],
];

const INVALID: InvalidCase[] = [
  ['', 'empty', 0, 0],
  ['   ', 'empty', 0, 3],
  ['ubuntu 22.04', 'whitespace', 6, 7],
  ['ubuntu\t', 'whitespace', 6, 7],
  [' ubuntu', 'whitespace', 0, 1],
  ['https://registry.example.com/x', 'scheme', 0, 8],
  ['http://localhost:5000/x', 'scheme', 0, 7],
  ['docker://ubuntu', 'scheme', 0, 9],
  [HEX, 'bare-digest', 0, 64],
  ['Ubuntu', 'uppercase-repository', 0, 6],
  ['Uppercase:tag', 'uppercase-repository', 0, 9],
  ['docker/Docker', 'uppercase-repository', 0, 13],
  ['docker.io/docker/Docker', 'uppercase-repository', 10, 23],
  ['test:5000/Uppercase/lowercase:tag', 'uppercase-repository', 10, 29],
  ['Example.com/Foo:Tag', 'uppercase-repository', 12, 15],
  ['Foo/Bar', 'uppercase-repository', 4, 7],
  ['Foo_Bar/x', 'uppercase-repository', 0, 9],
  ['-docker', 'invalid-path-component', 0, 7],
  ['-docker/docker', 'invalid-path-component', 0, 7],
  ['docker-/docker', 'invalid-path-component', 0, 7],
  ['a._b', 'invalid-path-component', 0, 4],
  ['dock_-er/docker', 'invalid-path-component', 0, 8],
  ['x/dock-.er', 'invalid-path-component', 2, 10],
  // A first component with a dot is a domain (normalize.go), so these are bad hosts, not bad paths.
  ['dock..er/docker', 'invalid-domain', 4, 6],
  ['dock-.er/docker', 'invalid-domain', 0, 5],
  ['a___b', 'invalid-path-component', 0, 5],
  ['____/____', 'invalid-path-component', 0, 4],
  ['gcr.io/org/_app', 'invalid-path-component', 11, 15],
  ['docker/', 'empty-path-component', 6, 7],
  ['docker///docker', 'empty-path-component', 6, 8],
  ['/docker', 'empty-path-component', 0, 1],
  ['localhost/', 'empty-path-component', 9, 10],
  ['localhost//x', 'empty-path-component', 9, 11],
  [':justtag', 'empty-path-component', 0, 1],
  [`@${SHA256}`, 'empty-path-component', 0, 1],
  ['[fc00::1]', 'empty-path-component', 0, 9],
  ['[fc00::1]:5000', 'empty-path-component', 0, 14],
  ['[2001:db8::1]:tag', 'empty-path-component', 0, 17],
  ['aa/asdf$$^/aa', 'invalid-character', 7, 8],
  ['ubünt', 'invalid-character', 2, 3],
  ['foo:bar:baz', 'invalid-character', 3, 4],
  ['x:ta+g', 'invalid-character', 4, 5],
  [`x@sha256:${HEX.slice(0, 63)}g`, 'invalid-character', 72, 73],
  ['name:', 'invalid-tag', 4, 5],
  ['x:.tag', 'invalid-tag', 2, 6],
  ['x:-tag', 'invalid-tag', 2, 6],
  [`x:${'a'.repeat(129)}`, 'tag-too-long', 2, 131],
  ['name@', 'invalid-digest', 4, 5],
  ['x@sha256', 'invalid-digest', 2, 8],
  [`x@:${HEX}`, 'invalid-digest', 2, 3],
  ['x@sha256:', 'invalid-digest', 8, 9],
  [`repo@sha256:${'f'.repeat(34)}`, 'digest-length', 12, 46],
  [`x@sha256:${HEX.slice(1)}`, 'digest-length', 9, 72],
  [`x@sha256:${HEX}a`, 'digest-length', 9, 74],
  [`x@sha384:${HEX}`, 'digest-length', 9, 73],
  [`x@sha512:${HEX}`, 'digest-length', 9, 73],
  [`x@sha256:${HEX.toUpperCase()}`, 'digest-uppercase', 9, 73],
  [`validname@invaliddigest:${'f'.repeat(64)}`, 'digest-unknown-algorithm', 10, 23],
  [`x@md5:${HEX.slice(0, 32)}`, 'digest-unknown-algorithm', 2, 5],
  [`x@SHA256:${HEX}`, 'digest-unknown-algorithm', 2, 8],
  ['[fe80::1%eth0]:5000/debian', 'invalid-ipv6', 8, 13],
  ['[2001:db8:3:4::192.0.2.33]:5000/debian', 'invalid-ipv6', 1, 25],
  ['fc00::1:5000/debian', 'invalid-ipv6', 0, 12],
  ['[::1/repo', 'invalid-ipv6', 0, 4],
  ['[::1]x/repo', 'invalid-ipv6', 5, 6],
  ['[::1]:/repo', 'invalid-port', 5, 6],
  ['example.com:/x', 'invalid-port', 11, 12],
  ['domain.name:nonnumberport/repository', 'invalid-port', 12, 25],
  ['-docker.io/docker/docker', 'invalid-domain', 0, 7],
  ['example..com/x', 'invalid-domain', 7, 9],
  ['example.com./x', 'invalid-domain', 11, 12],
  ['.example.com/x', 'invalid-domain', 0, 1],
  ['foo_bar.com/x', 'invalid-domain', 0, 7],
  [':5000/x', 'invalid-domain', 0, 1],
  [`example.com/${PATH_256}`, 'name-too-long', 12, 268],
  // `library/` + 248 = 256.
  ['b'.repeat(248), 'name-too-long', 0, 248],
];

function assertParts(ref: ParsedReference, expected: ValidCase, label: string): void {
  const [, registry, repository, tag, digest, normalized] = expected;
  assert.deepEqual(
    { registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest, normalized: ref.normalized },
    { registry, repository, tag, digest, normalized },
    label,
  );
}

describe('parseReference: valid references', () => {
  for (const testCase of VALID) {
    const raw = testCase[0];
    it(`accepts ${JSON.stringify(raw.length > 70 ? `${raw.slice(0, 67)}...` : raw)}`, () => {
      const result = parseReference(raw);
      assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
      assertParts(result.ref, testCase, raw);
      const { spans } = result.ref;
      assert.equal(raw.slice(spans.path.start, spans.path.end), result.ref.path);
      if (spans.domain) assert.equal(raw.slice(spans.domain.start, spans.domain.end), result.ref.domain);
      if (spans.tag) assert.equal(raw.slice(spans.tag.start, spans.tag.end), result.ref.tag);
      if (spans.digest) assert.equal(raw.slice(spans.digest.start, spans.digest.end), result.ref.digest);
    });
  }
});

describe('parseReference: invalid references', () => {
  for (const [raw, code, start, end] of INVALID) {
    it(`rejects ${JSON.stringify(raw.length > 70 ? `${raw.slice(0, 67)}...` : raw)} with ${code}`, () => {
      const result = parseReference(raw);
      assert.ok(!result.ok, `expected ${code}, got a valid reference`);
      assert.equal(result.error.code, code, result.error.message);
      assert.deepEqual(result.error.span, { start, end }, `${result.error.message} at ${JSON.stringify(raw.slice(result.error.span.start, result.error.span.end))}`);
      assert.match(result.error.message, /^[^\n]{10,}$/);
      assert.doesNotMatch(result.error.message, /^invalid$/i);
    });
  }

  it('has at least 80 cases in all', () => {
    assert.ok(VALID.length + INVALID.length >= 80, `${VALID.length + INVALID.length}`);
  });

  it('says how many hex characters a digest needs and has', () => {
    const result = parseReference(`x@sha256:${HEX.slice(1)}`);
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'sha256 digest must have 64 hex characters, found 63');
  });

  it('gives unknown algorithm, wrong length and uppercase hex distinct messages', () => {
    const messages = [`x@md5:${HEX}`, `x@sha256:${HEX}0`, `x@sha256:${HEX.toUpperCase()}`].map((raw) => {
      const result = parseReference(raw);
      assert.ok(!result.ok);
      return result.error.message;
    });
    assert.equal(new Set(messages).size, 3);
  });

  it('tells an image ID apart and asks to lowercase an uppercase repository', () => {
    const id = parseReference(HEX);
    assert.ok(!id.ok);
    assert.match(id.error.message, /looks like an image ID, not a reference/);
    const upper = parseReference('Ubuntu:22.04');
    assert.ok(!upper.ok);
    assert.match(upper.error.message, /lowercase/);
  });
});

describe('round trip through formatReference', () => {
  for (const [raw] of VALID) {
    it(`keeps the parts of ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw)}`, () => {
      const first = parseReference(raw);
      assert.ok(first.ok);
      for (const style of ['normalized', 'familiar'] as const) {
        const written = formatReference(first.ref, style);
        const again = parseReference(written);
        assert.ok(again.ok, `${style} form ${written} does not parse`);
        const parts = (r: ParsedReference) => [r.registry, r.repository, r.tag, r.digest, r.normalized];
        assert.deepEqual(parts(again.ref), parts(first.ref), `${style} form ${written}`);
      }
      assert.equal(formatReference(first.ref), first.ref.normalized);
    });
  }
});

describe('formatReference', () => {
  it('writes the familiar form docker shows', () => {
    assert.equal(formatReference({ registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04' }, 'familiar'), 'ubuntu:22.04');
    assert.equal(formatReference({ registry: 'docker.io', repository: 'org/app' }, 'familiar'), 'org/app');
    assert.equal(formatReference({ registry: 'docker.io', repository: 'library/foo/bar' }, 'familiar'), 'library/foo/bar');
    assert.equal(formatReference({ registry: 'ghcr.io', repository: 'o/a', digest: SHA256 }, 'familiar'), `ghcr.io/o/a@${SHA256}`);
  });

  it('keeps docker.io when the first component would read as a host', () => {
    assert.equal(formatReference({ registry: 'docker.io', repository: 'foo.bar/x' }, 'familiar'), 'docker.io/foo.bar/x');
    assert.equal(formatReference({ registry: 'docker.io', repository: 'localhost/x' }, 'familiar'), 'docker.io/localhost/x');
  });

  it('writes tag and digest together', () => {
    assert.equal(formatReference({ registry: 'docker.io', repository: 'library/x', tag: 't', digest: SHA256 }), `docker.io/library/x:t@${SHA256}`);
  });
});

describe('lowercaseRepositoryFix', () => {
  const fixes: [string, string | undefined][] = [
    ['Ubuntu:22.04', 'ubuntu:22.04'],
    ['docker.io/MyOrg/App:Tag', 'docker.io/myorg/app:Tag'],
    ['Example.com/Foo', 'Example.com/foo'],
    ['Foo_Bar/x', 'foo_bar/x'],
    [`My/App@${SHA256}`, `My/app@${SHA256}`],
    ['Ubuntu:-bad', undefined],
    ['ubuntu', undefined],
    ['Foo_-bar', undefined],
  ];
  for (const [raw, expected] of fixes) {
    it(`${raw} → ${String(expected)}`, () => {
      assert.equal(lowercaseRepositoryFix(raw), expected);
    });
  }
});

/**
 * A direct port of distribution/reference's regexp.go and normalize.go ParseNormalizedNamed, used as an oracle.
 * One deliberate difference, documented in domain.ts: when the first component is taken for a domain but is not a
 * valid host (`foo_bar.com/x`), distribution/reference silently returns a reference with an empty domain, which
 * docker cannot pull; we reject it.
 */
// A transcription of regexp.go kept as one block, as it reads there.
// eslint-disable-next-line @typescript-eslint/no-namespace
namespace distribution {
  const alphanumeric = '[a-z0-9]+';
  const separator = '(?:[._]|__|[-]+)';
  const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const domainAndPort = `(?:${domainNameComponent}(?:\\.${domainNameComponent})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
  const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
  const remoteName = `${pathComponent}(?:/${pathComponent})*`;
  const tag = '[\\w][\\w.-]{0,127}';
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
  const reference = new RegExp(`^((?:${domainAndPort}/)?${remoteName})(?::(${tag}))?(?:@(${digest}))?$`);
  const anchoredName = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
  const hexLengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

  function splitDockerDomain(name: string): [string, string] {
    const slash = name.indexOf('/');
    if (slash < 0) return ['docker.io', `library/${name}`];
    const maybeDomain = name.slice(0, slash);
    let [domain, remote] = [maybeDomain, name.slice(slash + 1)];
    if (maybeDomain === 'index.docker.io') domain = 'docker.io';
    else if (maybeDomain !== 'localhost' && !/[.:]/.test(maybeDomain) && maybeDomain.toLowerCase() === maybeDomain) {
      [domain, remote] = ['docker.io', name];
    }
    return [domain, domain === 'docker.io' && !remote.includes('/') ? `library/${remote}` : remote];
  }

  export function parseNormalizedNamed(s: string): { registry: string; repository: string; tag?: string; digest?: string } | undefined {
    if (/^[a-f0-9]{64}$/.test(s)) return undefined;
    const [domain, remainder] = splitDockerDomain(s);
    const colon = remainder.indexOf(':');
    const remote = colon < 0 ? remainder : remainder.slice(0, colon);
    if (remote.toLowerCase() !== remote) return undefined;
    const match = reference.exec(`${domain}/${remainder}`);
    if (!match) return undefined;
    const name = anchoredName.exec(match[1] ?? '');
    const [registry, repository] = [name?.[1] ?? '', name?.[2] ?? match[1] ?? ''];
    if (repository.length > 255 || registry === '') return undefined;
    const dgst = match[3];
    if (dgst !== undefined) {
      const [algorithm = '', hex = ''] = dgst.split(':');
      const length = hexLengths[algorithm];
      if (length === undefined || !new RegExp(`^[a-f0-9]{${length}}$`).test(hex)) return undefined;
    }
    return { registry, repository, tag: match[2], digest: dgst };
  }
}

function assertAgreesWithDistribution(raw: string): void {
  const expected = distribution.parseNormalizedNamed(raw);
  const actual = parseReference(raw);
  if (!expected) {
    assert.ok(!actual.ok, `distribution/reference rejects ${JSON.stringify(raw)} but we accept it`);
    return;
  }
  assert.ok(actual.ok, `distribution/reference accepts ${JSON.stringify(raw)}, we say ${actual.ok ? '' : actual.error.message}`);
  const { registry, repository, tag, digest } = actual.ref;
  assert.deepEqual({ registry, repository, tag, digest }, expected, raw);
}

describe('agreement with distribution/reference (regexes ported from regexp.go)', () => {
  it('agrees on every table case', () => {
    for (const [raw] of [...VALID, ...INVALID]) assertAgreesWithDistribution(raw);
  });

  const tokens = ['a', 'b', 'z', '0', '9', 'A', 'Q', '.', '_', '__', '-', '--', '/', '/', ':', ':', '@', '[', ']', '%',
    'localhost', 'docker.io', 'index.docker.io', 'example.com', '5000', '::1', 'sha256:', 'sha512:', 'md5:', HEX,
    HEX.slice(0, 32), HEX.toUpperCase(), 'library', ' ', 'é'];

  it('agrees on random token strings', () => {
    const arbitrary = fc.array(fc.constantFrom(...tokens), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(fc.property(arbitrary, (raw) => { assertAgreesWithDistribution(raw); }), { numRuns: 5000 });
  });

  it('agrees on random structured references', () => {
    const component = fc.array(fc.constantFrom('a', 'b', '1', '.', '_', '-', 'A'), { minLength: 0, maxLength: 6 }).map((p) => p.join(''));
    const domain = fc.option(fc.constantFrom('localhost', 'docker.io', 'index.docker.io', 'Reg.io', 'reg.io:5000', '[::1]', '[::1]:80', 'Foo', 'a_b.io', 'host:x'));
    const tag = fc.option(fc.constantFrom('latest', 'v1.0', '.x', '', 'A_b-c', 'a'.repeat(129)));
    const dgst = fc.option(fc.constantFrom(SHA256, SHA384, SHA512, `sha256:${HEX.slice(1)}`, `SHA256:${HEX}`, `sha256:${HEX.toUpperCase()}`, 'md5:x'));
    const arbitrary = fc.tuple(domain, fc.array(component, { minLength: 1, maxLength: 3 }), tag, dgst).map(([d, path, t, g]) =>
      (d === null ? '' : `${d}/`) + path.join('/') + (t === null ? '' : `:${t}`) + (g === null ? '' : `@${g}`));
    fc.assert(fc.property(arbitrary, (raw) => { assertAgreesWithDistribution(raw); }), { numRuns: 5000 });
  });

  it('round-trips every valid random reference', () => {
    const arbitrary = fc.array(fc.constantFrom(...tokens), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(fc.property(arbitrary, (raw) => {
      const first = parseReference(raw);
      if (!first.ok) return;
      const again = parseReference(formatReference(first.ref, 'familiar'));
      assert.ok(again.ok);
      assert.equal(again.ref.normalized, first.ref.normalized);
    }), { numRuns: 3000 });
  });
});
