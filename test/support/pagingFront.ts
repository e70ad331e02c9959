import { request } from 'undici';
import { startRecordingFront, type RecordingFront } from './recordingFront';

export interface PagingFrontOptions {
  /** Page size when the client sends no `n` (default 50). */
  pageSize?: number;
  /** Origin written into the `Link` header instead of the front's own (to test a next page on another host). */
  linkOrigin?: string;
}

export interface PagingFront extends RecordingFront {
  /** The tags/list requests seen, as path + query. */
  tagPages(): string[];
}

const TAGS_LIST = /^\/v2\/(.+)\/tags\/list$/;

/**
 * A recording front before a real registry that pages `tags/list` as the distribution spec describes (`n`, `last`,
 * `Link: <…>; rel="next"`, tags in lexical order): Debian's docker-registry 2.8 answers in one page whatever `n` says.
 * Everything else, including the registry's 401 challenges, is forwarded as it is.
 */
export async function startPagingFront(upstream: string, options: PagingFrontOptions = {}): Promise<PagingFront> {
  const front = (await startRecordingFront(upstream)) as PagingFront;
  const pageSize = options.pageSize ?? 50;
  front.tagPages = () => front.requests.map((r) => r.url).filter((u) => TAGS_LIST.test(new URL(u, front.url).pathname));
  front.intercept = async (req, res) => {
    const url = new URL(req.url, front.url);
    const name = TAGS_LIST.exec(url.pathname)?.[1];
    if (req.method !== 'GET' || !name) return false;
    const headers: Record<string, string> = {};
    if (typeof req.headers.authorization === 'string') headers.authorization = req.headers.authorization;
    const up = await request(`${upstream}/v2/${name}/tags/list`, { headers });
    const body = Buffer.from(await up.body.arrayBuffer());
    if (up.statusCode !== 200) {
      const out: Record<string, string> = { 'content-type': String(up.headers['content-type'] ?? 'application/json') };
      if (up.headers['www-authenticate']) out['www-authenticate'] = String(up.headers['www-authenticate']);
      res.writeHead(up.statusCode, out).end(body);
      return true;
    }
    const all = ((JSON.parse(body.toString()) as { tags: string[] | null }).tags ?? []).sort();
    const n = url.searchParams.has('n') ? Number(url.searchParams.get('n')) : pageSize;
    const last = url.searchParams.get('last');
    const after = last === null ? all : all.filter((t) => t > last);
    const page = after.slice(0, n);
    const out: Record<string, string> = { 'content-type': 'application/json' };
    if (after.length > page.length && page.length > 0) {
      const next = new URLSearchParams({ n: String(n), last: page[page.length - 1] });
      out.link = `<${options.linkOrigin ?? ''}/v2/${name}/tags/list?${next}>; rel="next"`;
    }
    res.writeHead(200, out).end(JSON.stringify({ name, tags: page }));
    return true;
  };
  return front;
}
