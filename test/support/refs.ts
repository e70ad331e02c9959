import type { ExtractedReference, FileKind, Platform, Role, Tool } from '../../server/src/service/types';

/** An extracted reference at the first occurrence of `text` in `document` (for pure rule tests). */
export function refIn(
  document: string,
  text: string,
  options: { role?: Role; tool?: Tool; fileKind?: FileKind; platforms?: Platform[]; explicit?: boolean; editable?: boolean } = {},
): ExtractedReference {
  const start = document.indexOf(text);
  if (start < 0) throw new Error(`${text} not in document`);
  const tool = options.tool ?? 'dockerfile';
  return {
    text,
    span: { start, end: start + text.length },
    editable: options.editable ?? true,
    unresolved: false,
    role: options.role ?? 'base',
    tool,
    context: tool === 'jib' ? (options.role === 'target' ? 'jib to.image' : 'jib from.image') : 'FROM',
    platforms: options.platforms ?? [],
    platformsExplicit: options.explicit ?? false,
    fileKind: options.fileKind ?? (tool === 'jib' ? 'maven' : 'dockerfile'),
  };
}
