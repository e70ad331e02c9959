import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CODES } from '../../server/src/service/codes';
import { ignoreMatcher, parseProjectConfig, withProjectConfig } from '../../server/src/service/projectConfig';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/settings';

describe('project configuration (.imageref.json)', () => {
  it('reads rule severities, ignore globs and pin style', () => {
    const parsed = parseProjectConfig(JSON.stringify({
      $schema: './node_modules/imageref/schema.json',
      rules: { unpinned: 'error', 'tag-and-digest': 'off' },
      ignore: ['test/fixtures/**', 'legacy/'],
      pinStyle: 'digest',
    }));
    assert.deepEqual(parsed.warnings, []);
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.config, { rules: { unpinned: 'error', 'tag-and-digest': 'off' }, ignore: ['test/fixtures/**', 'legacy/'], pinStyle: 'digest' });
  });

  it('never takes network or credential settings from a repository, and says so', () => {
    const parsed = parseProjectConfig(JSON.stringify({
      insecureRegistries: ['evil.example.com'], caCertificates: ['/tmp/ca.pem'], offline: false, requestTimeout: 1, rules: {},
    }));
    assert.deepEqual(parsed.config, { rules: {}, ignore: [] });
    assert.equal(parsed.warnings.length, 4);
    for (const warning of parsed.warnings) assert.match(warning, /is ignored: network and credential settings come only from your own settings or command-line flags/);
    assert.match(parsed.warnings[0], /^"insecureRegistries"/);
  });

  it('warns about unknown keys, codes, severities and pin styles, and keeps the rest', () => {
    const parsed = parseProjectConfig(JSON.stringify({
      rule: {}, rules: { unpined: 'error', unpinned: 'fatal', 'latest-tag': 'error' }, ignore: ['ok/**', 3], pinStyle: 'sha',
    }));
    assert.deepEqual(parsed.warnings, [
      'unknown key "rule" (ignored); the keys are rules, ignore and pinStyle',
      'rules: unknown code "unpined" (ignored)',
      'rules.unpinned: "fatal" is not error, warning, information, hint or off (ignored)',
      'ignore: 3 is not a glob (ignored)',
      'pinStyle: "sha" is not auto, tag+digest or digest (ignored)',
    ]);
    assert.deepEqual(parsed.config, { rules: { 'latest-tag': 'error' }, ignore: ['ok/**'] });
  });

  it('a file that is not a JSON object is an error and applies nothing', () => {
    assert.match(parseProjectConfig('{ "rules": ').error!, /^not valid JSON/);
    assert.match(parseProjectConfig('["rules"]').error!, /must be a JSON object/);
    assert.deepEqual(parseProjectConfig('\uFEFF{}'), { config: { rules: {}, ignore: [] }, warnings: [] });
  });

  it('wins over the user\'s settings for what it sets; the rest keeps the user\'s settings', () => {
    const user = normalizeSettings({ rules: { unpinned: 'off', 'latest-tag': 'hint' }, pinStyle: 'tag+digest', offline: true });
    const merged = withProjectConfig(user, { rules: { unpinned: 'error' }, ignore: [] });
    assert.deepEqual(merged.rules, { unpinned: 'error', 'latest-tag': 'hint' });
    assert.equal(merged.pinStyle, 'tag+digest');
    assert.equal(merged.offline, true);
    assert.equal(withProjectConfig(DEFAULT_SETTINGS, { rules: {}, ignore: [], pinStyle: 'digest' }).pinStyle, 'digest');
    assert.equal(withProjectConfig(user, { rules: {}, ignore: [] }), user);
  });

  it('ignore globs follow .gitignore habits', () => {
    const ignores = ignoreMatcher({ rules: {}, ignore: ['test/fixtures/**', 'legacy/', 'Dockerfile.old', './docs/*.dockerfile', '**/samples/**'] });
    const yes = ['test/fixtures/Dockerfile', 'test/fixtures/a/b/pom.xml', 'legacy/Dockerfile', 'legacy/x/build.gradle', 'Dockerfile.old',
      'svc/Dockerfile.old', 'docs/x.dockerfile', 'a/samples/pom.xml', '.hidden/legacy/Dockerfile'];
    const no = ['Dockerfile', 'test/Dockerfile', 'src/legacy.gradle', 'docs/a/x.dockerfile', 'Dockerfile.older', '../test/fixtures/Dockerfile'];
    for (const p of yes) assert.equal(ignores(p), true, p);
    for (const p of no) assert.equal(ignores(p), false, p);
    assert.equal(ignoreMatcher({ rules: {}, ignore: [] })('anything'), false);
  });

  it('the JSON schema editors validate .imageref.json with knows every code and only the keys the parser reads', () => {
    const root = path.resolve(__dirname, '../../..');
    const schema = JSON.parse(readFileSync(path.join(root, 'schemas', 'imageref.schema.json'), 'utf8'));
    assert.deepEqual(schema.properties.rules.propertyNames.enum, [...ALL_CODES]);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'ignore', 'pinStyle', 'rules']);
    assert.equal(schema.additionalProperties, false);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.imageref.json', url: './schemas/imageref.schema.json' }]);
  });
});
