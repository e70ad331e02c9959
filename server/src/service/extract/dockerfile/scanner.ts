/**
 * A small, linear-time scanner of Dockerfiles: parser directives, instructions (keyword and logical line), flags,
 * argument words with their exact spans in the document, and here-documents, whose bodies are skipped.
 *
 * Why hand-written: dockerfile-ast, used before, was the bottleneck of the offline check. On a generated Dockerfile of
 * 10,000 `FROM … AS sN` + `RUN echo N` stages, DockerfileParser.parse took ~180 ms and getRawArguments/getArguments
 * another ~260 ms of CPU (they work in line/character positions and convert back and forth through a TextDocument);
 * extractDockerfile took ~320 ms (median of 5) and `imageref check --offline` ~1.2–1.7 s in all. With this scanner,
 * which works in document offsets only, reads each character a bounded number of times, builds nothing it is not asked
 * for and hands out instructions one at a time (none are kept), they take ~40–50 ms and ~0.45–0.55 s. It follows
 * BuildKit's parser (frontend/dockerfile/parser) rather than dockerfile-ast where the two differ:
 *
 * - Parser directives (`# syntax=`, `# escape=`, `# check=`) are read only from the first lines of the file, after an
 *   optional BOM: the first line that is not a known directive (a comment, a blank line, an instruction) ends them.
 *   A repeated directive is ignored (BuildKit rejects the file); an escape directive other than \ or ` is ignored.
 * - A physical line ends at `\n`; `\r` before it is dropped (CRLF). A line whose last character other than spaces and
 *   tabs is the escape character continues on the next line. Inside a continued instruction, comment lines and blank
 *   lines are skipped. The logical line is the concatenation of the parts of its physical lines, without the
 *   continuation characters, exactly as BuildKit joins it, and a word may cross a continuation.
 * - The keyword is the first word of the logical line, any case. Flags are the leading `--name[=value]` words
 *   (quotes and backslash escapes removed, as BuildKit's extractBuilderFlags does); after them, `args()` splits on
 *   blanks like FROM does and `words()` splits like ARG does (quotes and escapes keep a word together).
 * - RUN, COPY and ADD (also after ONBUILD), unless written in the JSON form, start here-documents with words matching
 *   `^\d*<<-?NAME` (NAME may be quoted); their bodies follow the instruction, one after the other, each ending at a
 *   line equal to NAME (leading tabs removed for `<<-`) or at the end of the file.
 */
import type { Span } from '../../types';

export interface Directive {
  /** Lower-case name: `syntax`, `escape` or `check`. */
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
}

export interface Heredoc {
  /** The terminator, quotes removed. */
  name: string;
  /** `<<-`: leading tabs are removed from the body lines and the terminator line. */
  chomp: boolean;
  /** The `<<NAME` word. */
  span: Span;
  /** The body: from the start of its first line to the start of the terminator line (or the end of the text). */
  body: Span;
  terminated: boolean;
}

/** A word of the logical line: its text there (continuations removed, quotes and escapes kept) and document span. */
export interface Word {
  text: string;
  span: Span;
  /** Where the word starts in the instruction's `line`. */
  index: number;
}

export interface Flag {
  /** The name after `--`, case kept. */
  name: string;
  /** The value after the first `=`, with quotes and backslash escapes removed; undefined for `--name` alone. */
  value: string | undefined;
  /** The whole `--name=value` word. */
  span: Span;
  /** The value as written in the document (quotes included); undefined for `--name` alone. */
  valueSpan: Span | undefined;
  /** The same as line indexes: where the value is in the instruction's `line`. */
  valueInLine: { start: number; end: number } | undefined;
}

export interface ScannedDockerfile {
  escapeChar: string;
  directives: Directive[];
  instructions: Instruction[];
}

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const BACKSLASH = 0x5c;
const LESS = 0x3c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

const DIRECTIVE_NAMES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Go's unicode.IsSpace, which BuildKit uses to trim lines and to split flags and ARG words. */
export function isSpace(c: number): boolean {
  if (c <= SPACE) return c === SPACE || (c >= TAB && c <= CR);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** `[\t\v\f\r ]`: what separates the keyword and the FROM arguments in BuildKit. */
function isBlank(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR && c !== LF);
}

/** `\s` of Go regular expressions (directives): `[\t\n\f\r ]`. */
function isRegexpSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === 0x0c || c === CR;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const NO_HEREDOCS: readonly Heredoc[] = Object.freeze([]);

