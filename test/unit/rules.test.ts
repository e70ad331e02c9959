import assert from 'node:assert/strict';
import { analyzeReference } from '../../server/src/service/analysis';
import { SYNTACTIC_RULES } from '../../server/src/service/rules';
import type { Finding } from '../../server/src/service/rules/rule';
import { refIn } from '../support/refs';

const D64 = 'sha256:' + 'e'.repeat(64);

function findings(document: string, text: string, options: Parameters<typeof refIn>[2] = {}): Finding[] {
  const reference = analyzeReference(refIn(document, text, options));
  return SYNTACTIC_RULES.map((r) => r.check(reference)).filter((f): f is Finding => !!f);
}

function spanText(document: string, f: Finding): string {
  return document.slice(f.span.start, f.span.end);
}

describe('syntactic rules', () => {
  const cases: Array<{ name: string; doc: string; ref: string; opts?: Parameters<typeof refIn>[2]; expect: Array<[string, string, number]> }> = [
    { name: 'pinned base: nothing', doc: `FROM alpine:3.20@${D64}`, ref: `alpine:3.20@${D64}`, expect: [['tag-and-digest', ':3.20', 3]] },
    { name: 'digest only: nothing', doc: `FROM alpine@${D64}`, ref: `alpine@${D64}`, expect: [] },
    { name: 'implicit latest', doc: 'FROM alpine', ref: 'alpine', expect: [['implicit-latest', 'alpine', 2]] },
    { name: 'explicit latest', doc: 'FROM alpine:latest', ref: 'alpine:latest', expect: [['latest-tag', 'latest', 2]] },
    { name: 'unpinned', doc: 'FROM alpine:3.20', ref: 'alpine:3.20', expect: [['unpinned', 'alpine:3.20', 3]] },
    { name: 'https scheme + rest analyzed', doc: 'FROM https://ghcr.io/o/a:1', ref: 'https://ghcr.io/o/a:1', expect: [['scheme-prefix', 'https://', 1], ['unpinned', 'ghcr.io/o/a:1', 3]] },
    { name: 'http scheme', doc: 'FROM http://localhost:5000/a:1', ref: 'http://localhost:5000/a:1', expect: [['scheme-prefix', 'http://', 1], ['unpinned', 'localhost:5000/a:1', 3]] },
    { name: 'uppercase repository', doc: 'FROM Org/App:1', ref: 'Org/App:1', expect: [['invalid-reference', 'App', 1]] },
    { name: 'short digest', doc: 'FROM a@sha256:abc', ref: 'a@sha256:abc', expect: [['invalid-reference', 'abc', 1]] },
    { name: 'jib tag+digest warns', doc: `<image>a:17@${D64}</image>`, ref: `a:17@${D64}`, opts: { tool: 'jib' }, expect: [['tag-and-digest', ':17', 2]] },
    { name: 'jib sha512 is invalid for Jib', doc: `<image>a@sha512:${'f'.repeat(128)}</image>`, ref: `a@sha512:${'f'.repeat(128)}`, opts: { tool: 'jib' }, expect: [['invalid-reference', 'sha512', 1]] },
    { name: 'target with digest', doc: `<image>r.io/a:1@${D64}</image>`, ref: `r.io/a:1@${D64}`, opts: { tool: 'jib', role: 'target' }, expect: [['digest-on-target', `@${D64}`, 1]] },
    { name: 'target latest/unpinned is fine', doc: '<image>r.io/a</image>', ref: 'r.io/a', opts: { tool: 'jib', role: 'target' }, expect: [] },
    { name: 'jib scratch', doc: '<image>scratch</image>', ref: 'scratch', opts: { tool: 'jib' }, expect: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = findings(c.doc, c.ref, c.opts).map((f) => [f.code, spanText(c.doc, f), f.severity]);
      assert.deepEqual(got.sort(), [...c.expect].sort());
    });
  }

  it('tag-and-digest in a Dockerfile is information and says the tag is ignored', () => {
    const doc = `FROM a:1@${D64}`;
    const [f] = findings(doc, `a:1@${D64}`);
    assert.equal(f.code, 'tag-and-digest');
    assert.equal(f.severity, 3);
    assert.match(f.message, /ignores the tag/);
  });

  it('a reference that is not editable (composed from variables) reports at its whole span', () => {
    const doc = 'FROM ${REG}/Org:1';
    const resolved = analyzeReference({ ...refIn(doc, '${REG}/Org:1'), text: 'r.io/Org:1', editable: false });
    const got = SYNTACTIC_RULES.map((r) => r.check(resolved)).filter(Boolean) as Finding[];
    assert.deepEqual(got.map((g) => [g.code, spanText(doc, g)]), [['invalid-reference', '${REG}/Org:1']]);
  });

  it('unresolved variables before the last `/`: the known tail is still judged', () => {
    const judge = (doc: string, text: string, role: 'base' | 'target' = 'base') => {
      const reference = analyzeReference({ ...refIn(doc, text, { role }), unresolved: true, editable: false });
      return SYNTACTIC_RULES.map((r) => r.check(reference)).filter((f): f is Finding => !!f).map((f) => f.code).sort();
    };
    assert.deepEqual(judge('FROM ${REG}/app:latest', '${REG}/app:latest'), ['latest-tag']);
    assert.deepEqual(judge('FROM ${REG}/app', '${REG}/app'), ['implicit-latest']);
    assert.deepEqual(judge('FROM $REG/app:1', '$REG/app:1'), ['unpinned']);
    assert.deepEqual(judge(`FROM \${REG}/app@sha256:abc`, '${REG}/app@sha256:abc'), ['invalid-reference']);
    assert.deepEqual(judge(`<image>\${REG}/app@${D64}</image>`, `\${REG}/app@${D64}`, 'target'), ['digest-on-target']);
    assert.deepEqual(judge('FROM ${REG}/app:${TAG}', '${REG}/app:${TAG}'), []);
    assert.deepEqual(judge('FROM ${IMAGE}:17', '${IMAGE}:17'), []);
  });

  it('unresolved references yield no findings at all', () => {
    const reference = analyzeReference({ ...refIn('FROM ${X}', '${X}'), unresolved: true });
    assert.deepEqual(SYNTACTIC_RULES.map((r) => r.check(reference)).filter(Boolean), []);
  });
});
