import { CompletionItemKind, TextEdit, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TagListOutcome, TagListRequest } from '../registry/contract';
import type { DocumentAnalysis } from './analysis';
import { rangeOf } from './ranges';
import { parseReference } from './reference/parse';
import { orderTags } from './tags';
import type { Span } from './types';

/** How long a completion waits for the tag list; a slower registry gives no items now, the cached list later. */
export const COMPLETION_BUDGET_MS = 2000;
/** Items sent at most; past this the list is filtered by what is typed and marked incomplete. */
export const MAX_COMPLETION_ITEMS = 1000;

/** Where a tag is being typed: after `repo:` in an editable reference. */
export interface TagSite {
  request: Omit<TagListRequest, 'signal' | 'refresh'>;
  /** The tag text before the cursor. */
  typed: string;
  /** The whole tag as it stands (its family orders the items). */
  current: string;
  /** Document span of the tag, replaced by the chosen item. */
  span: Span;
}

/** The tag site at `offset`, or undefined when the cursor is not in the tag of a reference that names a repository. */
export function tagSiteAt(analysis: DocumentAnalysis, offset: number): TagSite | undefined {
  const reference = analysis.references.find((r) => r.ref.editable && r.ref.span.start <= offset && offset <= r.ref.span.end);
  if (!reference || reference.bodyStart === undefined || reference.ref.jibPrefix === 'tar' || reference.ref.jibPrefix === 'docker') return undefined;
  const { body, bodyStart } = reference;
  const cursor = offset - bodyStart;
  if (cursor < 0) return undefined;
  const head = body.slice(0, cursor);
  const colon = head.lastIndexOf(':');
  if (colon < 0 || colon < head.lastIndexOf('/') || head.includes('@')) return undefined;
  const at = body.indexOf('@', colon);
  const tagEnd = at < 0 ? body.length : at;
  // `localhost:50|00/app`: a colon before a slash is a port.
  if (body.slice(colon + 1, tagEnd).includes('/')) return undefined;
  const name = parseReference(body.slice(0, colon), { jib: reference.ref.tool === 'jib' });
  if (!name.ok || name.scratch || name.ref.tag !== undefined || name.ref.digest !== undefined) return undefined;
  const flavour = reference.ref.tool === 'jib' ? 'jib' : 'docker';
  return {
    request: { registry: name.ref.registry, repository: name.ref.repository, flavour, jibCredHelper: reference.ref.jibAuth?.credHelper },
    typed: body.slice(colon + 1, cursor),
    current: body.slice(colon + 1, tagEnd),
    span: { start: bodyStart + colon + 1, end: bodyStart + tagEnd },
  };
}

export interface TagCompletionInput {
  document: TextDocument;
  site: TagSite;
  listTags(request: TagListRequest): Promise<TagListOutcome>;
  budgetMs?: number;
}

/**
 * The repository's tags as completion items, in orderTags' order. Answers within the budget or not at all: an
 * unreachable or slow registry gives an empty, incomplete list (the client asks again as the user types, by then
 * from the cache), never an error.
 */
export async function completeTags(input: TagCompletionInput): Promise<CompletionList> {
  const { site } = input;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), input.budgetMs ?? COMPLETION_BUDGET_MS)));
  // Not cancelled when the budget runs out: the listing finishes in the background and fills the cache.
  const listing = input.listTags(site.request);
  const outcome = await Promise.race([listing, late]).finally(() => clearTimeout(timer));
  if (outcome === 'late') return { isIncomplete: true, items: [] };
  if (!outcome.ok) return { isIncomplete: false, items: [] };
  let tags = orderTags(outcome.list.tags, site.current || undefined);
  let isIncomplete = false;
  if (tags.length > MAX_COMPLETION_ITEMS) {
    tags = tags.filter((t) => t.startsWith(site.typed)).slice(0, MAX_COMPLETION_ITEMS);
    isIncomplete = true;
  }
  const range = rangeOf(input.document, site.span);
  const name = `${site.request.registry}/${site.request.repository}`;
  const items = tags.map((tag, i): CompletionItem => ({
    label: tag,
    kind: CompletionItemKind.Value,
    detail: `tag of ${name}`,
    sortText: String(i).padStart(5, '0'),
    filterText: tag,
    textEdit: TextEdit.replace(range, tag),
  }));
  return { isIncomplete, items };
}
