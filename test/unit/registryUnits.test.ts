import assert from 'node:assert/strict';
import { parseChallenges, pickChallenge } from '../../server/src/registry/challenge';
import { errorCodes, parseRetryAfter } from '../../server/src/registry/errors';
import { HttpTransport } from '../../server/src/registry/http';
import { CancelledError } from '../../server/src/registry/errors';
import { RequestLimit } from '../../server/src/registry/requestLimit';
import { SharedLookups } from '../../server/src/registry/sharedLookups';
import { parseManifest, type ParsedManifest } from '../../server/src/registry/mediaTypes';

describe('WWW-Authenticate parser', () => {
  it('reads a Bearer challenge with several parameters', () => {
    assert.deepEqual(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/ubuntu:pull' } },
    ]);
  });

  it('lower-cases scheme and keys, keeps values, allows spaces around = and tokens unquoted', () => {
    assert.deepEqual(parseChallenges('BASIC Realm = "Registry Realm" , Charset=UTF-8'), [
      { scheme: 'basic', params: { realm: 'Registry Realm', charset: 'UTF-8' } },
    ]);
  });

  it('unescapes backslashes in quoted strings and keeps commas inside them', () => {
    assert.deepEqual(parseChallenges('Bearer realm="a \\"quoted\\" realm, with \\\\ comma",error="insufficient_scope"')[0].params, {
      realm: 'a "quoted" realm, with \\ comma',
      error: 'insufficient_scope',
    });
  });

  it('splits several challenges and prefers Bearer', () => {
    const header = 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple", Bearer realm="https://t/token"';
    assert.deepEqual(parseChallenges(header).map((c) => c.scheme), ['newauth', 'basic', 'bearer']);
    assert.deepEqual(parseChallenges(header)[0].params, { realm: 'apps', type: '1', title: 'Login to "apps"' });
    assert.equal(pickChallenge(header)?.scheme, 'bearer');
    assert.equal(pickChallenge('Basic realm="x"')?.params.realm, 'x');
    assert.equal(pickChallenge('Negotiate abc=='), undefined);
  });

  it('survives malformed input', () => {
    for (const bad of [undefined, '', ' ', ',,,', '=', '"', 'Bearer realm="unterminated', 'Bearer realm=', '==="x"', 'Bearer ,=,"',
      'realm="no scheme"', 'Bearer realm="a\\', '\u0000\uffff', 'Bearer realm="x" realm="y"']) {
      assert.doesNotThrow(() => parseChallenges(bad));
    }
    assert.deepEqual(parseChallenges('Bearer realm="unterminated'), [{ scheme: 'bearer', params: { realm: 'unterminated' } }]);
    assert.deepEqual(parseChallenges('realm="no scheme"'), []);
  });
});

