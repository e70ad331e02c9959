import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CODES } from '../../server/src/service/codes';
import { CLI, REPO_ROOT } from '../support/lspClient';

/** The Linux build of Microsoft's SARIF Multitool, shipped inside the npm package (the validator behind GitHub's checks). */
const MULTITOOL = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

function multitool(): string {
  try {
    accessSync(MULTITOOL, constants.X_OK);
  } catch {
    chmodSync(MULTITOOL, 0o755); // its postinstall (chmod u+x) does not run when npm skips install scripts
  }
  return MULTITOOL;
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text?: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number | object> } }>;
  partialFingerprints: Record<string, string>;
}

function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-sarif-'));
  mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function sarif(cwd: string, ...paths: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'check', '--offline', '--format', 'sarif', ...paths], { cwd, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return { text: result.stdout, log: JSON.parse(result.stdout) };
}

const FILES = {
  Dockerfile: 'FROM https://ghcr.io/org/app:1.0\nFROM ubuntu\nFROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\n',
  'services/api/pom.xml': '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration>\n' +
    '<to><image>reg.example.com/app@sha256:' + 'c'.repeat(64) + '</image></to></configuration></plugin></plugins></build></project>\n',
  'services/web/build.gradle': "jib {\n  from { image = 'eclipse-temurin:21:jre' }\n}\n",
  'broken/pom.xml': '<project><build>',
};

describe('imageref check --format sarif', function () {
  this.timeout(60000);

  it('validates with 0 errors and 0 warnings under the SARIF Multitool (--rule-kind "Gh;Sarif")', () => {
    const dir = repository(FILES);
    const { text, log } = sarif(path.join(dir, 'services'), '.', '..');
    const file = path.join(dir, 'imageref.sarif');
    writeFileSync(file, text);
    const output = path.join(dir, 'validation.sarif');
    const run = spawnSync(multitool(), ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning;Note', '-o', output, file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const validation = JSON.parse(readFileSync(output, 'utf8'));
    const findings = validation.runs[0].results as Array<{ ruleId: string; level: string; message: { arguments?: string[] } }>;
    const serious = findings.filter((f) => f.level === 'error' || f.level === 'warning');
    assert.deepEqual(serious, [], run.stdout);
    // What remains are notes we accept: message ids instead of text, URLs not reachable from here, code-like rule ids.
    assert.deepEqual([...new Set(findings.map((f) => f.ruleId))].sort().filter((id) => !['SARIF2002', 'SARIF2003', 'SARIF2006', 'SARIF2009'].includes(id)), []);
    assert.ok(log.runs[0].results.length >= 6, 'the check found results to validate');
  });

  it('describes every rule, names the driver and its version, links help into the README', () => {
    const { log } = sarif(repository(FILES));
    const driver = log.runs[0].tool.driver;
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(driver.name, 'imageref');
    assert.equal(driver.version, pkg.version);
    assert.equal(driver.semanticVersion, pkg.version);
    assert.equal(driver.informationUri, pkg.repository.url.replace(/\.git$/, ''));
    assert.match(driver.informationUri, /^https:\/\/github\.com\//);
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), [...ALL_CODES]);
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown, rule.id);
      assert.match(rule.help.markdown, new RegExp(`imageref-ignore ${rule.id}`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
      assert.equal(rule.helpUri, `${driver.informationUri}#rule-${rule.id}`);
      assert.ok(readme.includes(`<a id="rule-${rule.id}"></a>`), `README has an anchor for ${rule.id}`);
    }
    for (const result of log.runs[0].results as SarifResult[]) {
      assert.equal(log.runs[0].tool.driver.rules[(result as unknown as { ruleIndex: number }).ruleIndex].id, result.ruleId);
    }
  });

  it('URIs are relative to the repository root under %SRCROOT%, wherever the check runs', () => {
    const dir = repository(FILES);
    const { log } = sarif(path.join(dir, 'services', 'api'), '.', '../web');
    const run = log.runs[0];
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
    const uris = (run.results as SarifResult[]).map((r) => r.locations[0].physicalLocation.artifactLocation);
    assert.deepEqual([...new Set(uris.map((u) => `${u.uriBaseId} ${u.uri}`))].sort(),
      ['%SRCROOT% services/api/pom.xml', '%SRCROOT% services/web/build.gradle']);
  });

  it('partialFingerprints stay the same when lines move, and differ between results', () => {
    const dir = repository(FILES);
    const before = sarif(dir).log.runs[0].results as SarifResult[];
    writeFileSync(path.join(dir, 'Dockerfile'), '# a comment\n\nARG X=1\n' + FILES.Dockerfile.replace('FROM ubuntu', 'FROM   ubuntu'));
    const after = sarif(dir).log.runs[0].results as SarifResult[];
    const key = (r: SarifResult) => `${r.ruleId} ${r.partialFingerprints['imageref/v1']}`;
    const docker = (rs: SarifResult[]) => rs.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'Dockerfile');
    assert.equal(docker(before).length, 4); // scheme-prefix (no pinning advice with it), implicit-latest, two unpinned
    assert.deepEqual(docker(after).map(key), docker(before).map(key));
    assert.notDeepEqual(docker(after).map((r) => r.locations[0].physicalLocation.region.startLine),
      docker(before).map((r) => r.locations[0].physicalLocation.region.startLine));
    assert.equal(new Set(before.map(key)).size, before.length, 'two `alpine:3.20` are told apart by their occurrence');
  });
});
