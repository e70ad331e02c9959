import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { FileBuildContextProvider } from '../host/buildContext';
import { memoizedProbe } from '../host/fileProbe';
import { createRegistryHost, type RegistryHost } from '../host/registryHost';
import { ImagerefLanguageService } from '../service/languageService';
import { findProjectConfig, type LoadedProjectConfig } from '../host/projectConfig';
import { withProjectConfig } from '../service/projectConfig';
import { normalizeSettings, type ImagerefSettings } from '../service/settings';
import type { PullLimit } from '../registry/contract';
import type { Lookup } from '../service/resolution';
import type { ExtractionContext } from '../service/types';
import type { CliOptions } from './args';
import { InputError, type SourceFile } from './files';
import { analyzeOffline, loadFile, type FileOutcome } from './analyzeFile';
import { analyzeInWorkers, plannedWorkers, type WorkerFile } from './checkWorkers';

export interface CheckedFile {
  file: string;
  document: TextDocument;
  context: ExtractionContext;
  /** The run's settings with the file's project configuration applied. */
  settings: ImagerefSettings;
  diagnostics: Diagnostic[];
  /** The image reference each diagnostic is about, when a check worker worked it out (else the service is asked). */
  references?: Array<{ text: string; range: Range } | undefined>;
}

export interface CheckOptions {
  /** Diagnose in worker threads when the run is offline and large enough (`check`; `fix` analyzes again itself). */
  workers?: boolean;
  /** The report will name each diagnostic's image reference (JSON, SARIF): workers work it out too. */
  references?: boolean;
}

/** One CLI run: settings from flags, a registry client unless offline, the same language service as the editor. */
export class CliSession {
  readonly settings: ImagerefSettings;
  readonly registry: RegistryHost;
  readonly service: ImagerefLanguageService;
  private readonly configs = new Map<string, LoadedProjectConfig | undefined>();
  /** The configuration files whose warnings were printed (each once a run). */
  private readonly announcedConfigs = new Set<string>();
  private readonly configSettings = new Map<LoadedProjectConfig, ImagerefSettings>();
  /** The latest pull quota each registry reported during the run (Docker Hub's `ratelimit-remaining`). */
  readonly pullLimits = new Map<string, PullLimit>();
  /** Files next to the build files (gradle.properties, parent poms, .imageref.json, .git) are looked at once a run. */
  /** One for the run: the files many build files share (gradle.properties, parent poms) are read once. */
  private readonly buildContext = new FileBuildContextProvider();
  private readonly probe = memoizedProbe();
  /** Problems of project configuration files that make the run's result doubtful (not JSON, unreadable). */
  readonly configErrors: string[] = [];

  constructor(
    options: CliOptions,
    private readonly progress: (line: string) => void,
    private readonly note: (line: string) => void = progress,
  ) {
    this.settings = normalizeSettings({
      offline: options.offline,
      insecureRegistries: options.insecureRegistries,
      requestTimeout: options.timeoutMs,
    });
    this.registry = createRegistryHost({
      settings: this.settings, trusted: true, cacheDir: options.cacheDir ?? defaultCacheDir(),
      onPullLimit: (limit) => this.pullLimits.set(limit.registry, limit),
    });
    // `fix` applies preferred fixes only: the precise-tag search (a tag list, HEADs) would be work for nothing.
    this.service = new ImagerefLanguageService({ registry: this.registry.client, preciseTags: false });
  }

  /**
   * Diagnose files; registry lookups of all files are asked together so that tokens and requests are shared.
   * A file named on the command line that cannot be read is reported in `errors`; the others are still checked.
   */
  async check(files: SourceFile[], options: CheckOptions = {}): Promise<{ checked: CheckedFile[]; errors: string[] }> {
    const errors: string[] = [];
    const kept = files.filter((source) => !this.ignored(source));
    const workers = options.workers ? plannedWorkers(kept.length, this.settings.offline) : 0;
    if (workers > 0) return { checked: await this.checkInWorkers(kept, workers, options.references ?? false, errors), errors };
    const checked = kept.flatMap((source) => this.loadOrSkip(source, errors));
    await this.diagnose(checked);
    return { checked, errors };
  }

