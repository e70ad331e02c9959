import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { directProbe, type FileProbe } from './fileProbe';
import {
  EMPTY_PROJECT_CONFIG, ignoreMatcher, parseProjectConfig, PROJECT_CONFIG_FILE, type ProjectConfig,
} from '../service/projectConfig';

const MAX_CONFIG_BYTES = 256 * 1024;

/** A project configuration file found on disk. */
export interface LoadedProjectConfig {
  file: string;
  config: ProjectConfig;
  warnings: string[];
  /** The file exists but could not be used at all (unreadable, not JSON): defaults apply. */
  error?: string;
  /** True when `ignore` covers this absolute path. */
  ignores(absolutePath: string): boolean;
}

/**
 * The configuration that governs a folder: the nearest `.imageref.json` at or above it, searching no higher than
 * the repository root (the folder holding `.git`), so a file outside the repository never applies to it.
 */
export function findProjectConfig(dir: string, probe: FileProbe = directProbe): LoadedProjectConfig | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, PROJECT_CONFIG_FILE);
    if (probe.exists(candidate)) return loadProjectConfig(candidate);
    if (probe.exists(path.join(current, '.git')) || path.dirname(current) === current) return undefined;
  }
}

export function loadProjectConfig(file: string): LoadedProjectConfig {
  const root = path.dirname(file);
  const loaded = (config: ProjectConfig, warnings: string[], error?: string): LoadedProjectConfig => {
    const matches = ignoreMatcher(config);
    return { file, config, warnings, error, ignores: (p) => matches(path.relative(root, p).split(path.sep).join('/')) };
  };
  let text: string;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES) return loaded(EMPTY_PROJECT_CONFIG, [], `larger than ${MAX_CONFIG_BYTES / 1024} KB`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return loaded(EMPTY_PROJECT_CONFIG, [], `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = parseProjectConfig(text);
  return loaded(parsed.config, parsed.warnings, parsed.error);
}

/** Lookups by folder, each trusted for `freshMs` (the LSP re-reads a changed file within seconds, not per keystroke). */
export class ProjectConfigCache {
  /** Forget every lookup (a configuration file changed). */
  clear(): void {
    this.byDir.clear();
  }

  private readonly byDir = new Map<string, { at: number; found: LoadedProjectConfig | undefined }>();

  constructor(private readonly freshMs = Infinity, private readonly now: () => number = Date.now) {}

  forFile(absolutePath: string): LoadedProjectConfig | undefined {
    const dir = path.dirname(absolutePath);
    const cached = this.byDir.get(dir);
    if (cached && this.now() - cached.at < this.freshMs) return cached.found;
    let found: LoadedProjectConfig | undefined;
    try {
      found = findProjectConfig(dir);
    } catch {
      found = undefined;
    }
    this.byDir.set(dir, { at: this.now(), found });
    return found;
  }
}
