/**
 * Image references of a Dockerfile / Containerfile: FROM, COPY --from, RUN --mount from and the `# syntax`
 * directive. All of them are base images: they are pulled by the build.
 *
 * scanner.ts reads the structure (directives, instructions, continuation lines, heredocs, the escape
 * directive, flags and words with their offsets); dockerfile-args.ts collects the global ARGs; dockerfile-expand.ts
 * substitutes them and removes quotes; dockerfile-flags.ts reads `--platform` and `--mount` values.
 * One pass over the instructions, none of them kept: large files stay fast.
 */
import type {
  ExtractedReference,
  ExtractionContext,
  ExtractionNote,
  ExtractionProblem,
  ExtractionResult,
  Platform,
  Span,
} from '../../types';
import { expandInLine, GlobalArgs } from './args';
import { piecesText, type Piece } from './expand';
import { findMountFrom, parsePlatforms } from './flags';
import { notesOf, selectableStages } from './platformArgs';
import { DockerfileScanner, type Flag, type Instruction, type Word } from './scanner';

const SCRATCH = 'scratch';

export function extractDockerfile(text: string, context?: ExtractionContext): ExtractionResult {
  return new DockerfileExtractor(text, context?.externalProperties).extract();
}

class DockerfileExtractor {
  private readonly scanner: DockerfileScanner;
  private readonly args: GlobalArgs;
  private readonly references: ExtractedReference[] = [];
  private readonly problems: ExtractionProblem[] = [];
  private readonly notes: ExtractionNote[] = [];
  /** Stage names as written, in order, with the offset of the name: what a FROM using platform ARGs may select. */
  private readonly stageList: Array<{ name: string; offset: number }> = [];
  /**
   * Lowercase stage names, with the number of the FROM that declares each first: a FROM can only build on an earlier
   * stage.
   */
  private readonly stages = new Map<string, number>();
  private froms = 0;
  /** Whether a stage name has characters BuildKit does not allow in one (see couldBeStageName). */
  private oddStageNames = false;
  /**
   * References of COPY --from and RUN --mount from, by index in `references`, with their lowercase name: they may name
   * a stage declared further down, which is only known at the end.
   */
  private readonly maybeLaterStages: Array<{ index: number; name: string }> = [];
  /** Parsed `--platform` values, by value. */
  private readonly platforms = new Map<string, readonly Platform[]>();

  constructor(
    private readonly text: string,
    externalProperties: ReadonlyMap<string, string> | undefined,
  ) {
    this.scanner = new DockerfileScanner(text);
    this.args = new GlobalArgs(text, this.scanner.escapeChar, externalProperties);
  }

  extract(): ExtractionResult {
    this.extractSyntaxDirective();
    for (let instruction = this.scanner.next(); instruction; instruction = this.scanner.next()) {
      switch (instruction.keyword) {
        case 'ARG':
          if (this.froms === 0) this.args.declare(instruction);
          break;
        case 'FROM':
          this.extractFrom(instruction);
          break;
        case 'COPY':
          this.extractCopyFrom(instruction);
          break;
        case 'RUN':
          this.extractRunMounts(instruction);
          break;
      }
    }
    return { references: this.withoutLaterStages(), problems: this.problems, ...(this.notes.length ? { notes: this.notes } : {}) };
  }

  /** `# syntax=docker/dockerfile:1` names the frontend image; BuildKit only reads the first one. */
  private extractSyntaxDirective(): void {
    const directive = this.scanner.directives.find((d) => d.name === 'syntax');
    if (!directive || directive.value === '') return;
    const span = directive.valueSpan;
    this.addReference([{ text: directive.value, span }], span, '# syntax', NO_PLATFORMS);
  }