  /** Offline: the files are diagnosed in worker threads (and this one); the outcomes come back in order. */
  private async checkInWorkers(files: SourceFile[], workers: number, references: boolean, errors: string[]): Promise<CheckedFile[]> {
    const settings: ImagerefSettings[] = [this.settings];
    const indexOf = new Map<ImagerefSettings, number>([[this.settings, 0]]);
    const planned: WorkerFile[] = files.map((source) => {
      const own = this.settingsFor(path.resolve(source.path));
      if (!indexOf.has(own)) indexOf.set(own, settings.push(own) - 1);
      return { ...source, settings: indexOf.get(own)! };
    });
    const outcomes = await analyzeInWorkers(planned, {
      workers, settings, references,
      analyzeHere: (file) => analyzeOffline(file, settings[file.settings], this.service, this.buildContext, references),
    });
    return outcomes.flatMap((outcome, i): CheckedFile[] => {
      const source = planned[i];
      if ('skipped' in outcome) {
        if (source.explicit) errors.push(outcome.skipped);
        else this.note(`imageref: skipped ${outcome.skipped}`);
        return [];
      }
      return [checkedFrom(source, settings[source.settings], outcome)];
    });
  }

  /** Read files (project configuration applied, ignored ones left out) without diagnosing them. */
  load(files: SourceFile[]): { loaded: CheckedFile[]; errors: string[] } {
    const errors: string[] = [];
    const loaded = files.filter((source) => !this.ignored(source)).flatMap((source) => this.loadOrSkip(source, errors));
    return { loaded, errors };
  }

  private async diagnose(checked: CheckedFile[]): Promise<void> {
    const pending = new Map<string, Lookup>();
    for (const c of checked) {
      const result = this.service.validate(c.document, c.settings, c.context);
      c.diagnostics = result.diagnostics;
      for (const lookup of result.pending) pending.set(lookup.key, lookup);
    }
    if (pending.size === 0) return;
    this.progress(`Resolving ${pending.size} image reference${pending.size === 1 ? '' : 's'}…`);
    await this.service.resolve([...pending.values()], this.settings);
    for (const c of checked) c.diagnostics = this.service.validate(c.document, c.settings, c.context).diagnostics;
  }

  /** A binary or huge file found in a folder is skipped with a note; one named on the command line is an error. */
  private loadOrSkip(source: SourceFile, errors: string[]): CheckedFile[] {
    try {
      return [this.loadOne(source)];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (source.explicit) errors.push(error.message);
      else this.note(`imageref: skipped ${error.message}`);
      return [];
    }
  }

  private loadOne(source: SourceFile): CheckedFile {
    const { document, context } = loadFile(source, this.buildContext);
    return { file: source.path, document, context, settings: this.settingsFor(path.resolve(source.path)), diagnostics: [] };
  }

  /** The run's settings with the file's project configuration applied (one object per configuration file). */
  private settingsFor(absolute: string): ImagerefSettings {
    const config = this.configFor(absolute);
    if (!config) return this.settings;
    let settings = this.configSettings.get(config);
    if (!settings) this.configSettings.set(config, settings = withProjectConfig(this.settings, config.config));
    return settings;
  }

  /** A file the project configuration's `ignore` covers is not checked (a file named on the command line says so). */
  private ignored(source: SourceFile): boolean {
    const absolute = path.resolve(source.path);
    const config = this.configFor(absolute);
    if (!config?.ignores(absolute)) return false;
    if (source.explicit) this.note(`imageref: skipped ${source.path} (ignored by ${path.relative('.', config.file) || config.file})`);
    return true;
  }

  /** The nearest project configuration, read once per folder; its warnings are printed once. */
  private configFor(absolute: string): LoadedProjectConfig | undefined {
    const dir = path.dirname(absolute);
    if (this.configs.has(dir)) return this.configs.get(dir);
    const config = findProjectConfig(dir, this.probe);
    this.configs.set(dir, config);
    if (config && !this.announcedConfigs.has(config.file)) {
      this.announcedConfigs.add(config.file);
      const name = path.relative('.', config.file) || config.file;
      for (const warning of config.warnings) this.note(`imageref: ${name}: ${warning}`);
      if (config.error) this.configErrors.push(`${name}: ${config.error}; its settings are not applied`);
    }
    return config;
  }
}

function checkedFrom(source: SourceFile, settings: ImagerefSettings, outcome: Exclude<FileOutcome, { skipped: string }>): CheckedFile {
  return {
    file: source.path, document: TextDocument.create(outcome.uri, outcome.languageId, 1, outcome.text),
    context: outcome.context, settings, diagnostics: outcome.diagnostics, references: outcome.references,
  };
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'imageref');
}
