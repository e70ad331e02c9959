import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TagListOutcome } from '../../server/src/registry/contract';
import { analyzeText } from '../../server/src/service/analysis';
import { completeTags, tagSiteAt } from '../../server/src/service/completion';
import type { FileKind } from '../../server/src/service/types';

function siteIn(kind: FileKind, text: string, marker = '|') {
  const offset = text.indexOf(marker);
  const clean = text.replace(marker, '');
  return { site: tagSiteAt(analyzeText(clean, kind), offset), clean };
}

describe('completion: where a tag is typed', () => {
  it('finds the repository and the tag span after `repo:` in every kind', () => {
    const cases: Array<[FileKind, string, string, string]> = [
      ['dockerfile', 'FROM eclipse-temurin:21-j|re AS b\n', 'library/eclipse-temurin', '21-jre'],
      ['dockerfile', 'FROM ghcr.io/o/app:|\n', 'o/app', ''],
      ['dockerfile', 'FROM localhost:5000/app:1|@sha256:' + 'a'.repeat(64) + '\n', 'app', '1'],
      ['maven', '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>eclipse-temurin:|</image></from></configuration></plugin></plugins></build></project>', 'library/eclipse-temurin', ''],
      ['gradle-kotlin', 'jib { from { image = "eclipse-temurin:2|1" } }\n', 'library/eclipse-temurin', '21'],
    ];
    for (const [kind, text, repository, current] of cases) {
      const { site, clean } = siteIn(kind, text);
      assert.ok(site, text);
      assert.equal(site.request.repository, repository, text);
      assert.equal(site.current, current, text);
      assert.equal(clean.slice(site.span.start, site.span.end), current, text);
    }
  });

  it('finds nothing in the registry port, the repository or the digest', () => {
    assert.equal(siteIn('dockerfile', 'FROM localhost:50|00/app:1\n').site, undefined);
    assert.equal(siteIn('dockerfile', 'FROM eclipse-tem|urin:1\n').site, undefined);
    assert.equal(siteIn('dockerfile', 'FROM a:1@sha256:ab|' + 'a'.repeat(62) + '\n').site, undefined);
  });

  it('answers an empty, incomplete list when the registry is slower than the budget, then from the list', async () => {
    const { site, clean } = siteIn('dockerfile', 'FROM a:|\n');
    const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, clean);
    let release!: (outcome: TagListOutcome) => void;
    const slow = new Promise<TagListOutcome>((resolve) => (release = resolve));
    const late = await completeTags({ document, site: site!, listTags: () => slow, budgetMs: 20 });
    assert.deepEqual(late, { isIncomplete: true, items: [] });
    release({ ok: true, list: { tags: ['1.9', 'latest', '1.10'], complete: true, listedAt: 0, fromCache: false } });
    const now = await completeTags({ document, site: site!, listTags: () => slow });
    assert.deepEqual(now.items.map((i) => i.label), ['1.10', '1.9', 'latest']);
    const failed = await completeTags({ document, site: site!, listTags: async () => ({ ok: false, failure: { kind: 'unreachable', message: 'x' } }) });
    assert.deepEqual(failed, { isIncomplete: false, items: [] });
  });
});
