import assert from 'node:assert/strict';
import { analyzeReference } from '../../server/src/service/analysis';
import { dropDigestEdit, dropTagEdit, lowercaseEdit, pinEdits, replaceDigestEdit, stripSchemeEdit, type SpanEdit } from '../../server/src/service/fixes';
import { refIn } from '../support/refs';
import { digestOf } from '../support/outcomes';

function apply(text: string, edits: Array<SpanEdit | undefined>): string {
  let out = text;
  for (const e of [...edits].filter((x): x is SpanEdit => !!x).sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}

const D = digestOf('a');

describe('fix edits', () => {
  it('pins a Dockerfile reference as tag+digest', () => {
    const doc = 'FROM eclipse-temurin:21 AS build\nRUN x\n';
    const r = analyzeReference(refIn(doc, 'eclipse-temurin:21'));
    assert.equal(apply(doc, pinEdits(r, D, 'auto', doc)), `FROM eclipse-temurin:21@${D} AS build\nRUN x\n`);
  });

  it('pins a Jib pom reference digest-only with the tag in an XML comment after the element', () => {
    const doc = '<from>\n  <image>eclipse-temurin:17</image>\n</from>\n';
    const r = analyzeReference(refIn(doc, 'eclipse-temurin:17', { tool: 'jib', fileKind: 'maven' }));
    const pinned = apply(doc, pinEdits(r, D, 'auto', doc));
    assert.equal(pinned, `<from>\n  <image>eclipse-temurin@${D}</image> <!-- tag: 17 -->\n</from>\n`);
  });

  it('re-pinning replaces an existing tag comment instead of adding a second one', () => {
    const doc = '<image>eclipse-temurin:21</image> <!-- tag: 17 -->\n';
    const r = analyzeReference(refIn(doc, 'eclipse-temurin:21', { tool: 'jib', fileKind: 'maven' }));
    assert.equal(apply(doc, pinEdits(r, D, 'auto', doc)), `<image>eclipse-temurin@${D}</image> <!-- tag: 21 -->\n`);
  });

  it('pins a Gradle reference digest-only with a // tag comment at the end of the line (CRLF kept)', () => {
    const doc = 'jib {\r\n  from { image = "eclipse-temurin:17" }\r\n}\r\n';
    const r = analyzeReference(refIn(doc, 'eclipse-temurin:17', { tool: 'jib', fileKind: 'gradle-kotlin' }));
    assert.equal(apply(doc, pinEdits(r, D, 'auto', doc)), `jib {\r\n  from { image = "eclipse-temurin@${D}" } // tag: 17\r\n}\r\n`);
  });

  it('pinStyle overrides: tag+digest for Jib, digest for Dockerfiles (no comment there)', () => {
    const pom = '<image>a:17</image>';
    const jib = analyzeReference(refIn(pom, 'a:17', { tool: 'jib', fileKind: 'maven' }));
    assert.equal(apply(pom, pinEdits(jib, D, 'tag+digest', pom)), `<image>a:17@${D}</image>`);
    const dockerfile = 'FROM a:17\n';
    const docker = analyzeReference(refIn(dockerfile, 'a:17'));
    assert.equal(apply(dockerfile, pinEdits(docker, D, 'digest', dockerfile)), `FROM a@${D}\n`);
  });

  it('implicit latest pins to the digest of latest', () => {
    const doc = 'FROM alpine\n';
    assert.equal(apply(doc, pinEdits(analyzeReference(refIn(doc, 'alpine')), D, 'auto', doc)), `FROM alpine@${D}\n`);
  });

  it('never pins what is not editable or already pinned', () => {
    const doc = 'FROM a:1\n';
    assert.deepEqual(pinEdits(analyzeReference(refIn(doc, 'a:1', { editable: false })), D, 'auto', doc), []);
    const pinnedDoc = `FROM a@${D}\n`;
    assert.deepEqual(pinEdits(analyzeReference(refIn(pinnedDoc, `a@${D}`)), D, 'auto', pinnedDoc), []);
  });

  it('drop tag, drop digest, update digest, strip scheme, lowercase', () => {
    const both = `<image>a:17@${D}</image>`;
    const r = analyzeReference(refIn(both, `a:17@${D}`, { tool: 'jib' }));
    assert.equal(apply(both, [dropTagEdit(r)]), `<image>a@${D}</image>`);
    assert.equal(apply(both, [dropDigestEdit(r)]), '<image>a:17</image>');
    assert.equal(apply(both, [replaceDigestEdit(r, digestOf('b'))]), `<image>a:17@${digestOf('b')}</image>`);
    const scheme = 'FROM https://ghcr.io/o/a:1\n';
    assert.equal(apply(scheme, [stripSchemeEdit(analyzeReference(refIn(scheme, 'https://ghcr.io/o/a:1')))]), 'FROM ghcr.io/o/a:1\n');
    const upper = 'FROM ghcr.io/Org/App:1\n';
    assert.equal(apply(upper, [lowercaseEdit(analyzeReference(refIn(upper, 'ghcr.io/Org/App:1')))]), 'FROM ghcr.io/org/app:1\n');
  });
});
