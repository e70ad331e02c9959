import assert from 'node:assert/strict';
import type { CredentialChain } from '../../server/src/registry/contract';
import { analyzeText } from '../../server/src/service/analysis';
import { hoverMarkdown } from '../../server/src/service/hover';
import { failure, manifestOutcome } from '../support/outcomes';

const chain = (tool: 'docker' | 'jib', found: boolean): CredentialChain => ({
  registry: 'h.example', tool, found, problems: [],
  steps: [
    { source: 'config file', key: 'h.example', file: '/h/.config/containers/auth.json', found: false, note: 'not present' },
    { source: 'credHelpers', key: 'h.example', file: '/h/.docker/config.json', found: false, note: 'no entry for this key' },
    { source: 'credsStore', key: 'h.example', helper: 'docker-credential-pass', file: '/h/.docker/config.json', found, ...(found ? {} : { note: 'the helper has nothing for this key' }) },
  ],
  nearMisses: found ? [] : [{ key: 'https://h.example/', source: 'docker-credential-pass list', why: `the helper holds "https://h.example/" but ${tool === 'jib' ? 'Jib' : 'docker'} asks it for "h.example"` }],
});
const chains = { docker: chain('docker', true), jib: chain('jib', false) };

describe('hover: the credential chain in short', () => {
  it("shows Jib's chain for a Jib file (missing files left out, near misses listed) and docker's for a Dockerfile", () => {
    const pom = '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>h.example/app:1</image></from></configuration></plugin></plugins></build></project>';
    const jib = hoverMarkdown(analyzeText(pom, 'maven').references[0], { tag: failure('credentials-missing', { credentialChains: chains }) }, 0);
    assert.match(jib, /\*\*Credentials \(Jib's lookup\):\*\* none found\n\n1\. ✗ credHelpers `h\.example`: no entry for this key\n2\. ✗ credsStore `h\.example` \(docker-credential-pass\): the helper has nothing for this key\n- near miss: docker-credential-pass list `https:\/\/h\.example\/`: the helper holds "https:\/\/h\.example\/" but Jib asks it for "h\.example"/);
    assert.doesNotMatch(jib, /auth\.json/);
    const ok = manifestOutcome('a');
    if (ok.ok) ok.image.credentials = { source: 'credsStore (pass)', key: 'h.example', chains };
    const docker = hoverMarkdown(analyzeText('FROM h.example/app:1\n', 'dockerfile').references[0], { tag: ok }, 0);
    assert.match(docker, /\*\*Credentials \(docker's lookup\):\*\* found\n\n1\. ✗ credHelpers `h\.example`: no entry for this key\n2\. ✓ credsStore `h\.example` \(docker-credential-pass\): found/);
    assert.doesNotMatch(hoverMarkdown(analyzeText('FROM h.example/app:1\n', 'dockerfile').references[0], { tag: manifestOutcome('a') }, 0), /Credentials \(/);
  });
});