/** Known keywords, to give each instruction the same keyword string without allocating one. */
const KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD',
  'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];

const KEYWORD_SET = new Set(KEYWORDS);

/** The keyword written in src[start, end), in upper case. */
function keywordOf(src: string, start: number, end: number): string {
  const length = end - start;
  // Indexed loops on this path: until V8 optimises it, a for-of allocates an iterator result per step.
  next: for (let k = 0; k < KEYWORDS.length; k++) {
    const keyword = KEYWORDS[k];
    if (keyword.length !== length) continue;
    for (let i = 0; i < length; i++) {
      // ASCII letters only: clearing bit 0x20 upper-cases them; any other character fails the comparison.
      const c = src.charCodeAt(start + i);
      if ((c & ~0x20) !== keyword.charCodeAt(i) || c < 0x41 || c > 0x7a) continue next;
    }
    return keyword;
  }
  // Unknown: shown upper-cased. Non-ASCII letters must not make a keyword (`ſHELL`, `ONBUıLD`): BuildKit does not
  // fold them.
  const written = src.slice(start, end);
  const upper = written.toUpperCase();
  return KEYWORD_SET.has(upper) ? written : upper;
}

/**
 * One instruction: its logical line and, computed on demand (nothing is cached: a large file has many instructions,
 * and objects kept alive cost more than recomputing), its flags and words.
 *
 * Positions inside the instruction are "line indexes": indexes in `line`. `spanOf` turns them into document spans.
 */
export class Instruction {
  /** The keyword in upper case (`FROM`, `RUN`, …), whatever case is written. */
  readonly keyword: string;
  /** Here-documents started by this instruction, in order. */
  heredocs: readonly Heredoc[] = NO_HEREDOCS;
  /**
   * Where the line is read: the document itself when the instruction is on one physical line (then [lo, hi) is the
   * line and a line index i is the document offset lo + i), else the joined line (lo = 0).
   */
  private readonly src: string;
  private readonly lo: number;
  private readonly hi: number;
  /** For a continued instruction: [start, end) document offsets of its parts, and where each starts in `line`. */
  private readonly parts: readonly number[] | undefined;
  private readonly partStarts: readonly number[] | undefined;
  private hint = 0;
  /** In src: the keyword, and the first character after the blanks that follow it. */
  private readonly keywordStart: number;
  private readonly keywordEnd: number;
  private readonly argsStart: number;

  /** `parts` holds [start, end) document offsets of the parts of the physical lines, the first at the keyword. */
  constructor(
    text: string,
    parts: readonly number[],
    private readonly escapeChar: string,
  ) {
    if (parts.length === 2) {
      this.src = text;
      this.lo = parts[0];
      this.hi = parts[1];
    } else {
      let line = '';
      const starts: number[] = [];
      for (let i = 0; i < parts.length; i += 2) {
        starts.push(line.length);
        line += text.slice(parts[i], parts[i + 1]);
      }
      this.src = line;
      this.lo = 0;
      this.hi = line.length;
      this.parts = parts;
      this.partStarts = starts;
    }
    const src = this.src;
    let start = this.lo;
    while (start < this.hi && isSpace(src.charCodeAt(start))) start++;
    let end = start;
    while (end < this.hi && !isBlank(src.charCodeAt(end))) end++;
    this.keyword = keywordOf(src, start, end);
    this.keywordStart = start;
    this.keywordEnd = end;
    while (end < this.hi && isBlank(src.charCodeAt(end))) end++;
    this.argsStart = end;
  }

  /** The logical line, as BuildKit reads it: the parts of the physical lines joined, continuations removed. */
  get line(): string {
    return this.src.slice(this.lo, this.hi);
  }

  get keywordSpan(): Span {
    return this.srcSpan(this.keywordStart, this.keywordEnd);
  }

  /** From the keyword to the end of the logical line (here-document bodies not included). */
  get span(): Span {
    return { start: this.offsetAt(this.keywordStart - this.lo), end: this.offsetAt(this.hi - this.lo) };
  }

  /** Whether the instruction is continued over several physical lines (then `line` is not a slice of the document). */
  get continued(): boolean {
    return this.parts !== undefined;
  }

  /** Line index where the arguments start, after the keyword and the blanks after it. */
  get argumentsStart(): number {
    return this.argsStart - this.lo;
  }

