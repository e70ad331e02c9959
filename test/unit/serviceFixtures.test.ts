import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadExtractionContext } from '../../server/src/host/buildContext';
import { fileKindOf } from '../../server/src/service/fileKind';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

const PROJECTS = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'projects');

/** The whole pure service (extract → rules) on project-shaped fixtures, with their gradle.properties / parent poms. */
function diagnose(relative: string) {
  const file = path.join(PROJECTS, relative);
  const text = readFileSync(file, 'utf8');
  const kind = fileKindOf(file)!;
  const document = TextDocument.create(pathToFileURL(file).toString(), 'plaintext', 1, text);
  const { diagnostics } = new ImagerefLanguageService({}).validate(document, DEFAULT_SETTINGS, loadExtractionContext(file, kind, text));
  return diagnostics.map((d) => ({ line: d.range.start.line + 1, code: d.code, text: document.getText(d.range), severity: d.severity }));
}

describe('service on project-shaped fixtures', () => {
  it('multi-module Maven: parent pluginManagement property, child reads the parent\'s properties', () => {
    const parent = diagnose('multi-module/pom.xml');
    // The property's value is itself composed (`${base.registry}/…`), so it is reported at the whole definition.
    assert.deepEqual(parent.map((d) => [d.line, d.code, d.text.slice(0, 24)]), [[18, 'tag-and-digest', '${base.registry}/base/ja']]);
    const child = diagnose('multi-module/app/pom.xml');
    assert.deepEqual(child.map((d) => [d.line, d.code]), [[18, 'tag-and-digest'], [21, 'scheme-prefix']]);
    assert.equal(child[0].text, '${base.image}', 'a value from the parent pom is reported where it is used');
    assert.equal(child[1].severity, 1);
  });

  it('ktor-shaped build.gradle.kts: `by extra`, gradle.properties, comments, tasks.named<BootBuildImage>', () => {
    const found = diagnose('ktor/build.gradle.kts');
    assert.deepEqual(found.map((d) => [d.line, d.code, d.text]), [
      [15, 'unpinned', 'eclipse-temurin:21-jre'],
      [46, 'latest-tag', 'latest'],
      [47, 'implicit-latest', 'paketobuildpacks/run-jammy-base'],
    ]);
  });

  it('micronaut-shaped build.gradle: interpolated Groovy string, block comment, digest on a target', () => {
    const found = diagnose('micronaut/build.gradle');
    assert.deepEqual(found.map((d) => [d.line, d.code, d.severity]), [[15, 'tag-and-digest', 2], [18, 'digest-on-target', 1]]);
  });

  it('Spring-style Dockerfile: ARGs in FROM, --platform, RUN --mount from, COPY --from, pinned # syntax', () => {
    const found = diagnose('spring/Dockerfile');
    assert.deepEqual(found.map((d) => [d.line, d.code]), [
      [1, 'tag-and-digest'],
      [5, 'unpinned'],
      [12, 'unpinned'],
      [13, 'unpinned'],
      [15, 'latest-tag'],
    ]);
  });
});
