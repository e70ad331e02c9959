import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeText, type AnalyzedReference } from '../../server/src/service/analysis';
import { codeActions } from '../../server/src/service/codeActions';
import type { KnownOutcomes } from '../../server/src/service/resolution';
import { DEFAULT_SETTINGS, type PinStyle } from '../../server/src/service/settings';
import type { FileKind } from '../../server/src/service/types';
import { diagnose } from '../../server/src/service/validation';
import { digestOf, entry, indexOutcome, manifestOutcome } from '../support/outcomes';

const NAMES: Record<FileKind, string> = { dockerfile: 'Dockerfile', maven: 'pom.xml', 'gradle-groovy': 'build.gradle', 'gradle-kotlin': 'build.gradle.kts',
  compose: 'compose.yaml', kubernetes: 'deployment.yaml', 'github-actions': '.github/workflows/ci.yml', 'gitlab-ci': '.gitlab-ci.yml', skaffold: 'skaffold.yaml',
  java: 'AppTests.java', kotlin: 'AppTests.kt', groovy: 'AppSpec.groovy',
  'quarkus-properties': 'application.properties', 'quarkus-yaml': 'application.yaml' };

interface Case {
  actions: CodeAction[];
  diagnostics: Diagnostic[];
  document: TextDocument;
  asked: string[];
}

/** Code actions for every diagnostic of `text`, from the pure service stages, with a scripted tag → digest answer. */
async function actionsFor(
  text: string,
  kind: FileKind = 'dockerfile',
  options: { digest?: string; outcomes?: KnownOutcomes; only?: string[]; pinStyle?: PinStyle } = {},
): Promise<Case> {
  const document = TextDocument.create(`file:///w/${NAMES[kind]}`, kind, 1, text);
  const analysis = analyzeText(text, kind);
  const { diagnostics } = diagnose(document, analysis, DEFAULT_SETTINGS, options.outcomes);
  const asked: string[] = [];
  const actions = await codeActions({
    document,
    analysis,
    diagnostics,
    only: options.only,
    pinStyle: options.pinStyle ?? 'auto',
    knownDigest: () => undefined,
    lookUpDigest: async (reference: AnalyzedReference) => {
      asked.push(reference.body);
      return options.digest;
    },
  });
  return { actions, diagnostics, document, asked };
}

function applied(c: Case, action: CodeAction): string {
  return TextDocument.applyEdits(c.document, action.edit?.changes?.[c.document.uri] ?? []);
}

function only(c: Case, title: RegExp): CodeAction {
  const found = c.actions.filter((a) => title.test(a.title));
  assert.equal(found.length, 1, `one action titled ${title}, got: ${c.actions.map((a) => a.title).join(' | ')}`);
  return found[0];
}

/** Outcomes by lookup key; keys are matched on their tag-or-digest part so the test need not spell them out. */
function outcomesByTagOrDigest(answers: Record<string, ReturnType<typeof indexOutcome>>): KnownOutcomes {
  const find = (key: string) => answers[key.split('|')[1]];
  return { get: find, has: (key) => find(key) !== undefined };
}

const D = digestOf('d');