  private extractFrom(from: Instruction): void {
    const number = this.froms++;
    const args = from.args();
    const image = args[0];
    const stage = stageName(args);
    if (stage !== undefined && !this.stages.has(stage)) {
      this.stages.set(stage, number);
      this.stageList.push({ name: args[2].text, offset: args[2].span.start });
      if (!couldBeStageName(stage)) this.oddStageNames = true;
    }
    if (image === undefined) {
      this.addProblem(from.keywordSpan, 'FROM requires an image name.');
    } else if (image.text.startsWith('[')) {
      this.addProblem(image.span, 'FROM does not accept the JSON form: write the image name as a plain word.');
    } else {
      const usage = image.span;
      const pieces = this.expand(from, image.index, image.index + image.text.length);
      const name = piecesText(pieces);
      const declaredBy = this.stageNumber(name);
      // Only a name with a platform ARG can select a stage: the copy of the stage list is made for those alone.
      if (usesPlatformArg(pieces) && this.selectsStage(pieces, usage, image.text, this.stageList.slice(0, number))) return;
      if (name !== SCRATCH && (declaredBy === undefined || declaredBy >= number)) {
        this.addReference(pieces, usage, 'FROM', platformsOf(flagNamed(from, 'platform'), this.platforms));
      }
    }
  }

  private extractCopyFrom(copy: Instruction): void {
    const value = flagNamed(copy, 'from')?.valueInLine;
    if (value) this.extractImageOrStage(copy, value, 'COPY --from');
  }

  private extractRunMounts(run: Instruction): void {
    const flags = run.flags();
    for (let i = 0; i < flags.length; i++) {
      const flag = flags[i];
      const value = flag.name === 'mount' ? flag.valueInLine : undefined;
      const from = value ? findMountFrom(run.line, value.start, value.end) : undefined;
      if (from) this.extractImageOrStage(run, from, 'RUN --mount from');
    }
  }

  /**
   * A `--from` value ([start, end) of the instruction's line) names a stage (of the whole file), a stage index, or else
   * an image.
   */
  private extractImageOrStage(instruction: Instruction, value: Span, context: string): void {
    const pieces = this.expand(instruction, value.start, value.end);
    const name = piecesText(pieces);
    if (name === '' || name === SCRATCH || /^\d+$/.test(name)) return;
    if (this.stageNumber(name) !== undefined) return;
    if (usesPlatformArg(pieces) && this.selectsStage(pieces, instruction.spanOf(value.start, value.end), instruction.line.slice(value.start, value.end), this.stageList)) return;
    if (this.oddStageNames || couldBeStageName(name)) {
      this.maybeLaterStages.push({ index: this.references.length, name: name.toLowerCase() });
    }
    this.addReference(pieces, instruction.spanOf(value.start, value.end), context, NO_PLATFORMS);
  }

