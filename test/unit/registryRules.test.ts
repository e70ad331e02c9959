import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeReference } from '../../server/src/service/analysis';
import { lookupsFor } from '../../server/src/service/resolution';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { diagnose } from '../../server/src/service/validation';
import type { ResolveOutcome } from '../../server/src/registry/contract';
import { refIn } from '../support/refs';
import { digestOf, entry, failure, indexOutcome, manifestOutcome } from '../support/outcomes';

const AMD = { os: 'linux', architecture: 'amd64' };
const ARM = { os: 'linux', architecture: 'arm64' };

/** Validate one reference with given registry answers for its tag and digest lookups. */
function check(doc: string, text: string, answers: { tag?: ResolveOutcome; digest?: ResolveOutcome }, options: Parameters<typeof refIn>[2] = {}) {
  const reference = analyzeReference(refIn(doc, text, options));
  const lookups = lookupsFor(reference);
  const outcomes = new Map<string, ResolveOutcome>();
  if (lookups.tag && answers.tag) outcomes.set(lookups.tag.key, answers.tag);
  if (lookups.digest && answers.digest) outcomes.set(lookups.digest.key, answers.digest);
  const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, doc);
  const result = diagnose(document, { kind: 'dockerfile', references: [reference], problems: [] }, DEFAULT_SETTINGS, outcomes);
  return { ...result, registryDiagnostics: result.diagnostics.filter((d) => !['unpinned', 'tag-and-digest', 'implicit-latest', 'latest-tag'].includes(String(d.code))) };
}

