import { parseReference } from './reference/parse';
import type { ParseResult } from './reference/types';
import type { ExtractedReference, Span } from './types';

/** An extracted reference with its parse, ready for the rules. */
export interface AnalysedReference {
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
}

const HTTP_SCHEME = /^https?:\/\//i;

export function analyse(ref: ExtractedReference): AnalysedReference {
  const schemeMatch = HTTP_SCHEME.exec(ref.text);
  const schemeText = schemeMatch?.[0];
  const body = schemeText ? ref.text.slice(schemeText.length) : ref.text;
  const bodyStart = ref.editable ? ref.span.start + (schemeText?.length ?? 0) : undefined;
  const scheme = schemeText
    ? { text: schemeText, span: ref.editable ? { start: ref.span.start, end: ref.span.start + schemeText.length } : ref.span }
    : undefined;
  if (ref.jibPrefix === 'tar') return { ref, scheme, body, bodyStart, registryCheckable: false };
  if (ref.unresolved) return { ref, scheme, body, bodyStart, parse: parseKnownTail(body, ref.tool === 'jib'), registryCheckable: false };
  const parse = parseReference(body, { jib: ref.tool === 'jib' });
  const registryCheckable = parse.ok && !parse.scratch && ref.role === 'base' && ref.jibPrefix !== 'docker';
  return { ref, scheme, body, bodyStart, parse, registryCheckable };
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

/** Map a span inside the parsed body to document offsets; the whole reference when it is not editable. */
export function documentSpan(analysed: AnalysedReference, bodySpan: Span): Span {
  if (analysed.bodyStart === undefined) return analysed.ref.span;
  return { start: analysed.bodyStart + bodySpan.start, end: analysed.bodyStart + bodySpan.end };
}

/** The span of the reference proper (without scheme) in the document. */
export function bodySpan(analysed: AnalysedReference): Span {
  return documentSpan(analysed, { start: 0, end: analysed.body.length });
}
