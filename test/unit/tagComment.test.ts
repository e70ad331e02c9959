import assert from 'node:assert/strict';
import { analyzeReference, analyzeText } from '../../server/src/service/analysis';
import { pinEdits, type SpanEdit } from '../../server/src/service/fixes';
import { tagCommentOf } from '../../server/src/service/tagComment';
import { digestOf } from '../support/outcomes';
import { refIn } from '../support/refs';

const D = digestOf('a');
const OLD = digestOf('b');

function apply(text: string, edits: SpanEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

describe('tag comments of digest-only pins', () => {
  it('reads `<!-- tag: 17 -->` after the element and `// tag: 17` at the end of a Gradle line', () => {
    const pom = `<from>\n  <image>eclipse-temurin@${OLD}</image> <!-- tag: 17 -->\n</from>\n`;
    const ref = refIn(pom, `eclipse-temurin@${OLD}`, { tool: 'jib', fileKind: 'maven' });
    const comment = tagCommentOf(ref, pom);
    assert.equal(comment?.tag, '17');
    assert.equal(pom.slice(comment!.span.start, comment!.span.end), ' <!-- tag: 17 -->');
    const gradle = `jib { from { image = 'eclipse-temurin@${OLD}' } } // tag: 21.0.5_11-jre\n`;
    const gref = refIn(gradle, `eclipse-temurin@${OLD}`, { tool: 'jib', fileKind: 'gradle-groovy' });
    assert.equal(tagCommentOf(gref, gradle)?.tag, '21.0.5_11-jre', 'after a one-line block');
  });

  it('ignores a `// tag:` that is not right after the literal (inside a string further along)', () => {
    const gradle = `image = 'a@${OLD}'; def x = '// tag: z'\n`;
    assert.equal(tagCommentOf(refIn(gradle, `a@${OLD}`, { tool: 'jib', fileKind: 'gradle-groovy' }), gradle), undefined);
    const dockerfile = `FROM a@${OLD} # tag: 1\n`;
    assert.equal(tagCommentOf(refIn(dockerfile, `a@${OLD}`), dockerfile), undefined);
  });

  it('re-pinning a one-line Gradle block replaces the tag comment instead of adding a second', () => {
    const gradle = `jib { from { image = 'eclipse-temurin:21' } } // tag: 17\n`;
    const reference = analyzeReference(refIn(gradle, 'eclipse-temurin:21', { tool: 'jib', fileKind: 'gradle-groovy' }));
    assert.equal(apply(gradle, pinEdits(reference, D, 'auto', gradle)), `jib { from { image = 'eclipse-temurin@${D}' } } // tag: 21\n`);
  });

  it('the analysis carries the comment tag of digest-only references in pom.xml and Gradle', () => {
    const pom = `<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>eclipse-temurin@${OLD}</image> <!-- tag: 17 --></from></configuration></plugin></plugins></build></project>`;
    assert.equal(analyzeText(pom, 'maven').references[0].commentTag?.tag, '17');
    const kts = `jib {\n  from { image = "eclipse-temurin@${OLD}" } // tag: 17\n}\n`;
    assert.equal(analyzeText(kts, 'gradle-kotlin').references[0].commentTag?.tag, '17');
    const tagged = `jib {\n  from { image = "eclipse-temurin:21@${OLD}" } // tag: 17\n}\n`;
    assert.equal(analyzeText(tagged, 'gradle-kotlin').references[0].commentTag, undefined, 'a tag in the reference wins');
  });
});
