import assert from 'node:assert/strict';
import { PRECISE_TAG_HEADS, preciseCandidates, tagsWithDigest } from '../../server/src/service/preciseTag';

const TEMURIN = ['17', '17-jre', '17-jre-jammy', '17.0.12_7-jre', '17.0.13_11-jre', '17.0.13_11-jre-jammy', '17.0.13_11-jdk', '21-jre', 'latest', 'jammy'];

describe('precise tag: candidates and the bounded search', () => {
  it('extends the floating tag: more numbers of the same suffix first, newest first, then longer suffixes', () => {
    assert.deepEqual(preciseCandidates('17-jre', TEMURIN), ['17.0.13_11-jre', '17.0.12_7-jre', '17.0.13_11-jre-jammy', '17-jre-jammy']);
    assert.deepEqual(preciseCandidates('17', TEMURIN).slice(0, 3), ['17.0.13_11-jre-jammy', '17.0.13_11-jre', '17.0.13_11-jdk']);
    assert.deepEqual(preciseCandidates('jammy', TEMURIN), []);
    assert.equal(preciseCandidates('latest', TEMURIN)[0], '21-jre');
  });

  it(`asks at most ${PRECISE_TAG_HEADS} tags, in batches, and stops at the first batch that finds the digest`, async () => {
    const many = Array.from({ length: 40 }, (_, i) => `1.${i}`);
    const candidates = preciseCandidates('1', many);
    assert.equal(candidates.length, PRECISE_TAG_HEADS);
    assert.equal(candidates[0], '1.39');
    const asked: string[] = [];
    const digestOf = async (tag: string) => (asked.push(tag), tag === '1.34' ? 'sha256:x' : 'sha256:y');
    assert.deepEqual(await tagsWithDigest(candidates, 'sha256:x', digestOf, { first: true }), ['1.34']);
    assert.equal(asked.length, 8, 'two batches of four');
  });
});
