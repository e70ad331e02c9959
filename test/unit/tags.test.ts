import assert from 'node:assert/strict';
import { compareVersions, newerInFamily, newestInFamily, orderTags, parseTagVersion } from '../../server/src/service/tags';

/** A slice of eclipse-temurin's tags, in the registry's (lexical) order. */
const TEMURIN = [
  '17', '17-jdk', '17-jre', '17.0.12_7-jdk', '17.0.12_7-jre', '17.0.13_11-jre', '17.0.13_11-jre-alpine', '17.0.9_9-jre',
  '21', '21-jre', '21-jre-alpine', '21.0.4_7-jdk', '21.0.4_7-jre', '21.0.4_7-jre-alpine', '21.0.5_11-jdk', '21.0.5_11-jre',
  '21.0.5_11-jre-alpine', '23-jre', '23.0.1_11-jre', 'alpine', 'jammy', 'latest',
];

describe('tags: versions, families and order', () => {
  it('parses the version, its shape and the family suffix', () => {
    assert.deepEqual(parseTagVersion('21.0.5_11-jre-alpine'), {
      tag: '21.0.5_11-jre-alpine', prefix: '', numbers: ['21', '0', '5', '11'], separators: '.._', suffix: '-jre-alpine',
    });
    assert.equal(parseTagVersion('v1.2.3')?.prefix, 'v');
    for (const tag of ['latest', 'jammy', 'sha-1a2b3c', '3rc1', '']) assert.equal(parseTagVersion(tag), undefined, tag);
  });

  it('compares versions as versions', () => {
    const cmp = (a: string, b: string) => Math.sign(compareVersions(parseTagVersion(a)!, parseTagVersion(b)!));
    assert.equal(cmp('1.10', '1.9'), 1);
    assert.equal(cmp('21.0.5_11', '21.0.4_7'), 1);
    assert.equal(cmp('21.0.4_10', '21.0.4_7'), 1);
    assert.equal(cmp('1.2', '1.2.0'), -1);
    assert.equal(cmp('08', '8'), 0);
    assert.equal(cmp('20240102', '20231231'), 1);
  });

  it('orders the typed family first, newest first, then other versions, non-versions, latest last', () => {
    const ordered = orderTags(TEMURIN, '21.0.4_7-jre-alpine');
    assert.deepEqual(ordered.slice(0, 5), ['21.0.5_11-jre-alpine', '21.0.4_7-jre-alpine', '21-jre-alpine', '17.0.13_11-jre-alpine', '23.0.1_11-jre']);
    assert.deepEqual(ordered.slice(-3), ['alpine', 'jammy', 'latest']);
    assert.equal(ordered.length, TEMURIN.length);
    const plain = orderTags(['1.9', '1.10', 'latest', '1.2', 'edge']);
    assert.deepEqual(plain, ['1.10', '1.9', '1.2', 'edge', 'latest']);
  });

  it('with nothing typed: newest versions first', () => {
    assert.deepEqual(orderTags(TEMURIN).slice(0, 3), ['23.0.1_11-jre', '23-jre', '21.0.5_11-jdk']);
  });

  it('finds the newer tag of the same family, never another family', () => {
    assert.equal(newerInFamily('21.0.4_7-jre', TEMURIN), '21.0.5_11-jre');
    assert.equal(newerInFamily('21.0.4_7-jre-alpine', TEMURIN), '21.0.5_11-jre-alpine');
    assert.equal(newerInFamily('17.0.9_9-jre', TEMURIN), '17.0.13_11-jre', '17.0.13 after 17.0.9; stays on 17');
    assert.equal(newerInFamily('21.0.5_11-jre', TEMURIN), undefined, 'already the newest');
    assert.equal(newerInFamily('21.0.4_7-jre', TEMURIN.filter((t) => !t.endsWith('-jre'))), undefined, 'never -jdk');
    assert.equal(newerInFamily('17-jre', TEMURIN), '23-jre', 'a major-only tag moves between majors');
    assert.equal(newerInFamily('latest', TEMURIN), undefined);
    assert.equal(newestInFamily('21.0.5_11-jre', TEMURIN), '21.0.5_11-jre');
  });
});
