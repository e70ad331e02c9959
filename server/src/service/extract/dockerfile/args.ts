/** The global ARGs of a Dockerfile (those before the first FROM): the only variables FROM can use. */
import { expandWord, piecesText, type ArgEnv, type Piece } from './expand';
import { emptyDefaultValue, PLATFORM_ARG_NAMES, platformArgValue } from './platformArgs';
import type { Instruction } from './scanner';

/**
 * Builds the variables visible to FROM, one ARG instruction at a time. Each word of an ARG is `name` or
 * `name=default`, as BuildKit reads them; each default value is expanded with the ARGs declared before it. A value
 * given from outside (`externalProperties`, e.g. build arguments) replaces the default of a declared ARG, like
 * `--build-arg`; it has no place in the document, so references using it are not editable.
 */
export class GlobalArgs {
  private readonly variables = new Map<string, readonly Piece[] | null>();

  constructor(
    private readonly text: string,
    private readonly escapeChar: string,
    private readonly externalProperties?: ReadonlyMap<string, string>,
  ) {
    // BuildKit defines these in the global scope: FROM can use them undeclared.
    for (const name of PLATFORM_ARG_NAMES) this.variables.set(name, platformArgValue(name));
  }

  get env(): ArgEnv {
    return this.variables;
  }

  /** Adds the variables of an ARG instruction that comes before the first FROM. */
  declare(arg: Instruction): void {
    const env = this.variables;
    for (const word of arg.words()) {
      const equals = word.text.indexOf('=');
      const name = equals === -1 ? word.text : word.text.slice(0, equals);
      if (name === '') continue;
      const external = this.externalProperties?.get(name);
      if (external !== undefined) {
        env.set(name, [{ text: external }]);
      } else if (equals !== -1) {
        const value = word.index + equals + 1;
        const pieces = expandInLine(this.text, arg, value, word.index + word.text.length, env, this.escapeChar);
        env.set(name, piecesText(pieces) === '' ? emptyDefaultValue(name, this.lineOf(arg.offsetAt(word.index)), `ARG ${word.text}`) : pieces);
      } else if (!env.has(name)) {
        env.set(name, null);
      }
    }
  }

  private lineOf(offset: number): number {
    let line = 1;
    for (let at = this.text.indexOf('\n'); at !== -1 && at < offset; at = this.text.indexOf('\n', at + 1)) line++;
    return line;
  }
}

/**
 * Expands [from, to) of an instruction's logical line, as BuildKit does once continuation lines are joined, and gives
 * the pieces spans in the document. A word that crosses a continuation (`ubun\⏎tu`, possibly with comment lines in
 * between) expands as the joined text; its pieces then span the continuation in the document, so that a reference
 * made of them is not editable in place.
 */
export function expandInLine(
  text: string,
  instruction: Instruction,
  from: number,
  to: number,
  env: ArgEnv,
  escapeChar: string,
): Piece[] {
  if (!instruction.continued) {
    const offset = instruction.offsetAt(0);
    return expandWord(text, offset + from, offset + to, env, escapeChar);
  }
  // Pieces substituted from a variable keep the document span of its value; their `via` and the literal pieces have
  // line indexes.
  return expandWord(instruction.line, from, to, env, escapeChar).map((piece) => {
    const mapped: Piece = { ...piece };
    if (piece.via) {
      mapped.via = { name: piece.via.name, usedAt: instruction.spanOf(piece.via.usedAt.start, piece.via.usedAt.end) };
    } else if (piece.span) {
      mapped.span = instruction.spanOf(piece.span.start, piece.span.end);
    }
    return mapped;
  });
}
