import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../test/support/lspClient';
import type { FileKind } from '../server/src/service/types';
import { compose, githubActions, gitlabCi, kubernetes, ofLines, skaffold } from './generateYaml';
import { dockerfile, dockerfileOfLines, gradleGroovy, gradleGroovyOfLines, gradleKotlin, gradleKotlinOfLines, pom, pomOfLines } from './generate';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The CLI as npm installs it (compiled modules under out/). */
export const CLI = path.join(REPO_ROOT, 'bin', 'imageref.js');
export const PEER_SCRIPT = path.join(__dirname, 'peerDockerfileUtils.js');

export interface KindInfo {
  kind: FileKind;
  /** File name the file kind is recognised by (a path below the folder where the kind needs one). */
  fileName: string;
  languageId: string;
  /** What a size counts. */
  unit: string;
  sizes: number[];
  generate(size: number): string;
  /** A file of about `lines` lines: a few image references among ordinary lines (the editing benchmark). */
  ofLines(lines: number): string;
  /** A typical small file, distinct for each `i` (the repository scan and the memory benchmark). */
  small(i: number): string;
}

/**
 * Every file kind the project reads, one entry each: each benchmark (offline, scan, editing, memory) runs over this
 * table. Every `ofLines` text contains `eclipse-temurin:21-jre` (the editing benchmark types after it).
 */
export const KINDS: KindInfo[] = [
  {
    kind: 'dockerfile', fileName: 'Dockerfile', languageId: 'dockerfile', unit: 'FROM lines', sizes: [100, 1_000, 10_000], generate: dockerfile,
    ofLines: dockerfileOfLines, small: (i) => `${dockerfile(2 + (i % 7))}# ${i}\n`,
  },
  {
    kind: 'maven', fileName: 'pom.xml', languageId: 'xml', unit: 'plugin blocks', sizes: [10, 100, 1_000], generate: (n) => pom(n),
    ofLines: pomOfLines, small: (i) => `${pom(1 + (i % 3))}<!-- ${i} -->\n`,
  },
  {
    kind: 'gradle-groovy', fileName: 'build.gradle', languageId: 'groovy', unit: 'plugin blocks', sizes: [10, 100, 1_000], generate: gradleGroovy,
    ofLines: gradleGroovyOfLines, small: (i) => `${gradleGroovy(1 + (i % 3))}// ${i}\n`,
  },
  {
    kind: 'gradle-kotlin', fileName: 'build.gradle.kts', languageId: 'kotlin', unit: 'plugin blocks', sizes: [10, 100, 1_000], generate: gradleKotlin,
    ofLines: gradleKotlinOfLines, small: (i) => `${gradleKotlin(1 + (i % 3))}// ${i}\n`,
  },
  ...([
    ['compose', 'compose.yaml', 'services', compose],
    ['kubernetes', 'deployment.yaml', 'Deployments', kubernetes],
    ['github-actions', '.github/workflows/ci.yml', 'jobs', githubActions],
    ['gitlab-ci', '.gitlab-ci.yml', 'jobs', gitlabCi],
    ['skaffold', 'skaffold.yaml', 'artifacts', skaffold],
  ] as const).map(([kind, fileName, unit, g]): KindInfo => ({
    kind, fileName, languageId: 'yaml', unit, sizes: [10, 100, 1_000], generate: (n) => g(n, 0),
    ofLines: (lines) => ofLines(g, lines), small: (i) => `${g(1 + (i % 3), 0)}# ${i}\n`,
  })),
];

/** The text typed into in the editing benchmark: every kind's `ofLines` file has it. */
export const EDITED_IMAGE = 'eclipse-temurin:21-jre';

/** A scratch directory removed at exit. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `imageref-bench-${prefix}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `text` as `<dir>/<sub>/<fileName>` and returns its path. */
export function writeFile(dir: string, sub: string, fileName: string, text: string): string {
  const file = path.join(dir, sub, fileName);
  mkdirSync(path.dirname(file), { recursive: true });
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