describe('registry rules', () => {
  it('asks for the tag and for the digest, and waits until both are answered', () => {
    const { pending, registryDiagnostics } = check(`FROM a:1@${digestOf('1')}`, `a:1@${digestOf('1')}`, {});
    assert.deepEqual(pending.map((p) => p.request.tagOrDigest).sort(), ['1', digestOf('1')]);
    assert.equal(pending[0].request.registry, 'docker.io');
    assert.equal(pending[0].request.repository, 'library/a');
    assert.deepEqual(registryDiagnostics, []);
  });

  it('implicit latest looks up `latest`; Jib lookups carry the Jib flavour', () => {
    assert.deepEqual(check('FROM a', 'a', {}).pending.map((p) => p.request.tagOrDigest), ['latest']);
    const jib = check('<image>a:1</image>', 'a:1', {}, { tool: 'jib' }).pending[0].request;
    assert.equal(jib.flavour, 'jib');
  });

  it('targets, docker:// and unresolved references are never looked up', () => {
    assert.deepEqual(check('<image>a:1</image>', 'a:1', {}, { tool: 'jib', role: 'target' }).pending, []);
  });

  it('tag-not-found, repository-not-found, digest-not-found point at the part', () => {
    const doc = `FROM org/a:1@${digestOf('2')}`;
    const ref = `org/a:1@${digestOf('2')}`;
    const tag = check('FROM org/a:9', 'org/a:9', { tag: failure('tag-not-found') }).registryDiagnostics;
    assert.deepEqual(tag.map((d) => [d.code, d.severity, d.range.start.character, d.range.end.character]), [['tag-not-found', 1, 11, 12]]);
    const repo = check('FROM org/a:9', 'org/a:9', { tag: failure('repository-not-found') }).registryDiagnostics;
    assert.deepEqual(repo.map((d) => [d.code, d.range.start.character, d.range.end.character]), [['repository-not-found', 5, 10]]);
    const digest = check(doc, ref, { tag: indexOutcome('2', []), digest: failure('digest-not-found') }).registryDiagnostics;
    assert.deepEqual(digest.map((d) => [d.code, doc.slice(d.range.start.character, d.range.end.character)]), [['digest-not-found', digestOf('2')]]);
  });

  it('drops the advice to pin once the tag or repository is known not to exist, keeps it otherwise', () => {
    assert.deepEqual(check('FROM org/a:9', 'org/a:9', { tag: failure('tag-not-found') }).diagnostics.map((d) => d.code), ['tag-not-found']);
    assert.deepEqual(check('FROM org/a', 'org/a', { tag: failure('repository-not-found') }).diagnostics.map((d) => d.code), ['repository-not-found']);
    assert.deepEqual(check('FROM org/a:9', 'org/a:9', { tag: failure('unreachable') }).diagnostics.map((d) => d.code), ['unpinned', 'registry-unreachable']);
  });

  it('network trouble is information, never an error', () => {
    for (const [kind, code] of [['unreachable', 'registry-unreachable'], ['rate-limited', 'rate-limited'], ['invalid-response', 'registry-unreachable']] as const) {
      const [d] = check('FROM a:1', 'a:1', { tag: failure(kind, { retryAfterSeconds: 30 }) }).registryDiagnostics;
      assert.equal(d.code, code);
      assert.equal(d.severity, 3);
    }
    const [limited] = check('FROM a:1', 'a:1', { tag: failure('rate-limited', { retryAfterSeconds: 30 }) }).registryDiagnostics;
    assert.match(limited.message as string, /Retry after 30 s/);
  });

  it('credentials-missing lists where it looked and suggests the ECR helper', () => {
    const host = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
    const searched = [`credHelpers: none for ${host}`, 'credsStore osxkeychain: not found', 'auths: no entry'];
    const [d] = check(`FROM ${host}/app:1`, `${host}/app:1`, {
      tag: failure('credentials-missing', { credentialSearch: searched, suggestedHelper: 'ecr-login' }),
    }).registryDiagnostics;
    assert.equal(d.code, 'credentials-missing');
    assert.equal(d.severity, 2);
    assert.match(d.message as string, /credHelpers: none for 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com; credsStore osxkeychain: not found; auths: no entry/);
    assert.match(d.message as string, /docker-credential-ecr-login/);
    const [rejected] = check('FROM a:1', 'a:1', { tag: failure('credentials-rejected') }).registryDiagnostics;
    assert.deepEqual([rejected.code, rejected.severity], ['credentials-rejected', 1]);
  });

  it('stale-digest when the tag moved, with the new digest for the fix; not when the pin is a child of the index', () => {
    const ref = `a:1@${digestOf('1')}`;
    const [stale] = check(`FROM ${ref}`, ref, { tag: indexOutcome('2', [entry('linux/amd64', '3')]), digest: indexOutcome('1', []) }).registryDiagnostics;
    assert.equal(stale.code, 'stale-digest');
    assert.deepEqual(stale.data, { digest: digestOf('2') });
    const child = check(`FROM ${ref}`, ref, { tag: indexOutcome('2', [entry('linux/amd64', '1')]), digest: manifestOutcome('1') }).registryDiagnostics;
    assert.deepEqual(child, []);
  });

  it('single-platform-digest when several platforms are built from one platform\'s manifest', () => {
    const ref = `a:1@${digestOf('1')}`;
    const answers = { tag: indexOutcome('2', [entry('linux/amd64', '1'), entry('linux/arm64/v8', '3')]), digest: manifestOutcome('1') };
    const [d] = check(`<image>${ref}</image>`, ref, answers, { tool: 'jib', platforms: [AMD, ARM], explicit: true }).registryDiagnostics;
    assert.equal(d.code, 'single-platform-digest');
    assert.deepEqual(d.data, { digest: digestOf('2') });
    assert.deepEqual(check(`<image>${ref}</image>`, ref, answers, { tool: 'jib', platforms: [AMD] }).registryDiagnostics, []);
  });

  it('platform-missing for a configured platform, arm64 matching arm64/v8, attestations ignored', () => {
    const index = indexOutcome('2', [entry('linux/amd64', '1'), entry('linux/arm64/v8', '3'), entry('unknown/unknown', '4', true)]);
    assert.deepEqual(check('FROM a:1', 'a:1', { tag: index }, { platforms: [AMD, ARM], explicit: true }).registryDiagnostics, []);
    const [d] = check('FROM a:1', 'a:1', { tag: index }, { platforms: [{ os: 'linux', architecture: 's390x' }], explicit: true }).registryDiagnostics;
    assert.equal(d.code, 'platform-missing');
    assert.match(d.message as string, /no linux\/s390x \(configured platform\); it offers: linux\/amd64, linux\/arm64\/v8\./);
    const armOnly = indexOutcome('2', [entry('linux/arm64/v8', '3')]);
    const [jib] = check('<image>a:1</image>', 'a:1', { tag: armOnly }, { tool: 'jib', platforms: [AMD] }).registryDiagnostics;
    assert.match(jib.message as string, /Jib's default platform/);
  });

  it('per-code severity settings apply to registry codes, and off removes them', () => {
    const reference = analyzeReference(refIn('FROM a:1', 'a:1'));
    const outcomes = new Map([[lookupsFor(reference).tag!.key, failure('unreachable')]]);
    const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, 'FROM a:1');
    const settings = { ...DEFAULT_SETTINGS, rules: { 'registry-unreachable': 'off' as const, unpinned: 'hint' as const } };
    const { diagnostics } = diagnose(document, { kind: 'dockerfile', references: [reference], problems: [] }, settings, outcomes);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['unpinned', 4]]);
  });
});
