/**
 * A small, error-tolerant XML scanner: one pass over the text, linear time, no recursion (any nesting depth), no
 * regular expressions. It builds a tree of elements with source offsets and reports one problem per mistake.
 *
 * Written for what build files such as pom.xml use: elements with attributes, text, entity and character references,
 * comments, CDATA sections, processing instructions and a DOCTYPE. It does not validate (no DTD, no namespaces, any
 * entity name is accepted) and does not decode text; it finds the structure and reports what breaks it.
 *
 * Recovery from broken input, chosen for a document being edited:
 * - A closing tag that matches an open ancestor closes the elements above it; each of those is reported as not
 *   closed. Where such an element starts its own line, its children that start their own line at its indentation
 *   or less are taken to be its later siblings (the closing tag was forgotten, the indentation tells where it goes).
 *   Not when the closing tag starts its own line deeper than the innermost element and out of line with that
 *   ancestor: then it was left behind inside the innermost element, and matches nothing.
 * - A closing tag that matches nothing is reported and closes the innermost open element (a misspelling). When the
 *   closing tag of that element follows with nothing else closed in between, the first one was a stray instead: the
 *   element is reopened up to its own closing tag.
 * - An open tag cut off by the next `<` is reported; if the element is never closed, it is taken to be empty.
 * - At the end of the document, one problem names the innermost element left open.
 * - An unterminated comment, CDATA section, processing instruction or DOCTYPE runs to the end of the document.
 * - A `<` not followed by a name, and a `&` not starting a reference, are reported and read as text; `</` without a
 *   name closes the innermost element when a `>` follows before the next tag.
 * - Inside one tag only the first mistake is reported; an attribute value missing its closing quote is recognised
 *   (it ends at the tag's `>` or before ` name=`) so that the rest of the document is not read as an attribute.
 */
import type { Span } from '../../types';

export interface XmlAttribute {
  name: string;
  nameSpan: Span;
  /** The value between the quotes (raw, not decoded); undefined when the attribute has no value. */
  valueSpan?: Span;
}

export interface XmlElement {
  name: string;
  /** Offset of the `<` of the open tag. */
  start: number;
  nameSpan: Span;
  attributes: readonly XmlAttribute[];
  /** Offset after the open tag's `>` (or `/>`); undefined when the open tag never ends. */
  openEnd: number | undefined;
  /** Offset of the `</` of the element's own closing tag; undefined when it is self-closing or was never closed. */
  closeStart: number | undefined;
  /** Offset after the element: after its closing tag, or where an unclosed element is taken to end. */
  end: number;
  selfClosing: boolean;
  /**
   * Column (UTF-16 code units from the line start) of the `<` when only spaces and tabs precede it on its line,
   * undefined when something else does.
   */
  indent: number | undefined;
  parent: XmlElement | undefined;
  children: XmlElement[];
}

export interface XmlProblem {
  span: Span;
  message: string;
}

export interface XmlDocument {
  /** Top-level elements in document order: the root element first, more than one only in a broken document. */
  elements: XmlElement[];
  /** In document order of their spans; every span lies within the text. */
  problems: XmlProblem[];
}

const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33; // !
const DQUOTE = 34; // "
const HASH = 35; // #
const AMP = 38; // &
const SQUOTE = 39; // '
const SLASH = 47; // /
const SEMICOLON = 59; // ;
const LT = 60; // <
const EQUALS = 61; // =
const GT = 62; // >
const QUESTION = 63; // ?
const OPEN_BRACKET = 91; // [
const CLOSE_BRACKET = 93; // ]
const BOM = 0xfeff;

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/** XML NameStartChar, lenient above ASCII (any non-ASCII character counts). */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** How a character found where something else was expected is quoted in a message. */
function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the document';
  const c = text.charCodeAt(offset);
  if (c === LF) return "'\\n'";
  if (c === CR) return "'\\r'";
  if (c === TAB) return "'\\t'";
  const point = text.codePointAt(offset)!;
  return `'${String.fromCodePoint(point)}'`;
}

