import type { PlatformEntry } from '../registry/contract';
import type { Platform } from './types';

/** `linux/arm64/v8` */
export function formatPlatform(p: { os: string; architecture: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** Default variants as containerd normalizes them: arm64 is v8, arm is v7. */
function normalizedVariant(architecture: string, variant: string | undefined): string | undefined {
  if (variant) return variant;
  if (architecture === 'arm64') return 'v8';
  if (architecture === 'arm') return 'v7';
  return undefined;
}

export function platformMatches(wanted: Platform, entry: PlatformEntry): boolean {
  if (entry.attestation) return false;
  if (wanted.os !== entry.os || wanted.architecture !== entry.architecture) return false;
  if (wanted.variant === undefined) return true;
  return normalizedVariant(wanted.architecture, wanted.variant) === normalizedVariant(entry.architecture, entry.variant);
}

export function runnablePlatforms(entries: readonly PlatformEntry[]): PlatformEntry[] {
  return entries.filter((e) => !e.attestation);
}
