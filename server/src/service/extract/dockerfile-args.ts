/** The global ARGs of a Dockerfile (those before the first FROM): the only variables FROM can use. */
import type { Dockerfile } from 'dockerfile-ast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { expandWord, type ArgEnv, type Piece } from './dockerfile-expand';

/**
 * Builds the variables visible to FROM. Each default value is expanded with the ARGs declared before it, as BuildKit
 * does. A value given from outside (`externalProperties`, e.g. build arguments) replaces the default of a declared
 * ARG, like `--build-arg`; it has no place in the document, so references using it are not editable.
 */
export function globalArgEnv(
  dockerfile: Dockerfile,
  document: TextDocument,
  externalProperties?: ReadonlyMap<string, string>,
): ArgEnv {
  const env = new Map<string, readonly Piece[] | null>();
  const text = document.getText();
  const escapeChar = dockerfile.getEscapeCharacter();
  for (const arg of dockerfile.getInitialARGs()) {
    for (const property of arg.getProperties()) {
      const name = property.getName();
      const external = externalProperties?.get(name);
      const valueRange = property.getValueRange();
      if (external !== undefined) {
        env.set(name, [{ text: external }]);
      } else if (valueRange !== null) {
        const start = document.offsetAt(valueRange.start);
        const end = document.offsetAt(valueRange.end);
        env.set(name, expandWord(text, start, end, env, escapeChar));
      } else if (!env.has(name)) {
        env.set(name, null);
      }
    }
  }
  return env;
}
