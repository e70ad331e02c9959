/**
 * Image references of Testcontainers in Java, Kotlin and Groovy sources: the string passed to
 * `DockerImageName.parse(…)` (or a statically imported `parse(…)`; with a following `.withTag("…")`), to a container's constructor (`new GenericContainer<>(…)`,
 * `new PostgreSQLContainer<>("postgres:16")`, Kotlin's `KafkaContainer(…)`, any `…Container`), and to
 * `asCompatibleSubstituteFor(…)` (the official image a custom one stands in for: compared by name, never pulled).
 * A literal or a constant of the same file (`static final String IMAGE = "…"`, `const val IMAGE = "…"`).
 *
 * The Gradle lexer reads the tokens: it already knows Groovy and Kotlin strings (triple quotes, `${…}`, raw strings)
 * and comments (Kotlin's nest), and Java's are Groovy's without interpolation. It is one pass with no backtracking, so
 * a 5,000-line test class is lexed in milliseconds, and only files that mention testcontainers are lexed at all.
 */
import type { ExtractedReference, ExtractionResult, FileKind, Role, Span } from '../../types';
import { lexGradle, type Token } from '../gradle';

export type SourceLanguage = 'java' | 'kotlin' | 'groovy';

interface Value {
  text: string;
  span: Span;
  editable: boolean;
  via?: { name: string; usedAt: Span };
}

