/** Values of Dockerfile instruction flags that matter for image references: `--platform` and `--mount`. */
import type { Platform, Span } from '../../types';

const ARCH_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  i386: '386',
};
const KNOWN_ARCHITECTURES = new Set(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'loong64']);

/**
 * Platforms of a literal `--platform` value (`linux/arm64/v8`, or a comma-separated list). Returns undefined when
 * the value uses a variable (`$BUILDPLATFORM`, `${TARGETPLATFORM}`, …): it is only known at build time.
 * Entries that cannot be parsed are left out; an architecture alone means linux, as on a Linux build host.
 */
export function parsePlatforms(value: string): Platform[] | undefined {
  if (value.includes('$')) return undefined;
  const platforms: Platform[] = [];
  for (const entry of unquote(value).split(',')) {
    const platform = parsePlatform(entry.trim().toLowerCase());
    if (platform) platforms.push(platform);
  }
  return platforms;
}

function parsePlatform(entry: string): Platform | undefined {
  const parts = entry.split('/');
  if (parts.some((part) => part === '') || parts.length > 3) return undefined;
  if (parts.length === 1) {
    const architecture = normalizeArchitecture(parts[0]);
    return KNOWN_ARCHITECTURES.has(architecture) ? { os: 'linux', architecture } : undefined;
  }
  const [os, architecture, variant] = parts;
  const platform: Platform = { os, architecture: normalizeArchitecture(architecture) };
  if (variant !== undefined) platform.variant = variant;
  return platform;
}

function normalizeArchitecture(architecture: string): string {
  return ARCH_ALIASES[architecture] ?? architecture;
}

function unquote(value: string): string {
  const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]);
  return quoted ? value.slice(1, -1) : value;
}

/**
 * Where the `from` of a RUN `--mount` flag value is, when the mount is a bind or cache mount (bind is the default
 * type). BuildKit first removes the shell quotes of the flag (`--mount="type=bind,from=img"`), then reads the
 * fields as CSV with case-insensitive keys; [start, end) is the value as written, and the span returned covers the
 * `from` value in the document.
 */
export function findMountFrom(text: string, start: number, end: number): Span | undefined {
  const { chars, offsets } = removeQuotes(text, start, end);
  let type = 'bind';
  let from: { start: number; end: number } | undefined;
  for (let fieldStart = 0; fieldStart <= chars.length;) {
    let fieldEnd = chars.indexOf(',', fieldStart);
    if (fieldEnd === -1) fieldEnd = chars.length;
    const equals = chars.indexOf('=', fieldStart);
    if (equals !== -1 && equals < fieldEnd) {
      const key = chars.slice(fieldStart, equals).trim().toLowerCase();
      if (key === 'type') type = chars.slice(equals + 1, fieldEnd).trim().toLowerCase();
      if (key === 'from') from = { start: equals + 1, end: fieldEnd };
    }
    fieldStart = fieldEnd + 1;
  }
  if (!from || from.end <= from.start || (type !== 'bind' && type !== 'cache')) return undefined;
  const offsetOf = (index: number) => (offsets === undefined ? start + index : offsets[index]);
  return { start: offsetOf(from.start), end: offsetOf(from.end - 1) + 1 };
}

/**
 * The characters of the flag value without its quote characters, with each character's offset in the document
 * (undefined when there is no quote: then the offset of character i is start + i).
 */
function removeQuotes(text: string, start: number, end: number): { chars: string; offsets: number[] | undefined } {
  let quoted = false;
  for (let at = start; at < end && !quoted; at++) {
    const c = text.charCodeAt(at);
    quoted = c === 0x22 || c === 0x27;
  }
  if (!quoted) return { chars: text.slice(start, end), offsets: undefined };
  let chars = '';
  const offsets: number[] = [];
  let quote: string | undefined;
  for (let at = start; at < end; at++) {
    const ch = text[at];
    if (quote === undefined && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = undefined;
    else {
      chars += ch;
      offsets.push(at);
    }
  }
  return { chars, offsets };
}
