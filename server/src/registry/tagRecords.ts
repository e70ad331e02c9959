import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LRUCache } from 'lru-cache';
import { isSha256Digest } from './mediaTypes';
import type { CredentialSourceInfo } from './contract';
import { nodeCrypto } from './nodeCrypto';

export interface TagRecord {
  digest: string;
  /** Epoch ms when the registry last answered for this tag. */
  seenAt: number;
  credentials: CredentialSourceInfo;
  /** From the HEAD that answered, when the content was not read. */
  mediaType?: string;
  size?: number;
}

/** The folder of the per-repository record files; `tags/` (one file per tag) was the layout before, and is ignored. */
export const TAG_RECORDS_FOLDER = 'tag-records';
/** Records kept per repository file; the least recently seen go first. */
export const MAX_TAGS_PER_FILE = 5000;
/** A burst of answers (a cold check) is written as one file, not one write per answer. */
const WRITE_DELAY_MS = 1000;

interface Repository {
  /** `registry/repository`. */
  key: string;
  tags: Map<string, TagRecord>;
  /** Tags answered since the last write. */
  dirty: Set<string>;
  timer?: NodeJS.Timeout;
  writing?: Promise<void>;
}

/**
 * Tag → digest records, one file per repository (`<dir>/tag-records/<sha256(registry/repository)>.json`), read once
 * per process with a single read and rewritten whole (tmp + rename, merged with what is on disk at that moment) a
 * little after answers arrive. Two processes writing the same repository can lose each other's newest entries
 * (each costs one request later), never corrupt the file. A file that is not valid is ignored.
 */
export class TagRecordStore {
  private readonly repositories = new LRUCache<string, Promise<Repository>>({ max: 1000 });
  private readonly pending = new Set<Repository>();
  private madeDirectory = false;

  constructor(
    private readonly dir?: string,
    private readonly logger?: (line: string) => void,
  ) {}

  async get(registry: string, repository: string, tag: string): Promise<TagRecord | undefined> {
    return (await this.repository(registry, repository)).tags.get(tag);
  }

  async put(registry: string, repository: string, tag: string, record: TagRecord): Promise<void> {
    const repo = await this.repository(registry, repository);
    repo.tags.delete(tag);
    repo.tags.set(tag, record);
    if (!this.dir) return;
    repo.dirty.add(tag);
    this.pending.add(repo);
    repo.timer ??= setTimeout(() => void this.write(repo), WRITE_DELAY_MS);
  }

  /** Writes every repository with unwritten answers now, and waits for the writes. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending].map((repo) => {
        clearTimeout(repo.timer);
        repo.timer = undefined;
        return repo.writing ?? this.write(repo);
      }));
    }
  }

  clear(): void {
    for (const repo of this.pending) if (repo.timer) clearTimeout(repo.timer);
    this.pending.clear();
    this.repositories.clear();
    this.madeDirectory = false;
  }

  private repository(registry: string, repository: string): Promise<Repository> {
    const key = `${registry}/${repository}`;
    let loaded = this.repositories.get(key);
    if (!loaded) {
      loaded = this.read(key).then((tags) => ({ key, tags, dirty: new Set<string>() }));
      this.repositories.set(key, loaded);
    }
    return loaded;
  }

  private async read(key: string): Promise<Map<string, TagRecord>> {
    const file = this.file(key);
    if (!file) return new Map();
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      return new Map();
    }
    const tags = parseRecordFile(bytes, key);
    if (!tags) this.logger?.(`cache: ignoring corrupt tag records ${file}`);
    return tags ?? new Map();
  }

  private write(repo: Repository): Promise<void> {
    repo.timer = undefined;
    if (repo.writing) return repo.writing;
    const writing = this.writeNow(repo).finally(() => {
      repo.writing = undefined;
      if (repo.dirty.size === 0) this.pending.delete(repo);
    });
    repo.writing = writing;
    return writing;
  }

  private async writeNow(repo: Repository): Promise<void> {
    const { key } = repo;
    const file = this.file(key)!;
    const tmp = `${file}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`;
    try {
      // Another process may have written this repository since it was read: keep its answers unless ours are newer.
      const onDisk = await this.read(key);
      for (const [tag, record] of onDisk) {
        const ours = repo.tags.get(tag);
        if (!ours || ours.seenAt < record.seenAt) repo.tags.set(tag, record);
      }
      repo.dirty.clear();
      const entries = [...repo.tags].sort((a, b) => b[1].seenAt - a[1].seenAt).slice(0, MAX_TAGS_PER_FILE);
      if (!this.madeDirectory) {
        await fs.mkdir(path.dirname(file), { recursive: true });
        this.madeDirectory = true;
      }
      await fs.writeFile(tmp, JSON.stringify({ key, tags: Object.fromEntries(entries) }));
      await fs.rename(tmp, file);
    } catch (err) {
      this.logger?.(`cache: cannot write ${file}: ${(err as Error).message}`);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  private file(key: string): string | undefined {
    return this.dir && path.join(this.dir, TAG_RECORDS_FOLDER, `${nodeCrypto().createHash('sha256').update(key).digest('hex')}.json`);
  }
}

function parseRecordFile(bytes: Buffer, key: string): Map<string, TagRecord> | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || doc.key !== key || typeof doc.tags !== 'object' || doc.tags === null) return undefined;
  const tags = new Map<string, TagRecord>();
  for (const [tag, value] of Object.entries(doc.tags as Record<string, unknown>)) {
    const record = parseTagRecord(value);
    if (record) tags.set(tag, record);
  }
  return tags;
}

function parseTagRecord(value: unknown): TagRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const doc = value as Record<string, unknown>;
  if (!isSha256Digest(doc.digest)) return undefined;
  if (typeof doc.seenAt !== 'number' || !Number.isFinite(doc.seenAt)) return undefined;
  const record: TagRecord = { digest: doc.digest, seenAt: doc.seenAt, credentials: sourceInfo(doc.credentials) };
  if (typeof doc.mediaType === 'string') record.mediaType = doc.mediaType;
  if (typeof doc.size === 'number' && Number.isFinite(doc.size) && doc.size >= 0) record.size = doc.size;
  return record;
}

function sourceInfo(value: unknown): CredentialSourceInfo {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const info: CredentialSourceInfo = { source: typeof v.source === 'string' ? v.source : 'anonymous' };
  if (typeof v.key === 'string') info.key = v.key;
  if (typeof v.file === 'string') info.file = v.file;
  return info;
}
