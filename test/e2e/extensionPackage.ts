/** The extension as the suites install it: the .vsix `vsce package` makes (once per run), or the unpacked build. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // out/test/e2e → repository root

let vsix: string | undefined;

export function packagedExtension(temp: string): { vsix: string } | { unpacked: string; id: string } {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${pkg.publisher}.${pkg.name}-${pkg.version}`;
  if (process.env.IMAGEREF_E2E_UNPACKED) {
    const dir = path.join(temp, 'unpacked', id);
    mkdirSync(dir, { recursive: true });
    for (const part of ['package.json', 'dist', 'syntaxes', 'schemas']) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
    return { unpacked: dir, id };
  }
  if (!vsix) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-vsix-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const out = path.join(dir, 'imageref.vsix');
    const packed = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    });
    if (packed.status !== 0) throw new Error(`vsce package failed: ${packed.stderr || packed.stdout}`);
    const size = /Packaged: .*\((.*)\)/.exec(packed.stdout)?.[1];
    console.log(`    packaged ${path.basename(out)} (${size ?? 'size unknown'})`);
    vsix = out;
  }
  return { vsix };
}
