/**
 * YAML documents with source ranges, through the `yaml` package (the parser yaml-language-server uses): exact
 * offsets for every scalar, comments and quotes left alone, errors collected instead of thrown, several documents per
 * file. Helm `{{ … }}` actions are masked first (same length, so offsets stay exact) and never give a syntax problem.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ExtractedReference, ExtractionProblem, ExtractionResult } from '../../types';
import { parseBlockYaml } from './blockYaml';
import { deepFlowAt, MAX_FLOW_DEPTH } from './flowDepth';

export interface YamlFile {
  documents: Document.Parsed[];
  problems: ExtractionProblem[];
  /** The file holds Helm/Go template actions: values with `{{` are unresolved, syntax errors are not reported. */
  templated: boolean;
  /** Where the first syntax error is: what follows is not trusted. */
  errorAt?: number;
}

/** `{{ … }}` of Helm and Go templates; not `${{ … }}` of a GitHub Actions expression, which is valid YAML text. */
const TEMPLATE_ACTION = /(?<!\$)\{\{[\s\S]*?\}\}/g;

/**
 * The `yaml` package reads about a megabyte a second here: past this a YAML file is not analyzed (one problem says
 * so), which keeps a keystroke in a huge generated bundle from costing seconds. Hand-written manifests and Compose
 * files are kilobytes.
 */
export const MAX_YAML_CHARACTERS = 1024 * 1024;

let blockReader = true;

/** Tests only: whether the fast block reader is tried first (true) or the `yaml` package reads every file. */
export function useBlockReader(enabled: boolean): void {
  blockReader = enabled;
}

export function parseYamlFile(text: string): YamlFile {
  if (text.length > MAX_YAML_CHARACTERS) {
    const size = (text.length / 1048576).toFixed(1);
    const message = `imageref does not analyze YAML files this large (${size} MB; the limit is ${MAX_YAML_CHARACTERS / 1048576} MB).`;
    return { documents: [], problems: [{ span: { start: 0, end: 0 }, message }], templated: false };
  }
  const deep = deepFlowAt(text);
  if (deep >= 0) {
    const message = `imageref does not analyze YAML nested more than ${MAX_FLOW_DEPTH} flow collections deep.`;
    return { documents: [], problems: [{ span: { start: deep, end: deep + 1 }, message }], templated: false };
  }
  const templated = text.includes('{{') && new RegExp(TEMPLATE_ACTION.source).test(text);
  const source = templated ? maskTemplates(text) : text;
  const block = blockReader ? parseBlockYaml(source) : undefined;
  if (block) return { documents: block as unknown as Document.Parsed[], problems: [], templated };
  const documents = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: false }) as Document.Parsed[] | { empty: true };
  const list = Array.isArray(documents) ? documents : [];
  const problems: ExtractionProblem[] = [];
  let errorAt: number | undefined;
  if (!templated) {
    const first = list.flatMap((d) => d.errors)[0];
    if (first) {
      errorAt = first.pos[0];
      const line = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      problems.push({ span: { start: first.pos[0], end: Math.max(first.pos[0], first.pos[1]) }, message: `This YAML does not parse: ${line}` });
    }
  }
  return { documents: list, problems, templated, errorAt };
}

/**
 * The result of a YAML extractor: past a syntax error the parser guesses (an unclosed quote takes in the lines after
 * it), so only the references before it are reported, with the one problem that says why.
 */
export function yamlResult(text: string, file: YamlFile, references: ExtractedReference[]): ExtractionResult {
  const { errorAt } = file;
  if (errorAt === undefined) return { references, problems: file.problems };
  const before = (end: number) => end <= errorAt;
  // An unclosed quote is reported where it should have closed: a value running over lines is its victim too.
  const oneLine = (r: ExtractedReference) => !/[\r\n]/.test(text.slice(r.span.start, r.span.end));
  const trusted = references.filter((r) => before(r.span.end) && (!r.via || before(r.via.usedAt.end)) && oneLine(r));
  return { references: trusted, problems: file.problems };
}

/**
 * Template actions that fill a whole line (`{{- if .Values.x }}`, `{{- end }}`) become spaces; those inside a
 * value become `_` of the same length, so that `image: {{ .Values.image }}` is still a plain scalar.
 */
function maskTemplates(text: string): string {
  return text.replace(TEMPLATE_ACTION, (action, offset: number) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEndIndex = text.indexOf('\n', offset + action.length);
    const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex;
    const rest = (text.slice(lineStart, offset) + text.slice(offset + action.length, lineEnd)).replace(TEMPLATE_ACTION, '');
    const fill = rest.trim() === '' ? ' ' : '_';
    return action.replace(/[^\r\n]/g, fill);
  });
}

/** The value of `key` in a mapping, following `<<: *anchor` merges (keys written in the mapping win). */
export function get(map: unknown, key: string, document?: Document.Parsed): Node | undefined {
  if (!isMap(map)) return undefined;
  let merged: Node | undefined;
  for (const pair of (map as YAMLMap).items as Pair[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (name === key) return resolved(pair.value as Node | null, document);
    if (name === '<<' && merged === undefined && document) merged = mergedValue(pair.value as Node | null, key, document);
  }
  return merged;
}

function mergedValue(value: Node | null, key: string, document: Document.Parsed): Node | undefined {
  const target = resolved(value, document);
  if (isMap(target)) return get(target, key);
  if (isSeq(target)) {
    for (const item of target.items) {
      const found = get(resolved(item as Node, document), key);
      if (found) return found;
    }
  }
  return undefined;
}

function resolved(node: Node | null | undefined, document?: Document.Parsed): Node | undefined {
  if (!node) return undefined;
  if (isAlias(node)) return document ? (node.resolve(document) as Node | undefined) : undefined;
  return node;
}

/** The entries of a mapping, `<<` merges left out (their keys are reached through `get`). */
export function entries(map: unknown, document?: Document.Parsed): Array<{ key: string; value: Node | undefined }> {
  if (!isMap(map)) return [];
  const out: Array<{ key: string; value: Node | undefined }> = [];
  for (const pair of (map as YAMLMap).items as Pair[]) {
    if (!isScalar(pair.key) || pair.key.value === '<<') continue;
    out.push({ key: String(pair.key.value), value: resolved(pair.value as Node | null, document) });
  }
  return out;
}

/** The items of a sequence (aliases followed). */
export function items(seq: unknown, document?: Document.Parsed): Node[] {
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => resolved(item as Node, document)).filter((n): n is Node => n !== undefined);
}

/** A string scalar (plain, quoted or block), or undefined. */
export function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

/** A scalar of any type read as text (`image: 3` is still an image name), or undefined. */
export function textScalar(node: unknown): Scalar | undefined {
  return isScalar(node) && node.value !== null && typeof node.value !== 'object' ? node : undefined;
}
