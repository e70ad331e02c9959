import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/service/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { diagnose } from '../../server/src/service/validation';

const D = `sha256:${'a'.repeat(64)}`;

describe("Jib's base-image cache in diagnostics", () => {
  it('tag-and-digest in a Jib file says where Jib caches base images and how to override it; a Dockerfile does not', () => {
    const pom = `<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>eclipse-temurin:17@${D}</image></from></configuration></plugin></plugins></build></project>`;
    const jib = diagnose(TextDocument.create('file:///pom.xml', 'xml', 1, pom), analyzeText(pom, 'maven'), DEFAULT_SETTINGS, undefined);
    const message = String(jib.diagnostics.find((d) => d.code === 'tag-and-digest')?.message);
    assert.match(message, /~\/\.cache\/google-cloud-tools-java\/jib/);
    assert.match(message, /~\/Library\/Caches\/Google\/Jib/);
    assert.match(message, /%LOCALAPPDATA%\\Google\\Jib\\Cache/);
    assert.match(message, /-Djib\.baseImageCache=DIR/);
    const dockerfile = `FROM eclipse-temurin:17@${D}\n`;
    const docker = diagnose(TextDocument.create('file:///Dockerfile', 'dockerfile', 1, dockerfile), analyzeText(dockerfile, 'dockerfile'), DEFAULT_SETTINGS, undefined);
    assert.doesNotMatch(String(docker.diagnostics.find((d) => d.code === 'tag-and-digest')?.message), /cache/);
  });
});
