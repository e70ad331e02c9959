/**
 * Runs the VS Code integration suite (test/vscode/suite) in a real VS Code downloaded by @vscode/test-electron.
 *
 *   npm run test:vscode
 *   IMAGEREF_VSCODE_EXECUTABLE=/path/to/code npm run test:vscode   use an installed VS Code, no download
 *   IMAGEREF_VSCODE_VERSION=stable npm run test:vscode             another version (default: 1.100.3, engines.vscode)
 *
 * The suite works on a temporary copy of test/vscode/fixtures/workspace, with DOCKER_CONFIG and XDG_CACHE_HOME
 * pointing at empty temporary folders so no credential of the machine is ever used.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // out/test/vscode → repository root

async function main(): Promise<number> {
  const temp = mkdtempSync(path.join(tmpdir(), 'imageref-vscode-'));
  try {
    const workspace = path.join(temp, 'workspace');
    cpSync(path.join(ROOT, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });

    let vscodeExecutablePath = process.env.IMAGEREF_VSCODE_EXECUTABLE;
    if (!vscodeExecutablePath) {
      const version = process.env.IMAGEREF_VSCODE_VERSION ?? '1.100.3';
      try {
        vscodeExecutablePath = await downloadAndUnzipVSCode({ version, timeout: 20_000 });
      } catch (error) {
        console.error(
          `VS Code could not be downloaded (no internet?) — ${oneLine(error)}. ` +
            'Set IMAGEREF_VSCODE_EXECUTABLE to an installed VS Code, or run this suite in code-server (npm run test:vscode:code-server).',
        );
        return 1;
      }
    }

    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [
        workspace,
        '--disable-extensions', // other extensions stay out; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
        `--user-data-dir=${path.join(temp, 'user-data')}`,
      ],
      extensionTestsEnv: {
        DOCKER_CONFIG: path.join(temp, 'docker-config'),
        XDG_CACHE_HOME: path.join(temp, 'cache'),
        IMAGEREF_TEST_WORKSPACE: workspace,
      },
    });
  } catch (error) {
    console.error(`VS Code integration tests failed: ${oneLine(error)}`);
    return 1;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

main().then((code) => process.exit(code));
