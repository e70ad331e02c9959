import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../test/support/lspClient';
import type { FileKind } from '../server/src/service/types';
import { dockerfile, gradleGroovy, gradleKotlin, pom } from './generate';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'imageref.js');
export const PEER_SCRIPT = path.join(__dirname, 'peerDockerfileUtils.js');

export interface KindInfo {
  kind: FileKind;
  /** File name the file kind is recognised by. */
  fileName: string;
  languageId: string;
  /** What a size counts. */
  unit: string;
  sizes: number[];
  generate(size: number): string;
}

export const KINDS: KindInfo[] = [
  { kind: 'dockerfile', fileName: 'Dockerfile', languageId: 'dockerfile', unit: 'FROM lines', sizes: [100, 1_000, 10_000], generate: dockerfile },
  { kind: 'maven', fileName: 'pom.xml', languageId: 'xml', unit: 'plugin blocks', sizes: [10, 100, 1_000], generate: (n) => pom(n) },
  { kind: 'gradle-groovy', fileName: 'build.gradle', languageId: 'groovy', unit: 'plugin blocks', sizes: [10, 100, 1_000], generate: gradleGroovy },
  { kind: 'gradle-kotlin', fileName: 'build.gradle.kts', languageId: 'kotlin', unit: 'plugin blocks', sizes: [10, 100, 1_000], generate: gradleKotlin },
];

/** A scratch directory removed at exit. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `imageref-bench-${prefix}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `text` as `<dir>/<sub>/<fileName>` and returns its path. */
export function writeFile(dir: string, sub: string, fileName: string, text: string): string {
  const folder = path.join(dir, sub);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, fileName);
  writeFileSync(file, text);
  return file;
}

export function documentFor(file: string, languageId: string, text: string, version = 1): TextDocument {
  return TextDocument.create(pathToFileURL(file).toString(), languageId, version, text);
}

export const uriOf = (file: string) => pathToFileURL(file).toString();

/** A language server process (`imageref lsp --stdio`), initialised offline: registry rules never run. */
export async function startOfflineServer(): Promise<LspTestClient> {
  const client = new LspTestClient();
  await client.initialize({ settings: { offline: true } }, {});
  return client;
}

/** didOpen → the first publishDiagnostics for that uri and version; resolves with the time it took and the count. */
export async function openAndWait(client: LspTestClient, uri: string, languageId: string, text: string, timeoutMs = 120_000): Promise<{ ms: number; count: number }> {
  const t0 = performance.now();
  const published = client.diagnostics(uri, (p) => p.version === 1 || p.version === undefined, timeoutMs);
  await client.open(uri, text, languageId, 1);
  const diagnostics = await published;
  return { ms: performance.now() - t0, count: diagnostics.length };
}

export async function closeDocument(client: LspTestClient, uri: string): Promise<void> {
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}
