import type { ExtractedReference, FileKind, Span } from './types';

/** The tag a digest-only pin keeps in a comment next to the reference (`<!-- tag: 17 -->`, `// tag: 17`). */
export interface TagComment {
  tag: string;
  /** The comment with the blank before it: what a new pin replaces. */
  span: Span;
}

const TAG = '([\\w][\\w.-]{0,127})';
const MAVEN_COMMENT = new RegExp(`^ ?<!-- tag: ${TAG} -->`);
/**
 * After the literal: its closing quote, then only brackets, braces and blanks (a one-line `jib { from { image = '…' } }`)
 * before `// tag:`. Anything else (another string, code) means the comment is not ours: a `// tag: z` inside a string
 * further along must never be read or replaced. (Two steps, not one regex: a line of blanks must not backtrack.)
 */
const GRADLE_LEAD = /^["')\]}\t ]*/;
const GRADLE_COMMENT = new RegExp(`^// tag: ${TAG}`);

/** A YAML value: its closing quote, then blanks, then the comment; any other comment on the line is not ours. */
const YAML_COMMENT = new RegExp(`^(["']?)( *# tag: ${TAG}.*)$`);
const YAML_REST = /^["']?(?: *# tag: .*| *)$/;

/** The YAML kinds, whose comments start with `#` and may follow a value on its line. */
export function isYamlKind(kind: FileKind): boolean {
  return kind === 'compose' || kind === 'kubernetes' || kind === 'github-actions' || kind === 'gitlab-ci' || kind === 'skaffold' || kind === 'quarkus-yaml';
}

/** Where a pin's tag comment goes for this reference: after the element's closing tag, or at the end of the line. */
export function tagCommentPlace(reference: ExtractedReference, text: string): Span | undefined {
  const end = reference.span.end;
  switch (reference.fileKind) {
    case 'maven': {
      const close = text.indexOf('</', end);
      const gt = close < 0 ? -1 : text.indexOf('>', close);
      return gt < 0 ? undefined : { start: gt + 1, end: gt + 1 };
    }
    case 'gradle-groovy':
    case 'gradle-kotlin':
    case 'java':
    case 'kotlin':
    case 'groovy':
      return { start: end, end: lineEndAt(text, end) };
    default: {
      if (!isYamlKind(reference.fileKind)) return undefined;
      const lineEnd = lineEndAt(text, end);
      return YAML_REST.test(text.slice(end, lineEnd)) ? { start: end, end: lineEnd } : undefined;
    }
  }
}

/** The end of the line `offset` is on (before its `\r\n` or `\n`). */
function lineEndAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  return text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
}

/** The tag comment written next to `reference`, if there is one. */
export function tagCommentOf(reference: ExtractedReference, text: string): TagComment | undefined {
  const place = tagCommentPlace(reference, text);
  if (!place) return undefined;
  if (reference.fileKind === 'maven') {
    const match = MAVEN_COMMENT.exec(text.slice(place.start));
    return match ? { tag: match[1], span: { start: place.start, end: place.start + match[0].length } } : undefined;
  }
  if (isYamlKind(reference.fileKind)) {
    const yaml = YAML_COMMENT.exec(text.slice(place.start, place.end));
    return yaml ? { tag: yaml[3], span: { start: place.start + yaml[1].length, end: place.end } } : undefined;
  }
  const rest = text.slice(place.start, place.end);
  const lead = GRADLE_LEAD.exec(rest)![0];
  const match = GRADLE_COMMENT.exec(rest.slice(lead.length));
  if (!match) return undefined;
  // The comment takes the blanks before it; the quote and brackets stay.
  const start = place.start + lead.trimEnd().length;
  return { tag: match[1], span: { start, end: place.end } };
}