function newElement(name: string, start: number, nameEnd: number, indent: number | undefined): XmlElement {
  return {
    name,
    start,
    nameSpan: { start: start + 1, end: nameEnd },
    attributes: NO_ATTRIBUTES,
    openEnd: undefined,
    closeStart: undefined,
    end: nameEnd,
    selfClosing: false,
    indent,
    parent: undefined,
    children: [],
  };
}

export function scanXml(text: string): XmlDocument {
  return new Scanner(text).scan();
}

class Scanner {
  private readonly length: number;
  private readonly problems: XmlProblem[] = [];
  private readonly elements: XmlElement[] = [];
  /** Open elements, outermost first. */
  private readonly stack: XmlElement[] = [];
  /** Per open element: its open tag is broken and already reported, so it is not reported again as not closed. */
  private readonly stackBroken: boolean[] = [];
  /**
   * The open elements of each name, innermost last, so that finding an open ancestor by name is O(1) however deep
   * the nesting. Kept from the first closing tag that does not match the innermost element on (well-formed documents
   * never need it).
   */
  private openNames: Map<string, XmlElement[]> | undefined;
  /** The rest of the document was swallowed by an unterminated comment, CDATA section, PI or DOCTYPE. */
  private swallowed = false;
  /**
   * First non-space text outside any element (reported only when there is a root element); null when a stray `<`
   * outside any element was reported already.
   */
  private strayText: Span | null | undefined;
  /**
   * The element last closed by a closing tag of another name: its parent's depth and child count then, and the
   * problem reported for that tag.
   */
  private mismatch: { element: XmlElement; depth: number; siblings: number; problem?: XmlProblem } | undefined;
  /** A problem was reported in the tag being read. */
  private tagProblem = false;

  /** Offset of the next `&` not yet looked at (-1: none left). */
  private nextAmp: number;

  // Line tracking for `indent`, advanced monotonically (linear overall): the line of the last `<` looked at, how far
  // it is known to hold only spaces and tabs, the next line break.
  private lineStart = 0;
  private lineScan = 0;
  private lineHasContent = false;
  private nextNewline: number;

  constructor(private readonly text: string) {
    this.length = text.length;
    this.nextNewline = text.indexOf('\n');
    this.nextAmp = text.indexOf('&');
  }