  /**
   * A name written with BuildKit's platform ARGs that names earlier stages (`binaries-$TARGETOS`) is a stage, not an
   * image: the hover lists the stages it can select.
   */
  private selectsStage(pieces: Piece[], span: Span, written: string, earlier: ReadonlyArray<{ name: string; offset: number }>): boolean {
    const selected = selectableStages(pieces, earlier.map((s) => s.name));
    if (selected.length === 0) return false;
    const args = [...new Set(pieces.flatMap((p) => p.platformArg ?? []))];
    const lineOf = (offset: number) => this.text.slice(0, offset).split('\n').length;
    const rows = selected.map((name) => `- \`${name}\` (line ${lineOf(earlier.find((s) => s.name === name)!.offset)})`);
    const markdown = [
      '**Build stage** (selected by platform)', '',
      `\`${written}\` names an earlier stage through BuildKit's platform ${args.length > 1 ? 'ARGs' : 'ARG'} ${args.map((a) => `\`${a}\``).join(', ')}; it can select:`, '',
      ...rows, '',
      ...notesOf(pieces),
    ].join('\n').trimEnd();
    this.notes.push({ span, markdown });
    return true;
  }

  /** The number of the FROM that declares `name` as a stage (any case), if one does so far. */
  private stageNumber(name: string): number | undefined {
    // Most image names (`alpine:3.20`, `ghcr.io/org/app`) cannot be stage names: skip the look-up, unless a stage
    // was given an odd name (BuildKit rejects those, but they are still matched here).
    return this.oddStageNames || couldBeStageName(name) ? this.stages.get(name.toLowerCase()) : undefined;
  }

  /** The references, without those that turned out to name a stage declared after them. */
  private withoutLaterStages(): ExtractedReference[] {
    const later = new Set<number>();
    for (const { index, name } of this.maybeLaterStages) if (this.stages.has(name)) later.add(index);
    return later.size === 0 ? this.references : this.references.filter((_, index) => !later.has(index));
  }

  /**
   * A reference is editable (and reported where its text is written) when it comes entirely from one literal piece
   * of the document: the FROM word itself, or the default value of one ARG. Otherwise it is reported where it is used.
   */
  private addReference(pieces: Piece[], usage: Span, context: string, platforms: readonly Platform[]): void {
    const text = piecesText(pieces);
    let unresolved = false;
    let nonEmpty = 0;
    let source: Piece | undefined;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (piece.unresolved === true) unresolved = true;
      if (piece.text !== '') {
        nonEmpty++;
        source = piece;
      }
    }
    const span = nonEmpty === 1 ? source?.span : undefined;
    const editable = !unresolved && span !== undefined && span.end - span.start === text.length && this.text.startsWith(text, span.start);
    const via = commonVia(pieces);
    const reference: ExtractedReference = {
      text,
      span: editable ? span : usage,
      editable,
      unresolved,
      role: 'base',
      tool: 'dockerfile',
      context,
      platforms,
      platformsExplicit: platforms.length > 0,
      fileKind: 'dockerfile',
    };
    if (via) reference.via = via;
    if (pieces.length > 1 || pieces[0]?.unresolved) {
      const notes = notesOf(pieces);
      if (notes.length) reference.notes = notes;
    }
    this.references.push(reference);
  }

  private addProblem(span: Span, message: string): void {
    this.problems.push({ span, message });
  }

  /** Expands [from, to) of the instruction's line. */
  private expand(instruction: Instruction, from: number, to: number): Piece[] {
    return expandInLine(this.text, instruction, from, to, this.args.env, this.scanner.escapeChar);
  }
}

/** `FROM image AS name`: the stage name, in lower case. */
function stageName(args: readonly Word[]): string | undefined {
  return args.length > 2 && isAs(args[1].text) ? args[2].text.toLowerCase() : undefined;
}

/** `AS` in any case, as toUpperCase() compares it (which also folds a few non-ASCII letters: `aſ`). */
function isAs(word: string): boolean {
  if (word.length === 2 && (word.charCodeAt(0) | 0x20) === 0x61 && (word.charCodeAt(1) | 0x20) === 0x73) return true;
  return word.length <= 4 && word.toUpperCase() === 'AS';
}

/**
 * False when `name` has an ASCII character that no stage name has in BuildKit (`[a-z][a-z0-9-_.]*`, in any case
 * here): `:`, `/`, `@`, `$`… Only a quick filter before a look-up: true does not mean that it is a valid name.
 */
function couldBeStageName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) continue; // Some non-ASCII characters lower-case to ASCII letters (the Kelvin sign to `k`).
    const lower = c | 0x20;
    const letterOrDigit = (lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (!letterOrDigit && c !== 0x2d && c !== 0x5f && c !== 0x2e) return false;
  }
  return true;
}

/** The first flag of that name: BuildKit accepts each flag once. */
function flagNamed(instruction: Instruction, name: string): Flag | undefined {
  const flags = instruction.flags();
  for (let i = 0; i < flags.length; i++) if (flags[i].name === name) return flags[i];
  return undefined;
}

const NO_PLATFORMS: readonly Platform[] = Object.freeze([]);

function platformsOf(flag: Flag | undefined, memo: Map<string, readonly Platform[]>): readonly Platform[] {
  const value = flag?.value;
  if (!value) return NO_PLATFORMS;
  // The same few `--platform` values come back on many FROMs; the lists are never changed, so they are shared.
  let platforms = memo.get(value);
  if (platforms === undefined) {
    platforms = parsePlatforms(value) ?? NO_PLATFORMS;
    memo.set(value, platforms);
  }
  return platforms;
}

/** The variable a reference came through, when all of its text came through the same use of one variable. */
function commonVia(pieces: readonly Piece[]): Piece['via'] {
  let first: Piece['via'];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.text === '') continue;
    const via = piece.via;
    if (via === undefined) return undefined;
    if (first === undefined) first = via;
    else if (via.name !== first.name || via.usedAt.start !== first.usedAt.start) return undefined;
  }
  return first;
}

function usesPlatformArg(pieces: readonly Piece[]): boolean {
  for (let i = 0; i < pieces.length; i++) if (pieces[i].platformArg) return true;
  return false;
}
