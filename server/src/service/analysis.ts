import { parseReference } from './reference/parse';
import type { ParseResult } from './reference/types';
import { extract } from './extract';
import { readToolVersions } from './toolVersionRead';
import type { ExtractedReference, ExtractionContext, ExtractionNote, ExtractionProblem, FileKind, Span } from './types';
import { tagCommentOf, type TagComment } from './tagComment';

/** An extracted reference with its parse, ready for the rules. */
export interface AnalyzedReference {
  ref: ExtractedReference;
  /** `https://` or `http://` typed in front of the reference (document offsets when editable). */
  scheme?: { text: string; span: Span };
  /** The reference proper, after any scheme. */
  body: string;
  /** Document offset of `body[0]` when the reference is editable; otherwise undefined. */
  bodyStart?: number;
  /** Absent when nothing can be checked (Jib `tar://`, or unresolved variables in the last component); partial for `${REG}/app:1`. */
  parse?: ParseResult;
  /** Registry lookups make sense: a valid, pulled reference with no `docker://` (local daemon) prefix. */
  registryCheckable: boolean;
  /** A digest-only reference's tag, kept in the comment a digest-only pin wrote (`<!-- tag: 17 -->`). */
  commentTag?: TagComment;
}

const HTTP_SCHEME = /^https?:\/\//i;

/**
 * Parses of one document by reference text: a Dockerfile names the same few images over and over, and a parse
 * result is never changed once made, so references with the same text share one (fewer objects to allocate and keep).
 */
type ParseMemo = Map<string, ParseResult>;

/** Separate a scheme typed in front, then parse what is known of the reference. */
export function analyzeReference(ref: ExtractedReference, memo?: ParseMemo): AnalyzedReference {
  const schemeMatch = HTTP_SCHEME.exec(ref.text);
  const schemeText = schemeMatch?.[0];
  const body = schemeText ? ref.text.slice(schemeText.length) : ref.text;
  const bodyStart = ref.editable ? ref.span.start + (schemeText?.length ?? 0) : undefined;
  const scheme = schemeText
    ? { text: schemeText, span: ref.editable ? { start: ref.span.start, end: ref.span.start + schemeText.length } : ref.span }
    : undefined;
  if (ref.jibPrefix === 'tar') return { ref, scheme, body, bodyStart, registryCheckable: false };
  if (ref.unresolved) return { ref, scheme, body, bodyStart, parse: parseKnownTail(body, ref.tool === 'jib'), registryCheckable: false };
  const parse = memoizedParse(body, ref.tool === 'jib', memo);
  const registryCheckable = parse.ok && !parse.scratch && ref.role === 'base' && ref.jibPrefix !== 'docker';
  return { ref, scheme, body, bodyStart, parse, registryCheckable };
}

function memoizedParse(body: string, jib: boolean, memo: ParseMemo | undefined): ParseResult {
  if (memo === undefined) return parseReference(body, { jib });
  // One document's references are read by one tool, mostly; the key still says which grammar parsed it.
  const key = jib ? `jib:${body}` : body;
  let parse = memo.get(key);
  if (parse === undefined) {
    parse = parseReference(body, { jib });
    memo.set(key, parse);
  }
  return parse;
}

const VARIABLE = /\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_.]*/g;
const PLACEHOLDER_DOMAIN = 'unresolved.invalid/';

/**
 * Analyse what is known of a reference with unresolved variables: when every variable stands before the last `/`
 * (`${REGISTRY}/app:latest`), the last path component, tag and digest are certain. Otherwise nothing is judged.
 */
function parseKnownTail(body: string, jib: boolean): ParseResult | undefined {
  let lastVariableEnd = -1;
  for (const match of body.matchAll(VARIABLE)) lastVariableEnd = match.index + match[0].length;
  const slash = body.lastIndexOf('/');
  if (lastVariableEnd < 0 || slash < lastVariableEnd) return undefined;
  const tail = body.slice(slash + 1);
  const parsed = parseReference(PLACEHOLDER_DOMAIN + tail, { jib });
  const shift = slash + 1 - PLACEHOLDER_DOMAIN.length;
  const move = (span: Span): Span => ({ start: span.start + shift, end: span.end + shift });
  if (!parsed.ok) {
    if (parsed.error.span.start < PLACEHOLDER_DOMAIN.length) return undefined;
    return { ok: false, error: { ...parsed.error, span: move(parsed.error.span) } };
  }
  const { spans } = parsed.ref;
  return {
    ok: true,
    ref: {
      ...parsed.ref,
      raw: body,
      domain: undefined,
      spans: { path: move(spans.path), tag: spans.tag && move(spans.tag), digest: spans.digest && move(spans.digest) },
    },
  };
}

export interface DocumentAnalysis {
  kind: FileKind;
  references: AnalyzedReference[];
  problems: ExtractionProblem[];
  /** Hover texts for places that are not references (a FROM selecting a stage by platform). */
  notes?: ExtractionNote[];
}

/**
 * Real build files are kilobytes; past this a document is not analyzed (one problem says so), which bounds time and
 * memory for whatever an editor opens.
 */
export const MAX_ANALYZED_CHARACTERS = 4 * 1024 * 1024;

/** The analysis of one text: extraction, the parse of every reference, and the caps that bound a hostile file. */
export function analyzeText(text: string, kind: FileKind, context?: ExtractionContext): DocumentAnalysis {
  if (text.length > MAX_ANALYZED_CHARACTERS) {
    const size = (text.length / 1048576).toFixed(1);
    const message = `imageref does not analyze files this large (${size} MB; the limit is ${MAX_ANALYZED_CHARACTERS / 1048576} MB).`;
    return { kind, references: [], problems: [{ span: { start: 0, end: 0 }, message }] };
  }
  const { references, problems, notes } = extract(text, kind, context);
  const versions = readToolVersions(text, kind, context);
  const memo: ParseMemo = new Map();
  const analyzed: AnalyzedReference[] = new Array(references.length);
  for (let i = 0; i < references.length; i++) {
    const ref = references[i];
    const toolVersion = ref.tool === 'jib' ? versions.jib : ref.tool === 'spring-boot' ? versions.springBoot : undefined;
    analyzed[i] = withCommentTag(analyzeReference(toolVersion ? { ...ref, toolVersion } : ref, memo), text);
  }
  return { kind, references: analyzed, problems: capProblems(problems), ...(notes ? { notes } : {}) };
}

function withCommentTag(reference: AnalyzedReference, text: string): AnalyzedReference {
  const parsed = reference.parse?.ok ? reference.parse.ref : undefined;
  if (!parsed?.digest || parsed.tag !== undefined || !reference.ref.editable) return reference;
  const commentTag = tagCommentOf(reference.ref, text);
  return commentTag ? { ...reference, commentTag } : reference;
}

/**
 * Past this, a document's extraction problems are cut: a pom of 4 million stray `<` would otherwise give 4 million
 * diagnostics, whose LSP message is too large to serialise (the server died with "Invalid string length").
 */
export const MAX_PROBLEMS = 100;

function capProblems(problems: ExtractionProblem[]): ExtractionProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  const last = problems[MAX_PROBLEMS];
  return [...problems.slice(0, MAX_PROBLEMS), { span: last.span, message: `${more} more problems in this file are not shown; fix the ones above first.` }];
}