  /** Document offset of the character at `index` of `line` (the end of the instruction for `line.length`). */
  offsetAt(index: number): number {
    const starts = this.partStarts;
    const parts = this.parts;
    if (starts === undefined || parts === undefined) return this.lo + index;
    if (index >= this.hi) return parts[parts.length - 1];
    // Callers ask in increasing order, mostly: start from the part found last time.
    let k = this.hint;
    while (k > 0 && starts[k] > index) k--;
    while (k + 1 < starts.length && starts[k + 1] <= index) k++;
    this.hint = k;
    return parts[2 * k] + index - starts[k];
  }

  /** Document span of `line` [from, to): from its first character to just after its last one. */
  spanOf(from: number, to: number): Span {
    return this.srcSpan(from + this.lo, to + this.lo);
  }

  /** The leading `--name[=value]` flags, read like BuildKit's extractBuilderFlags. */
  flags(): Flag[] {
    // Most instructions have no flag: no list to build and map.
    if (!startsFlag(this.src, this.argsStart, this.hi)) return [];
    const raw: RawFlag[] = [];
    readFlags(this.src, this.argsStart, this.hi, raw);
    return raw.map((flag) => ({
      name: flag.name,
      value: flag.value,
      span: this.srcSpan(flag.start, flag.end),
      valueSpan: flag.valueStart === undefined ? undefined : this.srcSpan(flag.valueStart, flag.end),
      valueInLine:
        flag.valueStart === undefined ? undefined : { start: flag.valueStart - this.lo, end: flag.end - this.lo },
    }));
  }

  /** The arguments after the flags, split on blanks only, as BuildKit splits FROM (quotes do not group). */
  args(): Word[] {
    const src = this.src;
    let end = this.hi;
    while (end > this.lo && isSpace(src.charCodeAt(end - 1))) end--;
    let first = readFlags(src, this.argsStart, this.hi, undefined);
    while (first < end && isSpace(src.charCodeAt(first))) first++;
    // Counted first, so that the list is made at its size (a list grown by push starts with room for 16).
    let count = 0;
    for (let at = first; at < end; count++) {
      while (at < end && !isBlank(src.charCodeAt(at))) at++;
      while (at < end && isBlank(src.charCodeAt(at))) at++;
    }
    const words: Word[] = new Array<Word>(count);
    for (let at = first, i = 0; at < end; i++) {
      const start = at;
      while (at < end && !isBlank(src.charCodeAt(at))) at++;
      words[i] = this.word(start, at);
      while (at < end && isBlank(src.charCodeAt(at))) at++;
    }
    return words;
  }

  /**
   * The arguments after the flags, split like BuildKit's parseWords (ARG, ENV, LABEL): quotes and the escape
   * character keep blanks inside a word. Quotes and escapes stay in the word text.
   */
  words(): Word[] {
    const src = this.src;
    const hi = this.hi;
    const escape = this.escapeChar.charCodeAt(0);
    const words: Word[] = [];
    let at = readFlags(src, this.argsStart, hi, undefined);
    for (;;) {
      while (at < hi && isSpace(src.charCodeAt(at))) at++;
      if (at >= hi) return words;
      const start = at;
      let quote = 0;
      while (at < hi) {
        const c = src.charCodeAt(at);
        if (quote === 0) {
          if (isSpace(c)) break;
          if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
          else if (c === escape) at++;
        } else if (c === quote) {
          quote = 0;
        } else if (c === escape && quote !== SINGLE_QUOTE) {
          at++;
        }
        at++;
      }
      at = Math.min(at, hi);
      words.push(this.word(start, at));
    }
  }

  /** The here-documents this instruction starts, by the rules of BuildKit (see the file comment). */
  heredocWords(): readonly HeredocWord[] {
    const src = this.src;
    if (!HEREDOC_KEYWORDS.has(this.keyword) && this.keyword !== 'ONBUILD') return NO_HEREDOC_WORDS;
    let marker = this.argsStart;
    while (marker + 1 < this.hi && !(src.charCodeAt(marker) === LESS && src.charCodeAt(marker + 1) === LESS)) marker++;
    if (marker + 1 >= this.hi) return NO_HEREDOC_WORDS;
    let keyword = this.keyword;
    let argsStart = this.argsStart;
    if (keyword === 'ONBUILD') {
      let end = argsStart;
      while (end < this.hi && !isBlank(src.charCodeAt(end))) end++;
      keyword = keywordOf(src, argsStart, end);
      argsStart = end;
    }
    if (!HEREDOC_KEYWORDS.has(keyword)) return [];
    if (isJsonForm(src.slice(readFlags(src, argsStart, this.hi, undefined), this.hi))) return [];
    const found: HeredocWord[] = [];
    for (const [start, end] of shellWords(src, this.lo, this.hi)) {
      const heredoc = parseHeredocWord(src.slice(start, end));
      if (heredoc) found.push({ name: heredoc.name, chomp: heredoc.chomp, span: this.srcSpan(start, end) });
    }
    return found;
  }

