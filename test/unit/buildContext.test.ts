import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileBuildContextProvider } from '../../server/src/host/buildContext';
import { BuildFiles } from '../../server/src/host/buildFiles';
import { includedBuilds } from '../../server/src/host/gradleBuild';
import type { BuildContextProvider } from '../../server/src/service/buildContext';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'imageref-ctx-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const properties = (provider: FileBuildContextProvider, file: string, text: string) =>
  Object.fromEntries(provider.contextFor({ uri: pathToFileURL(file).href, kind: file.endsWith('.kts') ? 'gradle-kotlin' : file.endsWith('.xml') ? 'maven' : 'gradle-groovy', text }).context.externalProperties ?? []);

describe('FileBuildContextProvider', () => {
  const noHome = { gradleUserHome: null };

  it('reads gradle.properties up to the folder with settings.gradle, however deep the subproject', () => {
    const root = tree({
      'settings.gradle.kts': '', 'gradle.properties': 'baseImage=eclipse-temurin:21\ntag=root',
      'services/orders/api/impl/app/gradle.properties': 'tag=nearest',
      'services/orders/api/impl/app/build.gradle': '',
    });
    const file = path.join(root, 'services/orders/api/impl/app/build.gradle');
    assert.deepEqual(properties(new FileBuildContextProvider(noHome), file, ''), { baseImage: 'eclipse-temurin:21', tag: 'nearest' });
  });

  it('with no settings file above it, only the build file\'s own folder counts (Gradle\'s single-project build)', () => {
    const root = tree({ 'gradle.properties': 'a=outer', 'app/gradle.properties': 'b=own', 'app/build.gradle': '' });
    assert.deepEqual(properties(new FileBuildContextProvider(noHome), path.join(root, 'app/build.gradle'), ''), { b: 'own' });
  });

  it('$GRADLE_USER_HOME/gradle.properties: only the keys the file mentions, and they win over the project', () => {
    const home = tree({ 'gradle.properties': 'jdkTag=21\nnexusPassword=s3cret\njdkTagSuffix=x' });
    const root = tree({ 'settings.gradle': '', 'gradle.properties': 'jdkTag=17\nother=1', 'build.gradle': '' });
    const provider = new FileBuildContextProvider({ gradleUserHome: home });
    const found = properties(provider, path.join(root, 'build.gradle'), 'jib.from.image = "eclipse-temurin:$jdkTag"');
    assert.deepEqual(found, { jdkTag: '21', other: '1' });
    assert.deepEqual(provider.dependantsOf(path.join(home, 'gradle.properties')), [pathToFileURL(path.join(root, 'build.gradle')).href]);
  });

  it('parent poms through <relativePath> (a file or a folder) and the default ../pom.xml, nearest first', () => {
    const root = tree({
      'pom.xml': '<project><properties><a>grand</a><b>grand</b><c>grand</c></properties></project>',
      'platform/parent/pom.xml': '<project><parent><relativePath>../..</relativePath></parent><properties><b>parent</b></properties></project>',
      'app/pom.xml': '',
    });
    const child = '<project><parent><relativePath>../platform/parent</relativePath></parent><properties><c>own</c></properties></project>';
    assert.deepEqual(properties(new FileBuildContextProvider(noHome), path.join(root, 'app/pom.xml'), child), { a: 'grand', b: 'parent', c: 'grand' });
    const byDefault = '<project><parent><artifactId>x</artifactId></parent></project>';
    assert.deepEqual(properties(new FileBuildContextProvider(noHome), path.join(root, 'platform/pom.xml'), byDefault), { a: 'grand', b: 'grand', c: 'grand' });
  });

  it('an open buffer wins over the disk; a forgotten file is read again', () => {
    const root = tree({ 'settings.gradle': '', 'gradle.properties': 'tag=disk', 'build.gradle': '' });
    const open = new Map<string, string>();
    const files = new BuildFiles((file) => open.get(file));
    const provider = new FileBuildContextProvider({ files, gradleUserHome: null });
    const build = path.join(root, 'build.gradle');
    assert.deepEqual(properties(provider, build, ''), { tag: 'disk' });
    open.set(path.join(root, 'gradle.properties'), 'tag=buffer');
    assert.deepEqual(properties(provider, build, ''), { tag: 'buffer' });
    open.clear();
    writeFileSync(path.join(root, 'gradle.properties'), 'tag=saved');
    assert.deepEqual(properties(provider, build, ''), { tag: 'disk' }, 'cached until told');
    files.forget([path.join(root, 'gradle.properties')]);
    assert.deepEqual(properties(provider, build, ''), { tag: 'saved' });
  });
});

