import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/service/analysis';
import { useTagEdits, type SpanEdit } from '../../server/src/service/fixes';
import { newerTag } from '../../server/src/service/rules/registry/newerTag';
import { DEFAULT_SETTINGS, normalizeSettings, severityFor } from '../../server/src/service/settings';
import { digestOf } from '../support/outcomes';

const OLD = digestOf('b');
const NEW = digestOf('c');
const tags = (list: string[]) => ({ tags: { ok: true as const, list: { tags: list, complete: true, listedAt: 0, fromCache: false } } });
const apply = (text: string, edits: SpanEdit[]) =>
  [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);

describe('newer-tag rule and its fix', () => {
  it('is off by default and on when given a severity', () => {
    assert.equal(severityFor(DEFAULT_SETTINGS, 'newer-tag', DiagnosticSeverity.Information), undefined);
    const on = normalizeSettings({ rules: { 'newer-tag': 'information' } });
    assert.equal(severityFor(on, 'newer-tag', DiagnosticSeverity.Information), DiagnosticSeverity.Information);
  });

  it('reports the newest of the family at the tag, or at the tag comment of a digest-only pin', () => {
    const text = 'FROM eclipse-temurin:21.0.4_7-jre\n';
    const [reference] = analyzeText(text, 'dockerfile').references;
    const finding = newerTag.check(reference, tags(['21.0.4_7-jre', '21.0.5_11-jre', '21.0.6_7-jdk']))!;
    assert.equal(text.slice(finding.span.start, finding.span.end), '21.0.4_7-jre');
    assert.deepEqual(finding.data, { tag: '21.0.5_11-jre' });
    assert.equal(newerTag.check(reference, tags(['21.0.4_7-jre', '21.0.6_7-jdk'])), undefined, 'never -jdk');
    const pom = `<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>eclipse-temurin@${OLD}</image> <!-- tag: 17.0.9_9-jre --></from></configuration></plugin></plugins></build></project>`;
    const [pinned] = analyzeText(pom, 'maven').references;
    const comment = newerTag.check(pinned, tags(['17.0.13_11-jre']))!;
    assert.equal(pom.slice(comment.span.start, comment.span.end), ' <!-- tag: 17.0.9_9-jre -->');
  });

  it('Use tag X: the tag, its digest when pinned, the tag comment of a digest-only pin', () => {
    const plain = 'FROM a:1.9\n';
    assert.equal(apply(plain, useTagEdits(analyzeText(plain, 'dockerfile').references[0], '1.10', undefined, plain)), 'FROM a:1.10\n');
    const pinned = `FROM a:1.9@${OLD}\n`;
    const ref = analyzeText(pinned, 'dockerfile').references[0];
    assert.deepEqual(useTagEdits(ref, '1.10', undefined, pinned), [], 'no fix without the new digest');
    assert.equal(apply(pinned, useTagEdits(ref, '1.10', NEW, pinned)), `FROM a:1.10@${NEW}\n`);
    const gradle = `jib { from { image = 'a@${OLD}' } } // tag: 1.9\n`;
    const g = analyzeText(gradle, 'gradle-groovy').references[0];
    assert.equal(apply(gradle, useTagEdits(g, '1.10', NEW, gradle)), `jib { from { image = 'a@${NEW}' } } // tag: 1.10\n`);
  });
});
