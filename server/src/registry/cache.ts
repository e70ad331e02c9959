import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LRUCache } from 'lru-cache';
import { isSha256Digest } from './mediaTypes';
import { nodeCrypto } from './nodeCrypto';
import { TAG_RECORDS_FOLDER, TagRecordStore, type TagRecord } from './tagRecords';

export type { TagRecord } from './tagRecords';

/** A repository's tag list as cached: `tags/list` pages joined. */
export interface TagListRecord {
  tags: string[];
  complete: boolean;
  /** Epoch ms when the registry listed them. */
  listedAt: number;
}

/** How long a listing of the blob folder answers "not on disk" before the folder is listed again. */
const BLOB_LISTING_MS = 10_000;

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${nodeCrypto().createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Memory LRU in front of an optional content-addressed disk store. Manifest/index bytes live under
 * `<dir>/blobs/sha256/<hex>` and are immutable; tag → digest records live in one file per
 * repository (see TagRecordStore).
 * Anything read from disk is checked (digest of the bytes, shape of the record) and ignored when wrong.
 */
export class RegistryCache {
  private readonly content = new LRUCache<string, Buffer>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (b) => Math.max(1, b.length),
  });
  private readonly tagLists = new LRUCache<string, TagListRecord>({ max: 500 });
  /** Disk writes run off the lookup's path; `flush()` (called by the client's close) waits for them. */
  private readonly writes = new Set<Promise<void>>();
  private readonly madeDirectories = new Set<string>();
  private readonly tags: TagRecordStore;
  /** Names in `blobs/sha256`, listed once in a while: a miss costs no failed open (or, listed late, a request). */
  private blobListing?: { at: number; names: Promise<Set<string>> };

  constructor(
    private readonly dir?: string,
    private readonly logger?: (line: string) => void,
  ) {
    this.tags = new TagRecordStore(dir, logger);
  }

  async getContent(digest: string): Promise<Buffer | undefined> {
    if (!isSha256Digest(digest)) return undefined;
    const cached = this.content.get(digest);
    if (cached) return cached;
    const file = this.blobPath(digest);
    if (!file || !(await this.blobNames()).has(path.basename(file))) return undefined;
    const bytes = await readOrUndefined(file);
    if (!bytes) return undefined;
    if (sha256Digest(bytes) !== digest) {
      this.logger?.(`cache: ignoring corrupt blob ${file}`);
      return undefined;
    }
    this.content.set(digest, bytes);
    return bytes;
  }

  /** Stores bytes under their digest; refuses bytes that do not hash to it. */
  async putContent(digest: string, bytes: Buffer): Promise<void> {
    if (!isSha256Digest(digest) || sha256Digest(bytes) !== digest) return;
    this.content.set(digest, bytes);
    const file = this.blobPath(digest);
    if (file) {
      (await this.blobNames()).add(path.basename(file));
      await this.writeAtomic(file, bytes);
    }
  }

  getTag(registry: string, repository: string, tag: string): Promise<TagRecord | undefined> {
    return this.tags.get(registry, repository, tag);
  }

  async putTag(registry: string, repository: string, tag: string, tagRecord: TagRecord): Promise<void> {
    // The lookup chains belong to one lookup (tool, credHelper, config files of the moment), not to the tag.
    const { chains: _chains, ...credentials } = tagRecord.credentials;
    if (!isSha256Digest(tagRecord.digest)) return;
    await this.tags.put(registry, repository, tag, { ...tagRecord, credentials });
  }

  async getTagList(registry: string, repository: string): Promise<TagListRecord | undefined> {
    const key = `${registry}/${repository}`;
    const cached = this.tagLists.get(key);
    if (cached) return cached;
    const file = this.tagListPath(key);
    const bytes = file && (await readOrUndefined(file));
    if (!bytes) return undefined;
    const record = parseTagListRecord(bytes, key);
    if (!record) {
      this.logger?.(`cache: ignoring corrupt tag list ${file}`);
      return undefined;
    }
    this.tagLists.set(key, record);
    return record;
  }

  async putTagList(registry: string, repository: string, record: TagListRecord): Promise<void> {
    const key = `${registry}/${repository}`;
    this.tagLists.set(key, record);
    const file = this.tagListPath(key);
    if (file) await this.writeAtomic(file, Buffer.from(JSON.stringify({ key, ...record })));
  }

  async flush(): Promise<void> {
    await this.tags.flush();
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  async clear(): Promise<void> {
    await this.flush();
    this.madeDirectories.clear();
    this.blobListing = undefined;
    this.content.clear();
    this.tags.clear();
    this.tagLists.clear();
    if (!this.dir) return;
    await fs.rm(path.join(this.dir, 'tag-lists'), { recursive: true, force: true });
    await fs.rm(path.join(this.dir, 'blobs'), { recursive: true, force: true });
    await fs.rm(path.join(this.dir, TAG_RECORDS_FOLDER), { recursive: true, force: true });
    await fs.rm(path.join(this.dir, 'tags'), { recursive: true, force: true }); // the layout before TAG_RECORDS_FOLDER
  }

  private blobNames(): Promise<Set<string>> {
    const now = Date.now();
    if (!this.blobListing || now - this.blobListing.at > BLOB_LISTING_MS) {
      const folder = path.join(this.dir ?? '', 'blobs', 'sha256');
      this.blobListing = { at: now, names: fs.readdir(folder).then((names) => new Set(names), () => new Set<string>()) };
    }
    return this.blobListing.names;
  }

  private blobPath(digest: string): string | undefined {
    return this.dir && path.join(this.dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
  }

  private tagListPath(key: string): string | undefined {
    return this.dir && path.join(this.dir, 'tag-lists', `${nodeCrypto().createHash('sha256').update(key).digest('hex')}.json`);
  }

  /** Starts the write and returns at once; the memory cache already answers for it. */
  private writeAtomic(file: string, bytes: Buffer): Promise<void> {
    const write = this.writeNow(file, bytes).finally(() => this.writes.delete(write));
    this.writes.add(write);
    return Promise.resolve();
  }

  /** tmp + rename, so a reader never sees half a file; failures only cost a cache miss later. */
  private async writeNow(file: string, bytes: Buffer): Promise<void> {
    const tmp = `${file}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`;
    try {
      const directory = path.dirname(file);
      if (!this.madeDirectories.has(directory)) {
        await fs.mkdir(directory, { recursive: true });
        this.madeDirectories.add(directory);
      }
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    } catch (err) {
      this.logger?.(`cache: cannot write ${file}: ${(err as Error).message}`);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch {
    return undefined;
  }
}

function parseTagListRecord(bytes: Buffer, key: string): TagListRecord | undefined {
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    if (doc.key !== key || !Array.isArray(doc.tags) || !doc.tags.every((t) => typeof t === 'string')) return undefined;
    if (typeof doc.listedAt !== 'number' || !Number.isFinite(doc.listedAt)) return undefined;
    return { tags: doc.tags as string[], complete: doc.complete !== false, listedAt: doc.listedAt };
  } catch {
    return undefined;
  }
}
