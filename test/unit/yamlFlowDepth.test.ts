import assert from 'node:assert/strict';
import { extractCompose } from '../../server/src/service/extract/compose';
import { extractSkaffold } from '../../server/src/service/extract/skaffold';
import { deepFlowAt, MAX_FLOW_DEPTH } from '../../server/src/service/extract/yaml/flowDepth';

describe('YAML nested too deeply for the yaml package', () => {
  it('finds the bracket past the limit, skipping quoted scalars and comments', () => {
    assert.equal(deepFlowAt('a: [[{}]]\n'), -1);
    assert.equal(deepFlowAt('['.repeat(MAX_FLOW_DEPTH)), -1);
    assert.equal(deepFlowAt('a: ' + '['.repeat(MAX_FLOW_DEPTH + 1)), 3 + MAX_FLOW_DEPTH);
    assert.equal(deepFlowAt(`a: "${'{'.repeat(500)}"\nb: '${'['.repeat(500)}'\n# ${'{'.repeat(500)}\n`), -1);
    assert.equal(deepFlowAt(`a: [${'[]'.repeat(5000)}]\n`), -1, 'closed collections do not add up');
    assert.equal(deepFlowAt(`a: "unclosed ${'{'.repeat(500)}\n`), -1, 'an unclosed quote ends at the line');
  });

  it('regression: growing runs of "{" (a mutated file) got one problem instead of killing the process in the yaml package', () => {
    // Parsing 500, 600, … 1,000 "{" one after the other made V8 abort with "RegExpCompiler Allocation failed", and a
    // 7,000-character run of "{" in a fuzzed Skaffold file kept the parser busy for minutes.
    for (let n = 500; n <= 1000; n += 100) {
      const result = extractCompose('{'.repeat(n));
      assert.equal(result.references.length, 0);
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0].message, new RegExp(`nested more than ${MAX_FLOW_DEPTH} flow collections deep`));
      assert.equal(result.problems[0].span.start, MAX_FLOW_DEPTH);
    }
    const started = Date.now();
    const skaffold = extractSkaffold('apiVersion: skaffold/v4beta6\nbuild:\n  artifacts: ' + '{'.repeat(7000) + '#' + '{'.repeat(100) + '\n');
    assert.equal(skaffold.problems.length, 1);
    assert.ok(Date.now() - started < 1000);
  });

  it('a real file with nesting under the limit is read as before', () => {
    const result = extractCompose('services:\n  app:\n    image: "eclipse-temurin:21"\n    command: [[["a"]]]\n');
    assert.deepEqual(result.references.map((r) => r.text), ['eclipse-temurin:21']);
    assert.equal(result.problems.length, 0);
  });
});
