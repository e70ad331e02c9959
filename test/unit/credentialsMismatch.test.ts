import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import type { CredentialChain, CredentialChainPair, ResolveOutcome } from '../../server/src/registry/contract';
import { analyzeText } from '../../server/src/service/analysis';
import { codeActions } from '../../server/src/service/codeActions';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import type { FileKind } from '../../server/src/service/types';
import { diagnose } from '../../server/src/service/validation';
import { failure, manifestOutcome } from '../support/outcomes';

const H = 'reg.example.com';
const NAMES: Record<string, string> = { maven: 'pom.xml', 'gradle-groovy': 'build.gradle', 'gradle-kotlin': 'build.gradle.kts', dockerfile: 'Dockerfile' };

function chain(tool: 'docker' | 'jib', found: boolean, over: Partial<CredentialChain> = {}): CredentialChain {
  return { registry: H, tool, found, nearMisses: [], problems: [], steps: [], ...over };
}
const DOCKER_VIA_HELPER = chain('docker', true, { steps: [{ source: 'credHelpers', key: H, helper: 'docker-credential-vault', file: '/h/.docker/config.json', found: true }] });
const JIB_MISSING_HELPER = chain('jib', false, {
  steps: [{ source: 'from.credHelper', key: H, helper: 'docker-credential-wrong', found: false, note: 'not installed (docker-credential-wrong is not on PATH)' }],
  problems: ['Jib stops with "The system does not have docker-credential-wrong CLI"'],
});

function withChains(chains: CredentialChainPair, ok = true): ResolveOutcome {
  if (!ok) return failure('credentials-missing', { credentialChains: chains });
  const outcome = manifestOutcome('a');
  if (outcome.ok) outcome.image.credentials = { source: 'credHelpers (vault)', chains };
  return outcome;
}

async function run(text: string, kind: FileKind, outcome: ResolveOutcome) {
  const document = TextDocument.create(`file:///w/${NAMES[kind]}`, kind, 1, text);
  const analysis = analyzeText(text, kind);
  const outcomes = { get: () => outcome, has: () => true };
  const { diagnostics } = diagnose(document, analysis, DEFAULT_SETTINGS, outcomes);
  const mismatch = diagnostics.filter((d) => d.code === 'credentials-mismatch');
  const actions = await codeActions({ document, analysis, diagnostics: mismatch, pinStyle: 'auto', knownDigest: () => undefined });
  const apply = (a: CodeAction) => TextDocument.applyEdits(document, a.edit?.changes?.[document.uri] ?? []);
  return { mismatch, actions, apply };
}

const pom = (from: string) => `<project><build><plugins><plugin>
  <artifactId>jib-maven-plugin</artifactId>
  <configuration>
    <from>
      <image>${H}/base/java:17</image>${from}
    </from>
  </configuration>
</plugin></plugins></build></project>
`;

describe('credentials-mismatch (pure rule and quick fix)', () => {
  it('warns when docker finds credentials through a helper and Jib does not, naming both keys; the fix inserts <credHelper>', async () => {
    const r = await run(pom(''), 'maven', withChains({ docker: DOCKER_VIA_HELPER, jib: chain('jib', false, { steps: [{ source: 'auths', key: H, file: '/h/.docker/config.json', found: false }] }) }, false));
    assert.equal(r.mismatch.length, 1);
    assert.equal(r.mismatch[0].severity, 2);
    assert.match(String(r.mismatch[0].message), /^docker finds credentials for reg\.example\.com \(credHelpers "reg\.example\.com" via docker-credential-vault\) but Jib does not \(it asks auths "reg\.example\.com"\)\. Set Jib's credHelper for this image to `vault`/);
    assert.equal(r.actions.length, 1);
    assert.equal(r.actions[0].title, "Set Jib's credHelper to `vault`");
    assert.equal(r.actions[0].isPreferred, undefined, 'not applied by imageref fix: it changes which helper Jib runs');
    assert.equal(r.apply(r.actions[0]), pom('\n      <credHelper>vault</credHelper>'));
  });

  it('replaces a credHelper Jib cannot run (Jib stops there), in Maven and both Gradle dialects', async () => {
    const chains = { docker: DOCKER_VIA_HELPER, jib: JIB_MISSING_HELPER };
    const maven = await run(pom('\n      <credHelper>wrong</credHelper>'), 'maven', withChains(chains));
    assert.match(String(maven.mismatch[0].message), /Jib stops with "The system does not have docker-credential-wrong CLI"/);
    assert.equal(maven.apply(maven.actions[0]), pom('\n      <credHelper>vault</credHelper>'));

    const groovy = `jib {\n  from {\n    image = '${H}/base/java:17'\n  }\n}\n`;
    const g = await run(groovy, 'gradle-groovy', withChains(chains));
    assert.equal(g.apply(g.actions[0]), `jib {\n  from {\n    image = '${H}/base/java:17'\n    credHelper = 'vault'\n  }\n}\n`);
    const groovyExisting = `jib {\n  from {\n    image = '${H}/base/java:17'\n    credHelper = 'wrong'\n  }\n}\n`;
    const ge = await run(groovyExisting, 'gradle-groovy', withChains(chains));
    assert.equal(ge.apply(ge.actions[0]), groovyExisting.replace("'wrong'", "'vault'"));

    const kotlin = `jib {\n  from {\n    image = "${H}/base/java:17"\n  }\n}\n`;
    const k = await run(kotlin, 'gradle-kotlin', withChains(chains));
    assert.equal(k.apply(k.actions[0]), `jib {\n  from {\n    image = "${H}/base/java:17"\n    setCredHelper("vault")\n  }\n}\n`);
  });

  it('warns the other way when only Jib finds credentials, without a credHelper fix', async () => {
    const chains = {
      docker: chain('docker', false, { steps: [{ source: 'credHelpers', key: H, file: '/h/.docker/config.json', found: false }, { source: 'auths', key: H, file: '/h/.docker/config.json', found: false }] }),
      jib: chain('jib', true, { steps: [{ source: 'auths', key: `https://${H}/v2/`, file: '/h/.docker/config.json', found: true }] }),
    };
    const r = await run(pom(''), 'maven', withChains(chains));
    assert.match(String(r.mismatch[0].message), /^Jib finds credentials for reg\.example\.com \(auths "https:\/\/reg\.example\.com\/v2\/"\) but docker does not .*"reg\.example\.com"/);
    assert.deepEqual(r.actions, []);
  });

  it('is silent when both agree, in Dockerfiles, and when the build file gives Jib a username and password', async () => {
    assert.deepEqual((await run(pom(''), 'maven', withChains({ docker: DOCKER_VIA_HELPER, jib: chain('jib', true) }))).mismatch, []);
    const chains = { docker: DOCKER_VIA_HELPER, jib: JIB_MISSING_HELPER };
    assert.deepEqual((await run(`FROM ${H}/base/java:17\n`, 'dockerfile', withChains(chains))).mismatch, []);
    const auth = pom('\n      <auth><username>u</username><password>p</password></auth>');
    assert.deepEqual((await run(auth, 'maven', withChains(chains))).mismatch, []);
  });
});
