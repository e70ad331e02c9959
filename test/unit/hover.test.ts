import assert from 'node:assert/strict';
import { analyzeReference } from '../../server/src/service/analysis';
import { hoverMarkdown } from '../../server/src/service/hover';
import { refIn } from '../support/refs';
import { entry, failure, indexOutcome } from '../support/outcomes';

describe('hover markdown', () => {
  it('shows the parts, the platforms table with attestations labelled, and when it was resolved', () => {
    const reference = analyzeReference(refIn('FROM ghcr.io/org/app:1', 'ghcr.io/org/app:1'));
    const outcome = indexOutcome('2', [entry('linux/amd64', '1'), entry('linux/arm64/v8', '3'), entry('unknown/unknown', '4', true)]);
    const md = hoverMarkdown(reference, { tag: outcome }, 90_000);
    assert.match(md, /\| Registry \| `ghcr\.io` \|/);
    assert.match(md, /\| Repository \| `org\/app` \|/);
    assert.match(md, /\| Tag \| `1` \|/);
    assert.match(md, /\| linux\/amd64 \| `sha256:111111111111…` \| 1,000 B \|/);
    assert.match(md, /\| linux\/arm64\/v8 \|/);
    assert.match(md, /\| _attestation_ \|/);
    assert.match(md, /Resolved 2 min ago; credentials: anonymous\./);
  });

  it('names Jib credential configuration and the registry failure; says when a variable is unresolved', () => {
    const jib = { ...refIn('<image>a.io/b:1</image>', 'a.io/b:1', { tool: 'jib' }), jibAuth: { credHelper: 'ecr-login', hasUsernamePassword: true } };
    const md = hoverMarkdown(analyzeReference(jib), { tag: failure('credentials-missing') }, 0);
    assert.match(md, /Jib asks `docker-credential-ecr-login` first/);
    assert.match(md, /Jib uses the `auth` username and password/);
    assert.match(md, /\*\*Registry:\*\* credentials-missing happened/);
    const unresolved = hoverMarkdown(analyzeReference({ ...refIn('FROM ${X}', '${X}'), unresolved: true }), undefined, 0);
    assert.match(unresolved, /uses a variable imageref cannot resolve/);
  });
});