describe('manifest parsing', () => {
  const parse = (doc: unknown) => parseManifest(Buffer.from(JSON.stringify(doc))) as ParsedManifest;
  const d = (c: string) => `sha256:${c.repeat(64)}`;

  it('reads platforms, ignores unknown media types, marks attestations by annotation or unknown/unknown', () => {
    const parsed = parse({
      schemaVersion: 2,
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d('a'), size: 10, platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' } },
        { mediaType: 'application/vnd.example.unknown+json', digest: d('b'), size: 10, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d('c'), size: 10, platform: { os: 'linux', architecture: 's390x' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d('e'), size: 10, platform: { os: 'unknown', architecture: 'unknown' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:bad', size: 10 },
      ],
    });
    assert.equal(parsed.kind, 'index');
    assert.equal(parsed.mediaType, 'application/vnd.oci.image.index.v1+json', 'inferred from the shape');
    assert.deepEqual(parsed.platforms.map((p) => [p.digest[7], p.os, p.osVersion, p.attestation]), [
      ['a', 'windows', '10.0.20348.1', false], ['c', 'linux', undefined, true], ['e', 'unknown', undefined, true],
    ]);
  });

  it('reports what is wrong with a body that is not a manifest', () => {
    assert.match(parseManifest(Buffer.from('[1]')) as string, /not a JSON object/);
    assert.match(parseManifest(Buffer.from('{')) as string, /not valid JSON/);
    assert.match(parseManifest(Buffer.from('{"mediaType":"text/plain"}')) as string, /unsupported manifest media type "text\/plain"/);
    assert.match(parseManifest(Buffer.from('{"mediaType":"application/vnd.oci.image.index.v1+json"}')) as string, /no "manifests"/);
  });
});

describe('request limit and shared lookups', () => {
  it('bounds the work in flight', async () => {
    const limiter = new RequestLimit(3);
    let active = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    })));
    assert.equal(peak, 3);
  });

  it('shares identical work and aborts it only when every waiter has cancelled', async () => {
    const lookups = new SharedLookups();
    let started = 0;
    let aborted = false;
    const work = (signal: AbortSignal) => new Promise<string>((resolve) => {
      started++;
      signal.addEventListener('abort', () => (aborted = true));
      setTimeout(() => resolve('done'), 30);
    });
    const one = new AbortController();
    const a = lookups.share('k', work, one.signal);
    const b = lookups.share('k', work);
    one.abort();
    await assert.rejects(a, CancelledError);
    assert.equal(await b, 'done');
    assert.equal(started, 1);
    assert.equal(aborted, false);

    const two = new AbortController();
    const c = lookups.share('k2', work, two.signal);
    two.abort();
    await assert.rejects(c, CancelledError);
    assert.equal(aborted, true);
  });

  it('lets a queued caller cancel', async () => {
    const limiter = new RequestLimit(1);
    const hold = limiter.run(() => new Promise((r) => setTimeout(r, 30)));
    const controller = new AbortController();
    const queued = limiter.run(async () => 'ran', controller.signal);
    controller.abort();
    await assert.rejects(queued, CancelledError);
    await hold;
    assert.equal(await limiter.run(async () => 'next'), 'next');
  });
});

describe('registry endpoints and small parsers', () => {
  const transport = new HttpTransport({ timeoutMs: 1000, userAgent: 't', insecureRegistries: ['lab.example:5000'], httpsRegistries: ['localhost:5443'] });
  after(() => transport.close());

  it('maps registries to base URLs', () => {
    assert.equal(transport.baseUrl('docker.io'), 'https://registry-1.docker.io');
    assert.equal(transport.baseUrl('ghcr.io'), 'https://ghcr.io');
    assert.equal(transport.baseUrl('localhost:5000'), 'http://localhost:5000');
    assert.equal(transport.baseUrl('127.0.0.2:5000'), 'http://127.0.0.2:5000');
    assert.equal(transport.baseUrl('[::1]:5000'), 'http://[::1]:5000');
    assert.equal(transport.baseUrl('localhost:5443'), 'https://localhost:5443');
    assert.equal(transport.baseUrl('lab.example:5000'), 'http://lab.example:5000');
    assert.equal(transport.baseUrl('lab.example:5001'), 'https://lab.example:5001');
  });

  it('allows plain HTTP only to loopback and listed hosts', () => {
    assert.equal(transport.plainHttpAllowed(new URL('http://[::1]:1/')), true);
    assert.equal(transport.plainHttpAllowed(new URL('http://lab.example:5000/')), true);
    assert.equal(transport.plainHttpAllowed(new URL('http://lab.example/')), false);
    assert.equal(transport.plainHttpAllowed(new URL('http://127.example/')), false);
  });

  it('parses Retry-After and error bodies defensively', () => {
    assert.equal(parseRetryAfter('120', 0), 120);
    assert.equal(parseRetryAfter(new Date(60_000).toUTCString(), 0), 60);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.deepEqual(errorCodes(Buffer.from('{"errors":[{"code":"NAME_UNKNOWN"},null,{"code":3}]}')), ['NAME_UNKNOWN']);
    assert.deepEqual(errorCodes(Buffer.from('<html>')), []);
    assert.deepEqual(errorCodes(Buffer.from('null')), []);
  });
});