  scan(): XmlDocument {
    const { text, length } = this;
    let i = 0;
    while (i < length) {
      i = this.textRun(i);
      if (i >= length) break;
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) i = this.closingTag(i);
      else if (next === BANG) i = this.bang(i);
      else if (next === QUESTION) i = this.processingInstruction(i);
      else if (isNameStart(next)) i = this.openTag(i);
      else i = this.strayLessThan(i, i + 1);
    }
    this.finish();
    this.problems.sort((a, b) => a.span.start - b.span.start);
    return { elements: this.elements, problems: this.problems };
  }

  /** The first problem of the tag being read is reported, the rest are consequences. */
  private readonly reportInTag = (start: number, end: number, message: string): void => {
    if (!this.tagProblem) this.report(start, end, message);
    this.tagProblem = true;
  };

  private report(start: number, end: number, message: string): void {
    const s = Math.min(Math.max(start, 0), this.length);
    this.problems.push({ span: { start: s, end: Math.min(Math.max(end, s), this.length) }, message: `XML: ${message}` });
  }

  /** Text up to the next `<`; checks `&` references and text outside the root element. Returns the `<` offset. */
  private textRun(i: number): number {
    const { text, length } = this;
    let end = text.indexOf('<', i);
    if (end < 0) end = length;
    if (this.stack.length === 0 && this.strayText === undefined) {
      for (let j = i; j < end; j++) {
        if (!isSpace(text.charCodeAt(j)) && !(j === 0 && text.charCodeAt(j) === BOM)) {
          this.strayText = { start: j, end: j + 1 };
          break;
        }
      }
    }
    // `&` is rare: its next occurrence is remembered, so that the text is searched for it once.
    if (this.nextAmp >= 0 && this.nextAmp < i) this.nextAmp = text.indexOf('&', i);
    while (this.nextAmp >= 0 && this.nextAmp < end) {
      const amp = this.nextAmp;
      const referenceEnd = this.reference(amp, end);
      if (referenceEnd < 0) this.report(amp, amp + 1, "unexpected character '&'");
      this.nextAmp = text.indexOf('&', referenceEnd < 0 ? amp + 1 : referenceEnd);
    }
    return end;
  }

  /**
   * The end of the entity or character reference at `i` (`&name;`, `&#N;`, `&#xN;`), -1 when there is none.
   * A character reference to a character XML does not allow is reported, and still counts as a reference.
   */
  private reference(i: number, limit: number): number {
    const { text } = this;
    let j = i + 1;
    if (j < limit && text.charCodeAt(j) === HASH) {
      j++;
      const hex = j < limit && (text.charCodeAt(j) === 120 || text.charCodeAt(j) === 88); // x, X
      if (hex) j++;
      const digits = j;
      let code = 0;
      for (; j < limit; j++) {
        const d = text.charCodeAt(j);
        if (hex ? !isHexDigit(d) : !isDigit(d)) break;
        if (code <= 0x10ffff) code = code * (hex ? 16 : 10) + (d <= 57 ? d - 48 : (d | 32) - 87);
      }
      if (j === digits || j >= limit || text.charCodeAt(j) !== SEMICOLON) return -1;
      const allowed =
        code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!allowed) this.report(i, j + 1, `${text.slice(i, j + 1)} is not a character XML allows`);
      return j + 1;
    }
    if (j >= limit || !isNameStart(text.charCodeAt(j))) return -1;
    for (j++; j < limit && isNameChar(text.charCodeAt(j)); j++);
    return j < limit && text.charCodeAt(j) === SEMICOLON ? j + 1 : -1;
  }

  /** A `<` that starts no markup: reported at the character after it, and read as text. */
  private strayLessThan(lt: number, found: number): number {
    const end = found < this.length ? found + 1 : found;
    if (this.stack.length === 0 && this.strayText === undefined) this.strayText = null;
    this.report(found, end, `expected a name but found ${describe(this.text, found)}`);
    return lt + 1;
  }

  private bang(i: number): number {
    const { text } = this;
    if (text.startsWith('<!--', i)) {
      return this.section(i, 4, '-->', 'comment is not closed (missing -->)');
    }
    if (text.startsWith('<![CDATA[', i)) {
      if (this.stack.length === 0 && this.strayText === undefined) this.strayText = { start: i, end: i + 9 };
      return this.section(i, 9, ']]>', 'CDATA section is not closed (missing ]]>)');
    }
    if (text.startsWith('<!DOCTYPE', i)) return this.doctype(i);
    return this.strayLessThan(i, i + 1);
  }

  private processingInstruction(i: number): number {
    return this.section(i, 2, '?>', 'processing instruction is not closed (missing ?>)');
  }

  /** A comment, CDATA section or PI: up to `closer`; unterminated, it runs to the end of the document. */
  private section(i: number, openerLength: number, closer: string, message: string): number {
    const end = this.text.indexOf(closer, i + openerLength);
    if (end >= 0) return end + closer.length;
    this.report(i, i + openerLength, message);
    this.swallowed = true;
    return this.length;
  }

  /** `<!DOCTYPE name … [ internal subset ] >`: quotes, brackets and comments in the subset are skipped. */
  private doctype(i: number): number {
    const { text, length } = this;
    let quote = 0;
    let depth = 0;
    for (let j = i + 9; j < length; j++) {
      const c = text.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === DQUOTE || c === SQUOTE) {
        quote = c;
      } else if (c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACKET) {
        depth--;
      } else if (c === GT && depth <= 0) {
        return j + 1;
      } else if (c === LT && text.startsWith('<!--', j)) {
        const end = text.indexOf('-->', j + 4);
        if (end < 0) break;
        j = end + 2;
      }
    }
    this.report(i, i + 9, 'DOCTYPE is not closed (missing >)');
    this.swallowed = true;
    return length;
  }

  private scanName(i: number): number {
    const { text, length } = this;
    while (i < length && isNameChar(text.charCodeAt(i))) i++;
    return i;
  }

  private skipSpace(i: number): number {
    const { text, length } = this;
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    return i;
  }

  /** The indentation of a `<` at `offset` (offsets passed here only grow). */
  private indentAt(offset: number): number | undefined {
    const { text } = this;
    if (this.nextNewline >= 0 && this.nextNewline < offset) {
      this.lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      this.nextNewline = text.indexOf('\n', offset);
      this.lineScan = this.lineStart;
      this.lineHasContent = false;
    }
    // Only spaces and tabs so far on this line: look at what lies between them and the `<`.
    let j = this.lineScan;
    if (!this.lineHasContent) {
      for (; j < offset; j++) {
        const c = text.charCodeAt(j);
        if (c !== SPACE && c !== TAB && c !== CR && !(j === 0 && c === BOM)) {
          this.lineHasContent = true;
          break;
        }
      }
      this.lineScan = j;
    }
    return this.lineHasContent ? undefined : offset - this.lineStart;
  }

  private openTag(i: number): number {
    const { text, length } = this;
    const nameEnd = this.scanName(i + 1);
    const element = newElement(text.slice(i + 1, nameEnd), i, nameEnd, this.indentAt(i));
    const parent = this.stack[this.stack.length - 1];
    if (parent) {
      element.parent = parent;
      parent.children.push(element);
    } else {
      this.elements.push(element); // more than one: reported at the end (a stray closing tag may yet be resolved)
    }

    // Attributes, up to `>` or `/>`. Only the first mistake in the tag is reported.
    this.tagProblem = false;
    const report = this.reportInTag;
    let attributes: XmlAttribute[] | undefined;
    let j = nameEnd;
    let tagEnd = -1; // offset after `>` / `/>`; -1 while the tag goes on; stays -1 when it is cut off
    let stop = -1; // where scanning resumes when the tag is cut off by `<` or the end of the document
    const takeValue = (value: ReturnType<Scanner['attributeValue']>) => {
      j = value.next;
      if (value.tagEnd !== undefined) {
        tagEnd = value.tagEnd;
        element.selfClosing = value.selfClosing;
      }
      if (value.stop !== undefined) stop = value.stop;
    };
    while (tagEnd < 0 && stop < 0) {
      j = this.skipSpace(j);
      if (j >= length) {
        stop = length; // the end-of-document problem covers it
        break;
      }
      const c = text.charCodeAt(j);
      if (c === GT) {
        tagEnd = j + 1;
      } else if (c === SLASH && text.charCodeAt(j + 1) === GT) {
        element.selfClosing = true;
        tagEnd = j + 2;
      } else if (c === LT) {
        report(j, j + 1, "expected '>' but found '<'");
        stop = j;
      } else if (isNameStart(c)) {
        const attributeEnd = this.scanName(j);
        const attribute: XmlAttribute = {
          name: text.slice(j, attributeEnd),
          nameSpan: { start: j, end: attributeEnd },
        };
        (attributes ??= []).push(attribute);
        const equals = this.skipSpace(attributeEnd);
        if (equals < length && text.charCodeAt(equals) === EQUALS) {
          const quote = this.skipSpace(equals + 1);
          const q = quote < length ? text.charCodeAt(quote) : 0;
          if (q === DQUOTE || q === SQUOTE) {
            takeValue(this.attributeValue(quote, attribute, report));
          } else {
            report(quote, quote + 1, `expected a quoted attribute value but found ${describe(text, quote)}`);
            j = quote;
          }
        } else {
          report(equals, equals + 1, `expected '=' after the attribute name but found ${describe(text, equals)}`);
          j = equals;
        }
      } else if (c === DQUOTE || c === SQUOTE) {
        report(j, j + 1, `expected an attribute name but found ${describe(text, j)}`);
        takeValue(this.attributeValue(j, undefined, report));
      } else {
        report(j, j + 1, `expected '>' but found ${describe(text, j)}`);
        j++;
      }
    }
    if (attributes) element.attributes = attributes;

    if (tagEnd >= 0) {
      element.openEnd = tagEnd;
      element.end = tagEnd;
      if (element.selfClosing) return tagEnd;
    } else {
      element.end = stop;
    }
    this.stack.push(element);
    this.stackBroken.push(this.tagProblem);
    if (this.openNames) this.opened(this.openNames, element);
    return tagEnd >= 0 ? tagEnd : stop;
  }

  /**
   * A quoted attribute value starting at the quote `q`. Stops at the closing quote, or (unterminated) at a `<` or the
   * end of the document; an unterminated value ends at its first `>`, which ends the tag.
   */
  private attributeValue(
    q: number,
    attribute: XmlAttribute | undefined,
    report: (start: number, end: number, message: string) => void,
  ): { next: number; tagEnd?: number; selfClosing: boolean; stop?: number } {
    const { text, length } = this;
    const quote = text.charCodeAt(q);
    let firstGt = -1;
    let j = q + 1;
    for (; j < length; j++) {
      const c = text.charCodeAt(j);
      if (c === quote || c === LT) break;
      if (c === GT && firstGt < 0) firstGt = j;
      if (c === AMP) {
        const end = this.reference(j, length);
        if (end < 0) report(j, j + 1, "unexpected character '&'");
        else j = end - 1;
      }
    }
    const missingQuote = `attribute value is not closed (missing ${text[q]})`;
    if (j < length && text.charCodeAt(j) === quote) {
      const after = j + 1;
      const next = after < length ? text.charCodeAt(after) : SPACE;
      if (!isSpace(next) && next !== GT && next !== SLASH) {
        // `a="x b="y"`: the quote after x is missing; the value ends before ` b=`, and b is read again.
        const nameStart = this.nameBeforeEquals(q + 1, j);
        if (nameStart >= 0) {
          let valueEnd = nameStart;
          while (valueEnd > q + 1 && isSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
          report(q, valueEnd, missingQuote);
          if (attribute) attribute.valueSpan = { start: q + 1, end: valueEnd };
          return { next: nameStart, selfClosing: false };
        }
        if (isNameStart(next)) {
          report(after, after + 1, `expected whitespace, '>' or '/>' but found ${describe(text, after)}`);
        }
      }
      if (attribute) attribute.valueSpan = { start: q + 1, end: j };
      return { next: after, selfClosing: false };
    }
    report(q, q + 1, missingQuote);
    if (firstGt >= 0) {
      const selfClosing = text.charCodeAt(firstGt - 1) === SLASH && firstGt - 1 > q;
      if (attribute) attribute.valueSpan = { start: q + 1, end: selfClosing ? firstGt - 1 : firstGt };
      return { next: firstGt + 1, tagEnd: firstGt + 1, selfClosing };
    }
    if (attribute) attribute.valueSpan = { start: q + 1, end: j };
    return { next: j, selfClosing: false, stop: j };
  }

  /** When `text[from, end)` ends with whitespace, a name, optional whitespace and `=`: the offset of that name. */
  private nameBeforeEquals(from: number, end: number): number {
    const { text } = this;
    let j = end;
    while (j > from && isSpace(text.charCodeAt(j - 1))) j--;
    if (j <= from || text.charCodeAt(j - 1) !== EQUALS) return -1;
    j--;
    while (j > from && isSpace(text.charCodeAt(j - 1))) j--;
    const nameEnd = j;
    while (j > from && isNameChar(text.charCodeAt(j - 1))) j--;
    if (j === nameEnd || !isNameStart(text.charCodeAt(j))) return -1;
    return j > from && isSpace(text.charCodeAt(j - 1)) ? j : -1;
  }

  private closingTag(i: number): number {
    const { text, length } = this;
    const nameStart = i + 2;
    if (nameStart >= length && this.stack.length > 0) return length; // cut off: the end-of-document problem covers it
    const named = nameStart < length && isNameStart(text.charCodeAt(nameStart));
    const nameEnd = named ? this.scanName(nameStart) : nameStart;
    const j = named ? this.skipSpace(nameEnd) : nameStart;
    let end = j + 1;
    const broken = !named || j >= length || text.charCodeAt(j) !== GT;
    if (broken) {
      if (j >= length && this.stack.length > 0) return length;
      // Skip to the tag's `>`, or stop before the next tag.
      let k = j;
      while (k < length && text.charCodeAt(k) !== GT && text.charCodeAt(k) !== LT) k++;
      const closed = k < length && text.charCodeAt(k) === GT;
      end = closed ? k + 1 : k;
      if (!named) {
        // `</` without a name: a closing tag all the same (of the innermost element) when its `>` comes before the
        // next tag.
        if (!closed || this.stack.length === 0) return this.strayLessThan(i, nameStart);
        this.report(nameStart, nameStart + 1, `expected a name but found ${describe(text, nameStart)}`);
        this.closeMismatched(i, end, undefined);
        return end;
      }
      this.report(j, j + 1, `expected '>' but found ${describe(text, j)}`);
    }
    this.close(text.slice(nameStart, nameEnd), i, nameStart, nameEnd, end, broken);
    return end;
  }

  /** A closing tag named `name` from `closeStart` to `end`; `broken`: a problem in it was reported already. */
  private close(name: string, closeStart: number, nameStart: number, nameEnd: number, end: number, broken: boolean) {
    const { stack } = this;
    const top = stack[stack.length - 1];
    if (top?.name !== name && this.resync(name, closeStart, end)) return;
    if (!top) {
      if (!broken) this.report(nameStart, nameEnd, `unexpected closing tag </${name}>`);
      return;
    }
    if (top.name !== name) {
      this.openNames ??= this.indexOpenNames();
      const ancestor = this.openNames.get(name)?.at(-1);
      if (!ancestor || this.leftBehind(closeStart, top, ancestor)) {
        if (!broken) this.report(nameStart, nameEnd, `closing tag </${name}> does not match <${top.name}>`);
        this.closeMismatched(closeStart, end, broken ? undefined : this.problems[this.problems.length - 1]);
        return;
      }
      // An open ancestor: the elements above it were never closed.
      const unclosed: XmlElement[] = [];
      while (stack[stack.length - 1].name !== name) {
        const reported = this.stackBroken[this.stackBroken.length - 1];
        const element = this.pop();
        if (!reported) {
          const { start, end } = element.nameSpan;
          this.report(start, end, `<${element.name}> is not closed (found </${name}>)`);
        }
        unclosed.push(element);
      }
      this.endUnclosed(unclosed, closeStart);
    }
    this.closeTop(closeStart, end);
  }

  /**
   * A closing tag that starts its own line deeper than the innermost element, and not in line with the ancestor of its
   * name, does not close that ancestor: it was left behind inside the innermost element (its open tag was deleted or
   * broken), and is read as a closing tag that matches nothing.
   */
  private leftBehind(closeStart: number, top: XmlElement, ancestor: XmlElement): boolean {
    const indent = this.indentAt(closeStart);
    return indent !== undefined && top.indent !== undefined && indent > top.indent && indent !== ancestor.indent;
  }

  /** Closes the innermost element with a closing tag that is not its own, remembering it for `resync`. */
  private closeMismatched(closeStart: number, end: number, problem: XmlProblem | undefined): void {
    const element = this.stack[this.stack.length - 1];
    this.closeTop(closeStart, end);
    const siblings = element.parent ? element.parent.children : this.elements;
    this.mismatch = { element, depth: this.stack.length, siblings: siblings.length, problem };
  }

  /**
   * A closing tag for the element that an earlier, mismatched closing tag closed, with nothing else closed in
   * between: that earlier tag was a stray (`<a><b/></x><c/></a>`), not a misspelling. The element is reopened up to
   * here and takes back the siblings read since; without this, every later closing tag would close the wrong element.
   */
  private resync(name: string, closeStart: number, end: number): boolean {
    const mismatch = this.mismatch;
    if (!mismatch || mismatch.element.name !== name || this.stack.length !== mismatch.depth) return false;
    const { element } = mismatch;
    if (this.stack[this.stack.length - 1] !== element.parent) return false;
    this.mismatch = undefined;
    if (mismatch.problem) {
      const { start, end } = mismatch.problem.span;
      mismatch.problem.message = `XML: unexpected closing tag </${this.text.slice(start, end)}>`;
    }
    const siblings = element.parent ? element.parent.children : this.elements;
    for (const moved of siblings.splice(mismatch.siblings)) {
      moved.parent = element;
      element.children.push(moved);
    }
    element.closeStart = closeStart;
    element.end = end;
    if (this.strayText && this.strayText.start > element.start) this.strayText = undefined; // inside after all
    return true;
  }

  private closeTop(closeStart: number, end: number): void {
    const element = this.pop();
    element.closeStart = closeStart;
    element.end = end;
  }

  private pop(): XmlElement {
    const element = this.stack.pop()!;
    this.stackBroken.pop();
    if (this.mismatch && this.stack.length < this.mismatch.depth) this.mismatch = undefined;
    // An emptied list is kept: the same few names open and close all the time.
    this.openNames?.get(element.name)!.pop();
    return element;
  }

  private opened(index: Map<string, XmlElement[]>, element: XmlElement): void {
    const open = index.get(element.name);
    if (open) open.push(element);
    else index.set(element.name, [element]);
  }

  private indexOpenNames(): Map<string, XmlElement[]> {
    const index = new Map<string, XmlElement[]>();
    for (const element of this.stack) this.opened(index, element);
    return index;
  }

  /**
   * Elements never closed, innermost first (each the last child of the next), ending at `end`. Where one starts its
   * own line, its first child that starts its own line no deeper than it, and everything after that child, are taken
   * to be its later siblings: they move to its parent. An element whose open tag was cut off by the next tag is taken
   * to be empty: all its children move. Moves go up level by level (innermost first); the elements
   * being moved are kept in one list, front last, so that each element is looked at a bounded number of times.
   */
  private endUnclosed(unclosed: XmlElement[], end: number): void {
    const moving: XmlElement[] = []; // in reverse document order: the next to place is the last
    const settle = (element: XmlElement, parent: XmlElement) => {
      element.parent = parent;
      parent.children.push(element);
    };
    for (const element of unclosed) {
      const indent = element.indent;
      if (element.parent !== undefined && element.openEnd === undefined) {
        // An open tag cut off by the next tag and never closed: an element being typed, it has no content.
        for (let k = element.children.length - 1; k >= 0; k--) moving.push(element.children[k]);
        element.children.length = 0;
        continue; // `end` stays where the open tag was cut off
      }
      if (indent === undefined || element.parent === undefined) {
        while (moving.length > 0) settle(moving.pop()!, element);
        element.end = end;
        continue;
      }
      const outside = (child: XmlElement) => child.indent !== undefined && child.indent <= indent;
      const { children } = element;
      const index = children.findIndex(outside);
      if (index >= 0) {
        for (let k = children.length - 1; k >= index; k--) moving.push(children[k]);
        children.length = index;
      } else {
        while (moving.length > 0 && !outside(moving[moving.length - 1])) settle(moving.pop()!, element);
      }
      element.end = moving.length > 0 ? moving[moving.length - 1].start : end;
    }
    const parent = unclosed[unclosed.length - 1]?.parent;
    if (parent) while (moving.length > 0) settle(moving.pop()!, parent);
  }

  private finish(): void {
    const { stack, length } = this;
    if (stack.length > 0) {
      if (!this.swallowed) {
        this.report(length, length, `unexpected end of document: <${stack[stack.length - 1].name}> is not closed`);
      }
      const unclosed: XmlElement[] = [];
      while (stack.length > 0) unclosed.push(this.pop());
      this.endUnclosed(unclosed, length);
    }
    const [root, outside] = this.elements;
    if (outside) {
      // The first is enough: they usually follow from one mistake (a closing tag too early).
      const { start, end } = outside.nameSpan;
      this.report(start, end, `<${outside.name}> is outside the root element <${root.name}>`);
    }
    if (!root) {
      this.report(length, length, 'no root element');
    } else if (this.strayText) {
      this.report(this.strayText.start, this.strayText.end, 'text is not allowed outside the root element');
    }
  }
}