describe('language service with a build-context provider', () => {
  const text = 'jib { from { image = "eclipse-temurin:$jdkTag" } }\n';
  const document = TextDocument.create('file:///p/build.gradle', 'groovy', 1, text);
  const codes = (service: ImagerefLanguageService, context?: Parameters<ImagerefLanguageService['validate']>[2]) =>
    service.validate(document, DEFAULT_SETTINGS, context).diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character]);

  it('caches the analysis on the context\'s fingerprint: the same document version follows a changed context', () => {
    let jdkTag = '17';
    let asked = 0;
    const provider: BuildContextProvider = {
      contextFor: () => (asked++, { context: { externalProperties: new Map([['jdkTag', jdkTag]]) }, fingerprint: jdkTag }),
    };
    const service = new ImagerefLanguageService({ buildContext: provider });
    assert.deepEqual(codes(service), [['unpinned', 22, 45]]);
    jdkTag = 'latest';
    assert.deepEqual(codes(service), [['latest-tag', 22, 45]]);
    assert.equal(asked, 2);
  });

  it('an explicit context wins over the provider', () => {
    const provider: BuildContextProvider = { contextFor: () => ({ context: { externalProperties: new Map([['jdkTag', '17']]) }, fingerprint: '17' }) };
    const service = new ImagerefLanguageService({ buildContext: provider });
    assert.deepEqual(codes(service, { externalProperties: new Map([['jdkTag', 'latest']]) }), [['latest-tag', 22, 45]]);
    assert.deepEqual(codes(service), [['unpinned', 22, 45]]);
  });
});

describe('precompiled script plugins see the main build\'s properties', () => {
  const PROJECTS = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'projects');
  const noHome = { gradleUserHome: null };

  function diagnose(relative: string) {
    const file = path.join(PROJECTS, relative);
    const text = readFileSync(file, 'utf8');
    const document = TextDocument.create(pathToFileURL(file).href, 'kotlin', 1, text);
    const service = new ImagerefLanguageService({ buildContext: new FileBuildContextProvider(noHome) });
    return service.validate(document, DEFAULT_SETTINGS).diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, document.getText(d.range)]);
  }

  it('buildSrc/src/main/kotlin with its own settings.gradle.kts: the root gradle.properties, not buildSrc\'s', () => {
    assert.deepEqual(diagnose('buildsrc/buildSrc/src/main/kotlin/com.example.java-application-conventions.gradle.kts'), [
      ['unpinned', 7, 17, 60, 'project.findProperty("baseImage") as String'],
    ]);
  });

  it('a build-logic included build (pluginManagement { includeBuild("build-logic") })', () => {
    assert.deepEqual(diagnose('build-logic/build-logic/convention/src/main/kotlin/demo.jib-conventions.gradle.kts'), [
      ['latest-tag', 6, 16, 62, 'providers.gradleProperty("jibBaseImage").get()'],
    ]);
  });

  it('buildSrc without a settings file, Groovy plugins, `includeBuild \'…\'` and includeBuild(file(…))', () => {
    const root = tree({
      'settings.gradle': "includeBuild 'gradle/plugins'\n// includeBuild 'commented-out'\n", 'gradle.properties': 'baseImage=root',
      'buildSrc/gradle.properties': 'baseImage=buildSrc', 'buildSrc/src/main/groovy/x.gradle': '',
      'gradle/plugins/settings.gradle': '', 'gradle/plugins/src/main/groovy/y.gradle': '',
      'commented-out/settings.gradle': '', 'commented-out/src/main/kotlin/z.gradle.kts': '',
    });
    const provider = new FileBuildContextProvider(noHome);
    assert.deepEqual(properties(provider, path.join(root, 'buildSrc/src/main/groovy/x.gradle'), ''), { baseImage: 'root' });
    assert.deepEqual(properties(provider, path.join(root, 'gradle/plugins/src/main/groovy/y.gradle'), ''), { baseImage: 'root' });
    assert.deepEqual(properties(provider, path.join(root, 'commented-out/src/main/kotlin/z.gradle.kts'), ''), {}, 'not included: its own build');
    // The plugin depends on the main build's files: a change there revalidates it.
    const plugin = pathToFileURL(path.join(root, 'buildSrc/src/main/groovy/x.gradle')).href;
    assert.ok(provider.dependantsOf(path.join(root, 'gradle.properties')).includes(plugin));
    assert.ok(!provider.dependantsOf(path.join(root, 'buildSrc/gradle.properties')).includes(plugin));
  });

  it('reads includeBuild forms of real settings files', () => {
    assert.deepEqual(includedBuilds('pluginManagement {\n  includeBuild("build-logic")\n}\nincludeBuild(file("../shared"))\nincludeBuild \'x\'\nincludeBuild("$dir/y")'), ['build-logic', '../shared', 'x']);
  });
});
