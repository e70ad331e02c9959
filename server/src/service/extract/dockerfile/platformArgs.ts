/**
 * BuildKit's automatic platform ARGs and ARGs declared with an empty default: variables whose value is only known
 * when the image is built. Both expand to an unresolved piece that says where its value comes from.
 */
import type { Piece } from './expand';

const PLATFORM_ARGS: Record<string, string> = {
  TARGETPLATFORM: 'the platform of the build result, e.g. `linux/amd64`',
  TARGETOS: 'the OS of the target platform, e.g. `linux`',
  TARGETARCH: 'the architecture of the target platform, e.g. `amd64`, `arm64`',
  TARGETVARIANT: 'the variant of the target platform, e.g. `v7` (often empty)',
  BUILDPLATFORM: 'the platform of the node running the build',
  BUILDOS: 'the OS of the build platform',
  BUILDARCH: 'the architecture of the build platform',
  BUILDVARIANT: 'the variant of the build platform',
};

export const PLATFORM_ARG_NAMES: readonly string[] = Object.keys(PLATFORM_ARGS);

// The values BuildKit gives them: Go's GOOS and GOARCH names, and the variants of arm and amd64.
const OS = 'aix|android|darwin|dragonfly|freebsd|illumos|ios|js|linux|netbsd|openbsd|plan9|solaris|wasip1|windows';
const ARCH = '386|amd64|arm|arm64|loong64|mips|mips64|mips64le|mipsle|ppc64|ppc64le|riscv64|s390x|wasm';
const VARIANT = 'v5|v6|v7|v8|v1|v2|v3|v4|';
const PLATFORM = `(?:${OS})/(?:${ARCH})(?:/(?:${VARIANT}))?`;
const VALUES: Record<string, string> = {
  TARGETPLATFORM: PLATFORM, BUILDPLATFORM: PLATFORM, TARGETOS: OS, BUILDOS: OS, TARGETARCH: ARCH, BUILDARCH: ARCH, TARGETVARIANT: VARIANT, BUILDVARIANT: VARIANT,
};

/** The value of an automatic platform ARG: set by BuildKit for each platform built, unknown here. */
export function platformArgValue(name: string): Piece[] {
  const note = `\`${name}\` is set by BuildKit for each platform built: ${PLATFORM_ARGS[name]}.`;
  return [{ text: '${' + name + '}', unresolved: true, platformArg: name, note }];
}

/** `ARG NAME=""`: an empty default means the value must be given with `--build-arg` (its line is 1-based). */
export function emptyDefaultValue(name: string, line: number, written: string): Piece[] {
  const note = `\`${name}\` is declared with an empty default (\`${written}\`, line ${line}): its value is passed with \`--build-arg ${name}=…\`.`;
  return [{ text: '', emptyDefault: true, note }];
}

/**
 * The stages a name that uses platform ARGs can select (`binaries-$TARGETOS` → `binaries-linux`, `binaries-darwin`):
 * each platform ARG stands for one of the values BuildKit gives it. Empty when the name uses no platform ARG
 * or another unknown variable, or when no stage matches.
 */
export function selectableStages(pieces: readonly Piece[], stages: readonly string[]): string[] {
  if (!pieces.some((p) => p.platformArg) || pieces.some((p) => p.unresolved && !p.platformArg)) return [];
  const source = pieces.map((p) => (p.platformArg ? `(?:${VALUES[p.platformArg]})` : p.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  const pattern = new RegExp(`^${source}$`, 'i');
  return stages.filter((stage) => pattern.test(stage));
}

/** The notes of the unresolved pieces of a reference, each once. */
export function notesOf(pieces: readonly Piece[]): string[] {
  let any = false;
  for (let i = 0; i < pieces.length; i++) if (pieces[i].unresolved && pieces[i].note) any = true;
  if (!any) return [];
  return [...new Set(pieces.flatMap((p) => (p.unresolved && p.note ? [p.note] : [])))];
}