  private word(start: number, end: number): Word {
    return { text: this.src.slice(start, end), span: this.srcSpan(start, end), index: start - this.lo };
  }

  /** Document span of src [from, to). */
  private srcSpan(from: number, to: number): Span {
    if (this.parts === undefined) return { start: from, end: to };
    if (to <= from) {
      const at = from > 0 ? this.offsetAt(from - 1) + 1 : this.offsetAt(0);
      return { start: at, end: at };
    }
    return { start: this.offsetAt(from), end: this.offsetAt(to - 1) + 1 };
  }
}

/** Whether src [from, to) starts, after spaces, with `--`: where readFlags finds a flag. */
function startsFlag(src: string, from: number, to: number): boolean {
  let at = from;
  while (at < to && isSpace(src.charCodeAt(at))) at++;
  return at + 1 < to && src.charCodeAt(at) === DASH && src.charCodeAt(at + 1) === DASH;
}

interface RawFlag {
  name: string;
  value: string | undefined;
  start: number;
  end: number;
  valueStart: number | undefined;
}

/**
 * BuildKit's extractBuilderFlags on src [from, to): words starting with `--`, with quotes and backslash escapes
 * removed (always the backslash, whatever the escape directive), until a word that does not start with `--` or a
 * lone `--`. Adds the flags to `out` when given; returns where the other arguments start.
 */
function readFlags(src: string, from: number, to: number, out: RawFlag[] | undefined): number {
  let at = from;
  for (;;) {
    while (at < to && isSpace(src.charCodeAt(at))) at++;
    if (at >= to) return to;
    if (src.charCodeAt(at) !== DASH || at + 1 >= to || src.charCodeAt(at + 1) !== DASH) return at;
    const start = at;
    // Most flags have no quote and no backslash: the word is its own cooked text, and need not be copied.
    let plain = true;
    while (at < to) {
      const c = src.charCodeAt(at);
      if (isSpace(c)) break;
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE || c === BACKSLASH) {
        plain = false;
        break;
      }
      at++;
    }
    if (plain) {
      if (at - start === 2) return at;
      if (out) {
        const equals = src.indexOf('=', start);
        const valueStart = equals === -1 || equals >= at ? undefined : equals + 1;
        out.push({
          name: src.slice(start + 2, valueStart === undefined ? at : valueStart - 1),
          value: valueStart === undefined ? undefined : src.slice(valueStart, at),
          start,
          end: at,
          valueStart,
        });
      }
      continue;
    }
    at = start;
    let cooked = '';
    let quote = 0;
    let equalsCooked = -1;
    let equalsAt = -1;
    while (at < to) {
      let c = src.charCodeAt(at);
      if (quote === 0 && isSpace(c)) break;
      if (quote === 0 && (c === DOUBLE_QUOTE || c === SINGLE_QUOTE)) {
        quote = c;
        at++;
        continue;
      }
      if (quote !== 0 && c === quote) {
        quote = 0;
        at++;
        continue;
      }
      if (c === BACKSLASH) {
        at++;
        if (at >= to) break;
        c = src.charCodeAt(at);
      }
      if (c === 0x3d && equalsCooked === -1) {
        equalsCooked = cooked.length;
        equalsAt = at;
      }
      cooked += src[at];
      at++;
    }
    if (cooked === '--') return at;
    out?.push({
      name: equalsCooked === -1 ? cooked.slice(2) : cooked.slice(2, equalsCooked),
      value: equalsCooked === -1 ? undefined : cooked.slice(equalsCooked + 1),
      start,
      end: at,
      valueStart: equalsCooked === -1 ? undefined : equalsAt + 1,
    });
  }
}

/** Scans a whole Dockerfile into a list of instructions. Never throws. */
export function scanDockerfile(text: string): ScannedDockerfile {
  const scanner = new DockerfileScanner(text);
  const instructions: Instruction[] = [];
  for (let instruction = scanner.next(); instruction; instruction = scanner.next()) instructions.push(instruction);
  return { escapeChar: scanner.escapeChar, directives: scanner.directives, instructions };
}

