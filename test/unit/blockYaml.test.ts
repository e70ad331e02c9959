/**
 * The fast block reader against the `yaml` package: for every text it accepts, the same documents (structure, keys,
 * scalar values, types and value ranges) and the same extraction by every YAML kind; and it accepts the shapes real
 * build files have, so a reader that always declined would fail here too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KINDS } from '../../bench/common';
import { agreesWithYaml, extractions } from '../support/yamlShapes';

const ROOT = path.join(__dirname, '..', '..', '..');
function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'out', '.git', 'dist', 'dist-cli'].includes(entry.name)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(file, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(file);
  }
  return out;
}

const TRICKY: Array<[string, boolean]> = [
  ['services:\n  app:\n    image: "alpine:3.20" # quoted\n    build: .\n', true],
  ["services:\n  app:\n    image: 'it''s:1'\n", true],
  ['services:\n  app:\n    image: "a\\tb:1"\n', true],
  ['services:\n  app:\n    image: 3\n  db:\n    image: 1.0\n  x:\n    image: true\n  y:\n    image: ~\n  z:\n    image: 0x1F\n', true],
  ['on: [push, pull_request]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container: {image: "node:20", options: --cpus 1}\n', true],
  ['jobs:\n  a:\n    steps:\n    - uses: docker://alpine:3\n    - run: |\n        echo 1\n\n        # not a comment\n        echo 2\n    - run: |-\n        x\n', true],
  ['key:value\n', false],
  ['x-common: &common\n  image: alpine:3 # shared\nservices:\n  a:\n    <<: *common\n  b:\n    image: *img\n', false],
  ['x: &img "alpine:3"\nservices:\n  a:\n    image: *img\n  b: &b\n    image: busybox\n  c:\n    <<: *b\n', true],
  ['a: !tag x\n', false],
  ['a: >\n  folded\n  lines\n\n  again\nb: >-\n  x\n', true],
  ['a: >\n  folded\n    more indented\n', false],
  ['a: |+\n  keep\n\n', false],
  ['a: plain\n  continued\n', false],
  ['a: "open\n  quote"\n', false],
  ['a:\n\t- tab\n', false],
  ['%YAML 1.2\n---\na: 1\n', false],
  ['a: [x,\n  y]\n', false],
  ['apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: busybox\r\n', true],
  ['---\napiVersion: v1\nkind: Pod\n---\n# only a comment\n---\nkind: List\n...\n', false],
  ['- - a\n  - b\n- c: d\n  e: f\n', true],
  ['"quoted key": 1\n\'single\': 2\nhttp://x: 3\n', true],
  ['a: b: c\n', false],
  ['a: "x" y\n', false],
  ['a:\n  - x\n b: 1\n', false],
];

describe('fast block YAML reader', () => {
  it('agrees with the yaml package on every YAML file of the repository, and reads most of them', () => {
    const files = yamlFiles(ROOT);
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (agreesWithYaml(text, file)) accepted++;
      assert.deepEqual(extractions(text, true), extractions(text, false), file);
    }
    assert.ok(files.length >= 10 && accepted / files.length > 0.8, `${accepted} of ${files.length} files read by the fast reader`);
  });

  it('reads the benchmark files of every YAML kind, with the same extraction', () => {
    for (const info of KINDS.filter((k) => k.languageId === 'yaml')) {
      for (const [label, text] of [['of lines', info.ofLines(600)], ['sized', info.generate(info.sizes[0])], ['small', info.small(1)]]) {
        assert.ok(agreesWithYaml(text, `${info.kind} ${label}`), `${info.kind} ${label}: not read by the fast reader`);
        assert.deepEqual(extractions(text, true), extractions(text, false), `${info.kind} ${label}`);
      }
    }
  });

  it('reads the common shapes and declines what it does not know', () => {
    for (const [text, accepted] of TRICKY) {
      assert.equal(agreesWithYaml(text, JSON.stringify(text)), accepted, JSON.stringify(text));
      assert.deepEqual(extractions(text, true), extractions(text, false), JSON.stringify(text));
    }
  });
});
