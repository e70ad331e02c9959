import { TextEdit, type Diagnostic } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from './analysis';
import { lookupsFor, type Lookup } from './resolution';
import type { ImagerefSettings } from './settings';

/** The settings an update runs with: stale-digest reported whatever the user's severity for it (the user asked). */
export function updateSettings(settings: ImagerefSettings): ImagerefSettings {
  return { ...settings, rules: { ...settings.rules, 'stale-digest': 'warning' } };
}

/** The lookups that decide whether a pinned digest is stale: the tag (or tag comment) and the digest of each pin. */
export function pinnedLookups(analysis: DocumentAnalysis): Lookup[] {
  const lookups = new Map<string, Lookup>();
  for (const reference of analysis.references) {
    if (!reference.parse?.ok || reference.parse.ref.digest === undefined) continue;
    const { tag, digest } = lookupsFor(reference);
    for (const lookup of [tag, digest]) if (lookup) lookups.set(lookup.key, lookup);
  }
  return [...lookups.values()];
}

/** One edit per stale-digest diagnostic: its range is the pinned digest, its data the digest the tag points at now. */
export function digestUpdateEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const digest = (diagnostic.data as { digest?: unknown } | undefined)?.digest;
    if (diagnostic.code !== 'stale-digest' || typeof digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(digest)) continue;
    edits.push(TextEdit.replace(diagnostic.range, digest));
  }
  return edits;
}
