import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CODES, type DiagnosticCode } from '../service/codes';
import { RULE_DOCS, ruleAnchor, ruleHelpMarkdown } from '../service/ruleDocs';
import { HOMEPAGE, VERSION } from '../version';
import { severityName, type ReportEntry } from './format';
import { nodeCrypto } from '../registry/nodeCrypto';

const SRCROOT = '%SRCROOT%';
const LEVELS: Record<string, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
/** GitHub code scanning's own vocabulary for a rule's severity. */
const PROBLEM_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', information: 'recommendation' };
const FINGERPRINT = 'imageref/v1';

/**
 * A SARIF 2.1.0 log that GitHub code scanning accepts (validated in the tests with Microsoft's SARIF Multitool,
 * `--rule-kind "Gh;Sarif"`): every rule with descriptions, help and a help URI into the README; file URIs relative
 * to `root` (the repository) under `%SRCROOT%`; fingerprints that do not change when lines move.
 */
export function formatSarif(entries: readonly ReportEntry[], root: string): string {
  const rules = ALL_CODES.map(ruleDescriptor);
  const occurrences = new Map<string, number>();
  const results = entries.map((entry) => {
    const { diagnostic: d } = entry;
    const code = String(d.code) as DiagnosticCode;
    const relative = relativeUri(root, entry.file.file);
    const identity = `${code}\n${relative ?? entry.file.file}\n${identityText(entry)}`;
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    return {
      ruleId: code,
      ruleIndex: ALL_CODES.indexOf(code),
      level: LEVELS[severityName(d)],
      message: { text: endWithPeriod(typeof d.message === 'string' ? d.message : d.message.value) },
      locations: [{
        physicalLocation: {
          artifactLocation: relative !== undefined ? { uri: relative, uriBaseId: SRCROOT } : { uri: pathToFileURL(path.resolve(entry.file.file)).href },
          region: {
            startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
            snippet: { text: entry.file.document.getText(d.range) },
          },
          contextRegion: contextRegion(entry),
        },
      }],
      partialFingerprints: { [FINGERPRINT]: `${sha256().update(identity).digest('hex').slice(0, 32)}:${occurrence + 1}` },
    };
  });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'imageref', version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE, rules } },
      originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(root) } },
      ...versionControl(process.env),
      columnKind: 'utf16CodeUnits',
      results,
    }],
  }, null, 2);
}

/** In GitHub Actions: which commit of which repository was analyzed (the runner's environment says). */
function versionControl(env: NodeJS.ProcessEnv) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha, GITHUB_REF: ref } = env;
  if (!server || !repository || !sha) return {};
  return { versionControlProvenance: [{ repositoryUri: `${server}/${repository}`, revisionId: sha, ...(ref ? { branch: ref } : {}), mappedTo: { uriBaseId: SRCROOT } }] };
}

function ruleDescriptor(code: DiagnosticCode) {
  const doc = RULE_DOCS[code];
  const markdown = ruleHelpMarkdown(code);
  return {
    id: code,
    name: doc.name,
    shortDescription: { text: doc.short },
    fullDescription: { text: doc.full },
    help: { text: markdown.replace(/\*\*|`/g, ''), markdown },
    helpUri: `${HOMEPAGE}#${ruleAnchor(code)}`,
    defaultConfiguration: { level: LEVELS[doc.severity] },
    properties: { tags: ['container-image', 'build'], precision: 'very-high', 'problem.severity': PROBLEM_SEVERITY[doc.severity] },
  };
}

/**
 * What identifies a result apart from where it is: the whole image reference for a reference's diagnostics (so a
 * result keeps its fingerprint when lines are inserted above it), else the text of its line.
 */
function identityText(entry: ReportEntry): string {
  if (entry.reference) return entry.reference.text;
  const { document } = entry.file;
  const line = entry.diagnostic.range.start.line;
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim();
}

/** The whole lines the result is on, for viewers that show the code around a result. */
function contextRegion(entry: ReportEntry) {
  const { start, end } = entry.diagnostic.range;
  const text = entry.file.document.getText({ start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } });
  return { startLine: start.line + 1, endLine: end.line + 1, snippet: { text: text.replace(/\r?\n$/, '') } };
}

/** The file's URI relative to the root (`svc/pom.xml`), or undefined when it lies outside it. */
function relativeUri(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(path.resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function endWithPeriod(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text : `${text.trimEnd()}.`;
}

/** The SARIF fingerprints' hash (node:crypto is loaded only when they are written). */
function sha256(): import('node:crypto').Hash {
  return nodeCrypto().createHash('sha256');
}