export function extractTestcontainers(text: string, language: SourceLanguage): ExtractionResult {
  if (!mentionsTestcontainers(text)) return { references: [], problems: [] };
  const { tokens } = lexGradle(text, language === 'kotlin' ? 'kotlin' : 'groovy');
  const constants = readConstants(tokens);
  const staticParse = /import\s+static\s+org\.testcontainers\.utility\.DockerImageName\.(parse|\*)/.test(text);
  const references: ExtractedReference[] = [];
  const seen = new Set<string>();
  const add = (value: Value | undefined, role: Role, context: string) => {
    if (!value || value.text.trim() === '') return;
    const key = `${value.span.start}:${value.span.end}:${value.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    const reference: ExtractedReference = {
      text: value.text, span: value.span, editable: value.editable, unresolved: false, role, tool: 'testcontainers', context,
      platforms: [], platformsExplicit: false, fileKind: language satisfies FileKind,
    };
    if (value.via) reference.via = value.via;
    references.push(reference);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'ident') continue;
    if (token.value === 'DockerImageName' && isPunct(tokens[i + 1], '.') && tokens[i + 2]?.value === 'parse' && isPunct(tokens[i + 3], '(')) {
      add(withTag(argument(tokens, i + 4, constants), tokens, i + 5), 'base', 'testcontainers DockerImageName.parse');
    } else if (staticParse && token.value === 'parse' && !isPunct(tokens[i - 1], '.') && isPunct(tokens[i + 1], '(')) {
      add(withTag(argument(tokens, i + 2, constants), tokens, i + 3), 'base', 'testcontainers DockerImageName.parse');
    } else if (token.value === 'asCompatibleSubstituteFor' && isPunct(tokens[i - 1], '.') && isPunct(tokens[i + 1], '(')) {
      add(argument(tokens, i + 2, constants), 'target', 'testcontainers asCompatibleSubstituteFor');
    } else if (isContainerClass(token.value) && !isDeclaration(tokens, i)) {
      const open = afterTypeArguments(tokens, i + 1);
      if (open !== undefined && isPunct(tokens[open], '(')) add(argument(tokens, open + 1, constants), 'base', `testcontainers new ${token.value}`);
    }
  }
  return { references, problems: [] };
}

/** The cheap pre-check: a source that never names the library has no Testcontainers image. */
export function mentionsTestcontainers(text: string): boolean {
  return text.includes('testcontainers') || text.includes('Testcontainers');
}

const isPunct = (token: Token | undefined, value: string) => token?.kind === 'punct' && token.value === value;

/** `GenericContainer`, `PostgreSQLContainer`, `LocalStackContainer`…: a class name ending in Container. */
function isContainerClass(name: string): boolean {
  return name.length > 9 && name.endsWith('Container') && name[0] >= 'A' && name[0] <= 'Z' && name !== 'DockerComposeContainer' && name !== 'ComposeContainer';
}

/** `class PostgresContainer(…)`, `@Container`, `fun PostgresContainer(`: a name being declared or annotated, not a call. */
function isDeclaration(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before) return false;
  if (isPunct(before, '@') || isPunct(before, '::')) return true;
  return before.kind === 'ident' && (before.value === 'class' || before.value === 'fun' || before.value === 'interface' || before.value === 'object' || before.value === 'import');
}

/** Skips `<…>` type arguments (`<>`, `<?>`, `<Nothing>`, `<SELF>`); returns the index after them. */
function afterTypeArguments(tokens: Token[], i: number): number | undefined {
  if (!isPunct(tokens[i], '<')) return i;
  let depth = 0;
  for (let j = i; j < tokens.length && j < i + 64; j++) {
    if (isPunct(tokens[j], '<')) depth++;
    else if (isPunct(tokens[j], '>')) {
      if (--depth === 0) return j + 1;
    } else if (tokens[j].kind === 'punct' && !['.', ',', '?', '*'].includes(tokens[j].value)) return undefined;
  }
  return undefined;
}

/** The whole argument at `i`, when it is one string literal or one constant of the file. */
function argument(tokens: Token[], i: number, constants: Map<string, Value | null>): Value | undefined {
  const token = tokens[i];
  const next = tokens[i + 1];
  if (!token || !(isPunct(next, ')') || isPunct(next, ','))) return undefined;
  if (token.kind === 'string') return literal(token);
  if (token.kind !== 'ident') return undefined;
  const constant = constants.get(token.value);
  return constant ? { ...constant, via: { name: token.value, usedAt: { start: token.start, end: token.end } } } : undefined;
}

/** `DockerImageName.parse("postgres").withTag("16")`: the tag given after the parse. */
function withTag(value: Value | undefined, tokens: Token[], close: number): Value | undefined {
  if (!value || !isPunct(tokens[close], ')')) return value;
  const isWithTag = isPunct(tokens[close + 1], '.') && tokens[close + 2]?.value === 'withTag' && isPunct(tokens[close + 3], '(');
  const tag = isWithTag && isPunct(tokens[close + 5], ')') && tokens[close + 4]?.kind === 'string' ? literal(tokens[close + 4]) : undefined;
  return tag ? { text: `${value.text}:${tag.text}`, span: value.span, editable: false, via: value.via } : value;
}

/** A string without interpolation on one line; editable when no escape changed its text. */
function literal(token: Token): Value | undefined {
  const info = token.string;
  if (!info?.terminated || info.parts.some((p) => p.kind !== 'text')) return undefined;
  const text = info.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('');
  if (/[\r\n]/.test(text)) return undefined;
  const escaped = info.parts.some((p) => p.kind === 'text' && p.escaped);
  return { text, span: { start: info.contentStart, end: info.contentEnd }, editable: !escaped };
}

/**
 * `NAME = "…"` (Java `static final String`, Kotlin `const val` / `val NAME: String`, Groovy `def`), the value a
 * literal that ends the statement. A name given two different values is left out (which one applies is not known).
 */
function readConstants(tokens: Token[]): Map<string, Value | null> {
  const constants = new Map<string, Value | null>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].kind !== 'ident') continue;
    let eq = i + 1;
    if (isPunct(tokens[eq], ':') && tokens[eq + 1]?.kind === 'ident') eq += 2;
    if (!isPunct(tokens[eq], '=') || tokens[eq + 1]?.kind !== 'string') continue;
    const after = tokens[eq + 2];
    if (after && !after.lineBreakBefore && !isPunct(after, ';') && !isPunct(after, '}') && !isPunct(after, ')')) continue;
    const value = literal(tokens[eq + 1]);
    if (!value) continue;
    const name = tokens[i].value;
    const known = constants.get(name);
    constants.set(name, known === undefined || (known && known.text === value.text && known.span.start === value.span.start) ? value : null);
  }
  return constants;
}
