import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ALL_CODES, type DiagnosticCode } from './codes';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type PinStyle = 'auto' | 'tag+digest' | 'digest';

/** The `imageref` settings section, as VS Code and the CLI give it. */
export interface ImagerefSettings {
  offline: boolean;
  pinStyle: PinStyle;
  rules: Partial<Record<DiagnosticCode, SeveritySetting>>;
  insecureRegistries: string[];
  cache: { ttl: number };
  requestTimeout: number;
  caCertificates: string[];
  /** How long a hover waits for the registry (ms) before it shows what it has; the lookup goes on. */
  hover: { timeout: number };
  /** Inlay hints after unpinned tags (short digest, platform count). */
  inlayHints: boolean;
  /** Globs of files read as Kubernetes manifests whatever their content (besides YAML with `apiVersion` and `kind`). */
  kubernetes: { files: string[] };
}

export const DEFAULT_SETTINGS: ImagerefSettings = {
  offline: false,
  pinStyle: 'auto',
  rules: {},
  insecureRegistries: [],
  cache: { ttl: 3600 },
  requestTimeout: 10000,
  caCertificates: [],
  hover: { timeout: 1500 },
  inlayHints: false,
  kubernetes: { files: [] },
};

const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Codes published only when `imageref.rules` (or `.imageref.json`) gives them a severity. */
export const OFF_BY_DEFAULT: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['newer-tag']);

/** The severity a code is published with: the user's setting, else the rule's default; undefined when off. */
export function severityFor(
  settings: ImagerefSettings,
  code: DiagnosticCode,
  ruleDefault: DiagnosticSeverity,
): DiagnosticSeverity | undefined {
  const configured = settings.rules[code];
  if (configured === 'off' || (!configured && OFF_BY_DEFAULT.has(code))) return undefined;
  return configured ? SEVERITIES[configured] : ruleDefault;
}

/**
 * Merge settings from any client shape (initializationOptions, workspace/configuration, CLI flags) over the
 * defaults, ignoring values of the wrong type rather than failing: a bad setting must not stop diagnostics.
 */
export function normalizeSettings(input: unknown, base: ImagerefSettings = DEFAULT_SETTINGS): ImagerefSettings {
  const raw = isObject(input) ? input : {};
  const rules: ImagerefSettings['rules'] = { ...base.rules };
  if (isObject(raw.rules)) {
    for (const [code, value] of Object.entries(raw.rules)) {
      if ((ALL_CODES as readonly string[]).includes(code) && isSeverity(value)) rules[code as DiagnosticCode] = value;
    }
  }
  const cache = isObject(raw.cache) ? raw.cache : {};
  const hover = isObject(raw.hover) ? raw.hover : {};
  return {
    offline: typeof raw.offline === 'boolean' ? raw.offline : base.offline,
    pinStyle: raw.pinStyle === 'auto' || raw.pinStyle === 'tag+digest' || raw.pinStyle === 'digest' ? raw.pinStyle : base.pinStyle,
    rules,
    insecureRegistries: stringArray(raw.insecureRegistries) ?? base.insecureRegistries,
    cache: { ttl: positiveNumber(cache.ttl) ?? base.cache.ttl },
    requestTimeout: positiveNumber(raw.requestTimeout) ?? base.requestTimeout,
    caCertificates: stringArray(raw.caCertificates) ?? base.caCertificates,
    hover: { timeout: positiveNumber(hover.timeout) ?? base.hover.timeout },
    inlayHints: typeof raw.inlayHints === 'boolean' ? raw.inlayHints : base.inlayHints,
    kubernetes: { files: stringArray(isObject(raw.kubernetes) ? raw.kubernetes.files : undefined) ?? base.kubernetes.files },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeverity(value: unknown): value is SeveritySetting {
  return value === 'error' || value === 'warning' || value === 'information' || value === 'hint' || value === 'off';
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
