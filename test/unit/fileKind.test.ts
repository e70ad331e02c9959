import assert from 'node:assert/strict';
import { fileKindOf } from '../../server/src/service/fileKind';

describe('file kind by name, then language id', () => {
  it('recognises build files by name', () => {
    const cases: Array<[string, string | undefined]> = [
      ['Dockerfile', 'dockerfile'], ['Dockerfile.dev', 'dockerfile'], ['Containerfile-arm', 'dockerfile'], ['app.dockerfile', 'dockerfile'],
      ['pom.xml', 'maven'], ['build.gradle', 'gradle-groovy'], ['settings.gradle.kts', 'gradle-kotlin'],
      ['file:///w/sub%20dir/Dockerfile', 'dockerfile'],
      ['dockerfile-logo.png', undefined], ['Dockerfile.md', undefined], ['dockerfile-lint.yaml', undefined], ['notes.txt', undefined],
    ];
    for (const [name, kind] of cases) assert.equal(fileKindOf(name), kind, name);
  });

  it('falls back to the dockerfile language id', () => {
    assert.equal(fileKindOf('file:///w/build-image', 'dockerfile'), 'dockerfile');
    assert.equal(fileKindOf('file:///w/Jenkinsfile', 'groovy'), undefined);
  });
});
