import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { SyntacticRule } from './rule';

/** `scheme-prefix`: `https://` or `http://` pasted in front of a reference; no tool accepts it. */
export const schemePrefix: SyntacticRule = {
  code: 'scheme-prefix',
  check(reference) {
    if (!reference.scheme) return undefined;
    return {
      code: 'scheme-prefix',
      span: reference.scheme.span,
      message:
        `\`${reference.scheme.text}\` is not part of an image reference: name the registry by host only ` +
        `(\`${reference.body}\`).`,
      severity: DiagnosticSeverity.Error,
    };
  },
};