describe('code actions (pure)', () => {
  it('removes a pasted scheme', async () => {
    const c = await actionsFor('FROM https://ghcr.io/org/app:1\n');
    const fix = only(c, /^Remove `https:\/\/`$/);
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.diagnostics?.[0].code, 'scheme-prefix');
    assert.equal(applied(c, fix), 'FROM ghcr.io/org/app:1\n');
  });

  it('lowercases an uppercase repository and offers nothing for other invalid references', async () => {
    const c = await actionsFor('FROM org/App:1\n');
    assert.equal(applied(c, only(c, /^Lowercase the repository$/)), 'FROM org/app:1\n');
    const bad = await actionsFor('FROM eclipse-temurin@sha256:abc\n');
    assert.equal(bad.diagnostics[0].code, 'invalid-reference');
    assert.deepEqual(bad.actions, []);
  });

  it('drops the tag of tag+digest: preferred for Jib, offered but not preferred in a Dockerfile', async () => {
    const pom = `<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration>
<from><image>eclipse-temurin:17@${D}</image></from></configuration></plugin></plugins></build></project>\n`;
    const jib = await actionsFor(pom, 'maven');
    const drop = only(jib, /^Drop the tag/);
    assert.equal(drop.isPreferred, true);
    assert.match(applied(jib, drop), new RegExp(`<image>eclipse-temurin@${D}</image>`));
    const docker = await actionsFor(`FROM eclipse-temurin:17@${D}\n`);
    assert.equal(only(docker, /^Drop the tag/).isPreferred, undefined);
  });

  it('removes the digest of a pushed image', async () => {
    const gradle = `jib {\n  to { image = "registry.example.com/app@${D}" }\n}\n`;
    const c = await actionsFor(gradle, 'gradle-groovy');
    assert.equal(applied(c, only(c, /^Remove the digest$/)), 'jib {\n  to { image = "registry.example.com/app" }\n}\n');
  });

  it('updates a stale digest and switches a single-platform digest to the index, from the diagnostic data', async () => {
    const child = digestOf('1');
    const stale = await actionsFor(`FROM alpine:3.20@${digestOf('0')}\n`, 'dockerfile', {
      outcomes: outcomesByTagOrDigest({ '3.20': indexOutcome('9', []), [digestOf('0')]: manifestOutcome('0') }),
    });
    assert.equal(applied(stale, only(stale, /^Update the digest to/)), `FROM alpine:3.20@${digestOf('9')}\n`);

    const jibGradle = `jib {\n  from {\n    image = "alpine:3.20@${child}"\n    platforms {\n      platform {\n        architecture = 'amd64'\n        os = 'linux'\n      }\n      platform {\n        architecture = 'arm64'\n        os = 'linux'\n      }\n    }\n  }\n}\n`;
    const single = await actionsFor(jibGradle, 'gradle-groovy', {
      outcomes: outcomesByTagOrDigest({ '3.20': indexOutcome('9', [entry('linux/amd64', '1'), entry('linux/arm64', '2')]), [child]: manifestOutcome('1') }),
    });
    assert.match(applied(single, only(single, /^Use the multi-platform index digest$/)), new RegExp(`alpine:3.20@${digestOf('9')}`));
  });

  it('pins with the digest the registry gives, in the pin style of the file; nothing when the digest is unknown', async () => {
    const pinned = await actionsFor('FROM eclipse-temurin:21\n', 'dockerfile', { digest: D, only: [CodeActionKind.QuickFix] });
    assert.deepEqual(pinned.asked, ['eclipse-temurin:21']);
    assert.equal(applied(pinned, only(pinned, /^Pin to digest/)), `FROM eclipse-temurin:21@${D}\n`);
    const digestOnly = await actionsFor('FROM eclipse-temurin:21\n', 'dockerfile', { digest: D, pinStyle: 'digest' });
    assert.equal(applied(digestOnly, only(digestOnly, /^Pin to digest/)), `FROM eclipse-temurin@${D}\n`);
    const unknown = await actionsFor('FROM eclipse-temurin:21\n');
    assert.deepEqual(unknown.actions, []);
  });

  it('honours `only`: quick fixes, the pin-all source action, or both; other sources are ignored', async () => {
    const text = 'FROM https://ghcr.io/org/app:1\nFROM alpine:3.20\n';
    const quick = await actionsFor(text, 'dockerfile', { digest: D, only: [CodeActionKind.QuickFix] });
    assert.ok(quick.actions.every((a) => a.kind === CodeActionKind.QuickFix));
    const pinAll = await actionsFor(text, 'dockerfile', { digest: D, only: ['source.pinAll.imageref'] });
    assert.deepEqual(pinAll.actions.map((a) => a.title), ['Pin all image references to digests']);
    assert.equal(applied(pinAll, pinAll.actions[0]), `FROM https://ghcr.io/org/app:1@${D}\nFROM alpine:3.20@${D}\n`);
    const source = await actionsFor(text, 'dockerfile', { digest: D, only: [CodeActionKind.Source] });
    assert.deepEqual(source.actions.map((a) => a.kind), ['source.pinAll.imageref']);

    const document = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, text);
    const foreign = { ...quick.diagnostics[0], source: 'hadolint' };
    const none = await codeActions({ document, analysis: analyzeText(text, 'dockerfile'), diagnostics: [foreign], pinStyle: 'auto', only: [CodeActionKind.QuickFix], knownDigest: () => D });
    assert.deepEqual(none, []);
  });

  it('finds nothing for a diagnostic whose range no longer covers a reference (an older version of the text)', async () => {
    const c = await actionsFor('FROM https://ghcr.io/org/app:1\n');
    const document = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 2, '# moved\n\n\n');
    const actions = await codeActions({ document, analysis: analyzeText(document.getText(), 'dockerfile'), diagnostics: c.diagnostics, pinStyle: 'auto', knownDigest: () => D });
    assert.deepEqual(actions, []);
  });
});
