import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CODES } from '../../server/src/service/codes';
import { RULE_DOCS, ruleHelpMarkdown } from '../../server/src/service/ruleDocs';

const README = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

describe('rule documentation (service/ruleDocs.ts) and the README table of codes', () => {
  it('every code has a README row with its anchor and the same default severity', () => {
    for (const code of ALL_CODES) {
      const row = README.split('\n').find((line) => line.startsWith(`| <a id="rule-${code}"></a>\`${code}\` |`));
      assert.ok(row, `README row for ${code}`);
      const defaultColumn = row.split('|')[2].trim();
      assert.ok(defaultColumn.startsWith(RULE_DOCS[code].severity), `${code}: README says "${defaultColumn}", ruleDocs ${RULE_DOCS[code].severity}`);
    }
  });

  it('descriptions are sentences, names differ from ids, help says how to silence', () => {
    const names = new Set<string>();
    for (const code of ALL_CODES) {
      const doc = RULE_DOCS[code];
      assert.match(doc.short, /\.$/, code);
      assert.match(doc.full, /\.$/, code);
      assert.match(doc.name, /^[A-Z][A-Za-z]+$/, code);
      assert.notEqual(doc.name.toLowerCase(), code, `${code}: SARIF wants a name other than the id`);
      names.add(doc.name);
      assert.match(ruleHelpMarkdown(code), new RegExp(`imageref-ignore ${code}`));
    }
    assert.equal(names.size, ALL_CODES.length);
  });
});