/** The parser directives at the top of the file (each name once: the first one counts). */
function scanDirectives(text: string, from: number): Directive[] {
  const directives: Directive[] = [];
  let at = from;
  while (at < text.length) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1) lineEnd = text.length;
    let end = lineEnd;
    while (end > at && text.charCodeAt(end - 1) === CR) end--;
    let first = at;
    while (first < end && isSpace(text.charCodeAt(first))) first++;
    const directive = parseDirective(text, first, end);
    if (!directive || !DIRECTIVE_NAMES.has(directive.name)) break;
    if (!directives.some((seen) => seen.name === directive.name)) directives.push(directive);
    at = lineEnd + 1;
  }
  return directives;
}

/** `#\s*name\s*=\s*value\s*` on [start, end), as BuildKit's directive regular expression reads it. */
function parseDirective(text: string, start: number, end: number): Directive | undefined {
  if (start >= end || text.charCodeAt(start) !== HASH) return undefined;
  let at = start + 1;
  while (at < end && isRegexpSpace(text.charCodeAt(at))) at++;
  const nameStart = at;
  if (at >= end || !isAsciiLetter(text.charCodeAt(at))) return undefined;
  while (at < end && (isAsciiLetter(text.charCodeAt(at)) || isAsciiDigit(text.charCodeAt(at)))) at++;
  const nameEnd = at;
  while (at < end && isRegexpSpace(text.charCodeAt(at))) at++;
  if (at >= end || text.charCodeAt(at) !== 0x3d) return undefined;
  at++;
  while (at < end && isRegexpSpace(text.charCodeAt(at))) at++;
  let valueEnd = end;
  while (valueEnd > at && isRegexpSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
  if (valueEnd <= at) return undefined;
  return {
    name: text.slice(nameStart, nameEnd).toLowerCase(),
    value: text.slice(at, valueEnd),
    nameSpan: { start: nameStart, end: nameEnd },
    valueSpan: { start: at, end: valueEnd },
  };
}

/**
 * Reads the instructions one at a time (`next()`), so that a large file need not be held as a list of instructions.
 * The directives and the escape character are read first, in the constructor. Never throws.
 */
export class DockerfileScanner {
  readonly directives: Directive[];
  /** The backslash, or the backtick when the escape directive says so. */
  readonly escapeChar: string;
  private readonly escape: number;
  /** The current physical line: [pos, end) without the line break; `next` is the start of the following line. */
  private pos = 0;
  private end = 0;
  private nextLine = 0;
  /** Set by readPart. */
  private partEnd = 0;
  private readonly onePart = [0, 0];

  constructor(private readonly text: string) {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.directives = scanDirectives(text, bom);
    const escape = this.directives.find((directive) => directive.name === 'escape');
    this.escapeChar = escape && (escape.value === '\\' || escape.value === '`') ? escape.value : '\\';
    this.escape = this.escapeChar.charCodeAt(0);
    this.nextLine = bom;
  }

  /** The next instruction, or undefined at the end of the text. */
  next(): Instruction | undefined {
    const text = this.text;
    while (this.readLine()) {
      const first = this.firstNonSpace();
      if (first === this.end || text.charCodeAt(first) === HASH) continue;
      let continues = this.readPart(first);
      // Most instructions are one line; Instruction keeps nothing of a list of two, so one serves them all.
      const parts = continues ? [first, this.partEnd] : this.onePart;
      if (!continues) {
        parts[0] = first;
        parts[1] = this.partEnd;
      }
      while (continues && this.readLine()) {
        const start = this.firstNonSpace();
        // Comment lines and blank lines inside a continued instruction are skipped, as BuildKit does.
        if (start === this.end || text.charCodeAt(start) === HASH) continue;
        continues = this.readPart(this.pos);
        parts.push(this.pos, this.partEnd);
      }
      const instruction = new Instruction(text, parts, this.escapeChar);
      this.readHeredocs(instruction);
      return instruction;
    }
    return undefined;
  }

  /** Moves to the next physical line; false at the end of the text. */
  private readLine(): boolean {
    const text = this.text;
    if (this.nextLine >= text.length) return false;
    this.pos = this.nextLine;
    let lineEnd = text.indexOf('\n', this.pos);
    if (lineEnd === -1) lineEnd = text.length;
    let end = lineEnd;
    while (end > this.pos && text.charCodeAt(end - 1) === CR) end--;
    this.end = end;
    this.nextLine = lineEnd + 1;
    return true;
  }

  private firstNonSpace(): number {
    let at = this.pos;
    while (at < this.end && isSpace(this.text.charCodeAt(at))) at++;
    return at;
  }

  /**
   * Sets `partEnd` to where the part of the current line from `start` ends, without a continuation at its end;
   * true when the line continues.
   */
  private readPart(start: number): boolean {
    let at = this.end;
    while (at > start && (this.text.charCodeAt(at - 1) === SPACE || this.text.charCodeAt(at - 1) === TAB)) at--;
    const continues = at > start && this.text.charCodeAt(at - 1) === this.escape;
    this.partEnd = continues ? at - 1 : this.end;
    return continues;
  }

  private readHeredocs(instruction: Instruction): void {
    const words = instruction.heredocWords();
    if (words.length === 0) return;
    const heredocs: Heredoc[] = [];
    for (const word of words) {
      const bodyStart = Math.min(this.nextLine, this.text.length);
      let terminated = false;
      let bodyEnd = this.text.length;
      while (this.readLine()) {
        let start = this.pos;
        if (word.chomp) while (start < this.end && this.text.charCodeAt(start) === TAB) start++;
        if (this.end - start === word.name.length && this.text.startsWith(word.name, start)) {
          terminated = true;
          bodyEnd = this.pos;
          break;
        }
      }
      const body = { start: bodyStart, end: bodyEnd };
      heredocs.push({ name: word.name, chomp: word.chomp, span: word.span, body, terminated });
    }
    instruction.heredocs = heredocs;
  }
}

const NO_HEREDOC_WORDS: readonly HeredocWord[] = Object.freeze([]);

export interface HeredocWord {
  name: string;
  chomp: boolean;
  span: Span;
}

/** BuildKit's parseJSON: a JSON array of strings. */
function isJsonForm(rest: string): boolean {
  const trimmed = rest.trimStart();
  if (!trimmed.startsWith('[')) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}

/** Word boundaries of a line as a shell reads them with the backslash escape: quotes keep blanks inside a word. */
function shellWords(src: string, from: number, to: number): Array<[number, number]> {
  const words: Array<[number, number]> = [];
  let at = from;
  for (;;) {
    while (at < to && isSpace(src.charCodeAt(at))) at++;
    if (at >= to) return words;
    const start = at;
    let quote = 0;
    while (at < to) {
      const c = src.charCodeAt(at);
      if (quote === 0) {
        if (isSpace(c)) break;
        if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
        else if (c === BACKSLASH) at++;
      } else if (c === quote) {
        quote = 0;
      } else if (c === BACKSLASH && quote === DOUBLE_QUOTE) {
        at++;
      }
      at++;
    }
    at = Math.min(at, to);
    words.push([start, at]);
  }
}

/** `^\d*<<(-?)([^<]*)$` with a non-empty rest, which names the terminator once its quotes and escapes are removed. */
function parseHeredocWord(word: string): { name: string; chomp: boolean } | undefined {
  let at = 0;
  while (at < word.length && isAsciiDigit(word.charCodeAt(at))) at++;
  if (!word.startsWith('<<', at)) return undefined;
  at += 2;
  const chomp = word.charCodeAt(at) === DASH;
  if (chomp) at++;
  const rest = word.slice(at);
  if (rest === '' || rest.includes('<')) return undefined;
  const name = unquote(rest);
  return name === '' ? undefined : { name, chomp };
}

/** Removes shell quotes and backslash escapes from one word. */
function unquote(word: string): string {
  let out = '';
  let quote = 0;
  for (let at = 0; at < word.length; at++) {
    const c = word.charCodeAt(at);
    if (quote === 0 && (c === DOUBLE_QUOTE || c === SINGLE_QUOTE)) {
      quote = c;
    } else if (quote !== 0 && c === quote) {
      quote = 0;
    } else if (c === BACKSLASH && quote !== SINGLE_QUOTE && at + 1 < word.length) {
      const next = word.charCodeAt(at + 1);
      if (quote === 0 || next === DOUBLE_QUOTE || next === BACKSLASH || next === 0x24) {
        out += word[at + 1];
        at++;
      } else {
        out += word[at];
      }
    } else {
      out += word[at];
    }
  }
  return out;
}
