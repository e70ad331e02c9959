/**
 * Image references of a Dockerfile / Containerfile: FROM, COPY --from, RUN --mount from and the `# syntax`
 * directive. All of them are base images: they are pulled by the build.
 *
 * dockerfile-ast does the parsing (instructions, continuation lines, heredocs, the escape directive, parser
 * directives, flags). Done here instead: variable expansion (dockerfile-expand.ts: dockerfile-ast does not substitute
 * values) and `--mount` values (dockerfile-flags.ts: dockerfile-ast does not remove their quotes).
 */
import { Copy, DockerfileParser, From, Run, type Dockerfile, type Flag } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  ExtractedReference,
  ExtractionContext,
  ExtractionProblem,
  ExtractionResult,
  Platform,
  Span,
} from '../types';
import { globalArgEnv } from './dockerfile-args';
import { expandWord, piecesText, type ArgEnv, type Piece } from './dockerfile-expand';
import { findMountFrom, parsePlatforms } from './dockerfile-flags';

type Range = ReturnType<From['getRange']>;

const SCRATCH = 'scratch';

export function extractDockerfile(text: string, context?: ExtractionContext): ExtractionResult {
  const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 0, text);
  const dockerfile = DockerfileParser.parse(text);
  const env = globalArgEnv(dockerfile, document, context?.externalProperties);
  return new DockerfileExtractor(document, dockerfile, env).extract();
}

class DockerfileExtractor {
  private readonly text: string;
  private readonly escapeChar: string;
  private readonly references: ExtractedReference[] = [];
  private readonly problems: ExtractionProblem[] = [];
  /** Lowercase names of the stages declared so far: a FROM can only build on an earlier stage. */
  private readonly earlierStages = new Set<string>();
  /** Lowercase names of all stages: COPY --from and RUN --mount from can name any stage. */
  private readonly allStages: Set<string>;

  constructor(
    private readonly document: TextDocument,
    private readonly dockerfile: Dockerfile,
    private readonly env: ArgEnv,
  ) {
    this.text = document.getText();
    this.escapeChar = dockerfile.getEscapeCharacter();
    this.allStages = new Set(dockerfile.getFROMs().flatMap((from) => stageName(from) ?? []));
  }

  extract(): ExtractionResult {
    this.extractSyntaxDirective();
    for (const instruction of this.dockerfile.getInstructions()) {
      if (instruction instanceof From) this.extractFrom(instruction);
      else if (instruction instanceof Copy) this.extractCopyFrom(instruction);
      else if (instruction instanceof Run) this.extractRunMounts(instruction);
    }
    return { references: this.references, problems: this.problems };
  }

  /** `# syntax=docker/dockerfile:1` names the frontend image; BuildKit only reads the first one. */
  private extractSyntaxDirective(): void {
    const directive = this.dockerfile.getDirectives().find((d) => d.getName().toLowerCase() === 'syntax');
    if (!directive || directive.getValue() === '') return;
    const span = this.spanOf(directive.getValueRange());
    this.addReference([{ text: directive.getValue(), span }], span, '# syntax', []);
  }

  private extractFrom(from: From): void {
    const image = from.getArguments()[0];
    const stage = stageName(from);
    if (image === undefined) {
      this.addProblem(from.getInstructionRange(), 'FROM requires an image name.');
    } else if (image.getValue().startsWith('[')) {
      this.addProblem(image.getRange(), 'FROM does not accept the JSON form: write the image name as a plain word.');
    } else {
      const usage = this.spanOf(image.getRange());
      const pieces = this.expand(usage);
      const name = piecesText(pieces);
      if (name !== SCRATCH && !this.earlierStages.has(name.toLowerCase())) {
        this.addReference(pieces, usage, 'FROM', platformsOf(from.getPlatformFlag()));
      }
    }
    if (stage !== undefined) this.earlierStages.add(stage);
  }

  private extractCopyFrom(copy: Copy): void {
    const range = copy.getFromFlag()?.getValueRange();
    if (range) this.extractImageOrStage(this.spanOf(range), 'COPY --from');
  }

  private extractRunMounts(run: Run): void {
    for (const flag of run.getFlags()) {
      const range = flag.getName() === 'mount' ? flag.getValueRange() : null;
      const value = range ? this.spanOf(range) : undefined;
      const from = value ? findMountFrom(this.text, value.start, value.end) : undefined;
      if (from) this.extractImageOrStage(from, 'RUN --mount from');
    }
  }

  /** A `--from` value names a stage, a stage index, or else an image. */
  private extractImageOrStage(usage: Span, context: string): void {
    const pieces = this.expand(usage);
    const name = piecesText(pieces);
    if (name === '' || name === SCRATCH || /^\d+$/.test(name) || this.allStages.has(name.toLowerCase())) return;
    this.addReference(pieces, usage, context, []);
  }

  /**
   * A reference is editable (and reported where its text is written) when it comes entirely from one literal piece
   * of the document: the FROM word itself, or the default value of one ARG. Otherwise it is reported where it is used.
   */
  private addReference(pieces: Piece[], usage: Span, context: string, platforms: Platform[]): void {
    const text = piecesText(pieces);
    const unresolved = pieces.some((piece) => piece.unresolved === true);
    const nonEmpty = pieces.filter((piece) => piece.text !== '');
    const source = nonEmpty.length === 1 ? nonEmpty[0].span : undefined;
    const editable = !unresolved && source !== undefined && this.text.slice(source.start, source.end) === text;
    const via = commonVia(nonEmpty);
    this.references.push({
      text,
      span: editable ? source : usage,
      editable,
      unresolved,
      role: 'base',
      tool: 'dockerfile',
      context,
      platforms,
      platformsExplicit: platforms.length > 0,
      ...(via ? { via } : {}),
      fileKind: 'dockerfile',
    });
  }

  private addProblem(range: Range, message: string): void {
    this.problems.push({ span: this.spanOf(range), message });
  }

  private expand(span: Span): Piece[] {
    return expandWord(this.text, span.start, span.end, this.env, this.escapeChar);
  }

  private spanOf(range: Range): Span {
    return { start: this.document.offsetAt(range.start), end: this.document.offsetAt(range.end) };
  }
}

function stageName(from: From): string | undefined {
  return from.getBuildStage()?.toLowerCase() ?? undefined;
}

function platformsOf(flag: Flag | null): Platform[] {
  const value = flag?.getValue();
  return (value && parsePlatforms(value)) || [];
}

/** The variable a reference came through, when all of its text came through the same use of one variable. */
function commonVia(pieces: readonly Piece[]): Piece['via'] {
  const first = pieces[0]?.via;
  const same = (piece: Piece) => piece.via?.name === first?.name && piece.via?.usedAt.start === first?.usedAt.start;
  return first && pieces.every(same) ? first : undefined;
}
