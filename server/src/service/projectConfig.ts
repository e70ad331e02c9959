import picomatch from 'picomatch';
import { ALL_CODES, type DiagnosticCode } from './codes';
import type { ImagerefSettings, PinStyle, SeveritySetting } from './settings';

/** The project configuration file, at the repository root (or any folder above the build files it governs). */
export { PROJECT_CONFIG_FILE } from '../../../shared/protocol';

/**
 * What a repository may decide for everyone who checks it: rule severities, paths to ignore, pin style. Never
 * network or credential settings: a cloned repository must not point imageref at a host or a certificate.
 */
export interface ProjectConfig {
  rules: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** Globs relative to the folder of the configuration file. */
  ignore: string[];
  pinStyle?: PinStyle;
}

export interface ParsedProjectConfig {
  config: ProjectConfig;
  /** One line per key that was ignored, and why. */
  warnings: string[];
  /** Set when the file is not a JSON object at all: nothing of it applies. */
  error?: string;
}

export const EMPTY_PROJECT_CONFIG: ProjectConfig = { rules: {}, ignore: [] };

/** Settings a user may set but a repository may not. */
const USER_ONLY = new Set(['offline', 'insecureRegistries', 'caCertificates', 'requestTimeout', 'cache', 'trace', 'credentials', 'credHelpers', 'auths', 'proxy']);
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const PIN_STYLES: readonly PinStyle[] = ['auto', 'tag+digest', 'digest'];

/** Read `.imageref.json`; a bad key is ignored with a warning, never fatal to the rest of the file. */
export function parseProjectConfig(text: string): ParsedProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { config: EMPTY_PROJECT_CONFIG, warnings: [], error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: EMPTY_PROJECT_CONFIG, warnings: [], error: 'must be a JSON object, e.g. {"rules": {"unpinned": "error"}}' };
  }
  const warnings: string[] = [];
  const config: ProjectConfig = { rules: {}, ignore: [] };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (key === 'rules') readRules(value, config, warnings);
    else if (key === 'ignore') readIgnore(value, config, warnings);
    else if (key === 'pinStyle') {
      if ((PIN_STYLES as readonly unknown[]).includes(value)) config.pinStyle = value as PinStyle;
      else warnings.push(`pinStyle: ${JSON.stringify(value)} is not ${list(PIN_STYLES)} (ignored)`);
    } else if (USER_ONLY.has(key)) {
      warnings.push(`"${key}" is ignored: network and credential settings come only from your own settings or command-line flags, never from a repository`);
    } else {
      warnings.push(`unknown key "${key}" (ignored); the keys are rules, ignore and pinStyle`);
    }
  }
  return { config, warnings };
}

function readRules(value: unknown, config: ProjectConfig, warnings: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warnings.push('rules must be an object of code → severity, e.g. {"unpinned": "error"} (ignored)');
    return;
  }
  for (const [code, severity] of Object.entries(value)) {
    if (!(ALL_CODES as readonly string[]).includes(code)) warnings.push(`rules: unknown code "${code}" (ignored)`);
    else if (!(SEVERITIES as readonly unknown[]).includes(severity)) warnings.push(`rules.${code}: ${JSON.stringify(severity)} is not ${list(SEVERITIES)} (ignored)`);
    else config.rules[code as DiagnosticCode] = severity as SeveritySetting;
  }
}

function readIgnore(value: unknown, config: ProjectConfig, warnings: string[]): void {
  const patterns = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(patterns)) {
    warnings.push('ignore must be a list of globs, e.g. ["test/fixtures/**"] (ignored)');
    return;
  }
  for (const pattern of patterns) {
    if (typeof pattern === 'string' && pattern.trim() !== '') config.ignore.push(pattern.trim());
    else warnings.push(`ignore: ${JSON.stringify(pattern)} is not a glob (ignored)`);
  }
}

const list = (items: readonly string[]) => `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/**
 * The settings for a file governed by a project configuration. The file wins for what it sets (so the editor shows
 * what CI reports); everything it does not set keeps the user's settings.
 */
export function withProjectConfig(settings: ImagerefSettings, config: ProjectConfig): ImagerefSettings {
  if (Object.keys(config.rules).length === 0 && config.pinStyle === undefined) return settings;
  return { ...settings, rules: { ...settings.rules, ...config.rules }, pinStyle: config.pinStyle ?? settings.pinStyle };
}

/**
 * A matcher for `ignore`, given paths relative to the configuration file's folder with `/` separators. Globs follow
 * .gitignore habits: `vendor/` ignores a folder, a pattern without `/` matches a name at any depth, `**` any depth.
 */
export function ignoreMatcher(config: ProjectConfig): (relativePath: string) => boolean {
  if (config.ignore.length === 0) return () => false;
  const patterns = config.ignore.flatMap((glob) => {
    const anchored = glob.replace(/\/+$/, '').includes('/');
    const pattern = glob.replace(/^\.\//, '').replace(/^\//, '').replace(/\/+$/, '');
    return anchored ? [pattern, `${pattern}/**`] : [`**/${pattern}`, `**/${pattern}/**`];
  });
  const match = picomatch(patterns, { dot: true });
  return (relativePath) => !relativePath.startsWith('../') && match(relativePath);
}
