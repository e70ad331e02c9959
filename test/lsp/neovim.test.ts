import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO_ROOT } from '../support/lspClient';

const SCRIPT = path.join(REPO_ROOT, 'test', 'support', 'neovim', 'imageref.lua');

interface NeovimResult {
  errors: string[];
  attached: boolean;
  published: Array<{ uri: string; version: number; count: number }>;
  diagnostics: Array<{ line: number; col: number; end_col: number; code: string; severity: number; source: string }>;
  hover?: string;
  action: string;
  fixed_line: string;
  cleared: boolean;
  after: Array<{ code: string; line: number }>;
  stopped: boolean;
  log_path: string;
}

describe('Neovim 0.7 (Debian) drives imageref lsp --stdio', function () {
  this.timeout(90000);

  it('diagnostics, hover and an applied quick fix, with no warning in its LSP log', () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'nvim is installed (scripts/install-test-deps.sh)');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-nvim-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM https://ghcr.io/acme/base:1\nFROM eclipse-temurin:21\n');
    const resultFile = path.join(dir, 'result.json');
    const env = {
      ...process.env, HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_STATE_HOME: path.join(dir, 'state'), XDG_CACHE_HOME: path.join(dir, 'cache'),
      NODE: process.execPath, IMAGEREF_CLI: CLI, WORKDIR: dir, RESULT: resultFile,
    };
    const run = spawnSync('nvim', ['--headless', '-i', 'NONE', '--noplugin', '-u', SCRIPT], { env, encoding: 'utf8', timeout: 80000 });
    assert.ok(existsSync(resultFile), `nvim wrote no result (status ${run.status}): ${run.stdout}${run.stderr}`);
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as NeovimResult;
    assert.deepEqual(result.errors, []);
    assert.ok(result.attached, 'diagnostics arrived');
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.line, d.col, d.end_col, d.source]).sort(), [
      ['scheme-prefix', 0, 5, 13, 'imageref'], ['unpinned', 1, 5, 23, 'imageref'],
    ].sort());
    assert.match(result.hover ?? '', /Base image \(pulled\)/);
    assert.match(result.hover ?? '', /\| Repository \| `library\/eclipse-temurin` \|/);
    assert.equal(result.action, 'Remove `https://`');
    assert.equal(result.fixed_line, 'FROM ghcr.io/acme/base:1');
    assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM ghcr.io/acme/base:1\nFROM eclipse-temurin:21\n');
    assert.ok(result.cleared);
    assert.deepEqual(result.after.map((d) => d.code).sort(), ['unpinned', 'unpinned']);
    // One publish per document version: the start-up version once, the fixed version once.
    const versions = result.published.map((p) => p.version);
    assert.deepEqual(versions, [...new Set(versions)], JSON.stringify(result.published));
    assert.ok(result.stopped);
    const log = existsSync(result.log_path) ? readFileSync(result.log_path, 'utf8') : '';
    assert.ok(result.log_path.startsWith(dir), result.log_path);
    assert.doesNotMatch(log, /\[(WARN|ERROR)\]/, log);
  });
});
