/**
 * Reading docker config files and matching their keys against a registry host, the way docker/cli does
 * (cli/config/configfile/file.go, cli/config/credentials/file_store.go `ConvertToHostname`) and the way Jib does
 * (jib-core registry/credentials/DockerConfig.java `getRegistryMatchersFor`, registry/RegistryAliasGroup.java).
 * Files are read fresh on every lookup: they are tiny and `docker login` may have changed them since.
 */
import * as fs from 'node:fs';
import type { Credential } from './types';

export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

export interface DockerConfig {
  auths: Map<string, AuthEntry>;
  credHelpers: Map<string, string>;
  credsStore?: string;
}

export type ConfigRead =
  | { kind: 'missing' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'ok'; config: DockerConfig };

export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

export function isDockerHub(registry: string): boolean {
  return HUB_HOSTS.includes(registry);
}

/** The key docker looks up in `auths`/`credHelpers` and sends to a helper. */
export function dockerServerKey(registry: string): string {
  return isDockerHub(registry) && registry !== 'registry.hub.docker.com' ? DOCKER_HUB_KEY : registry;
}

/** docker/cli ConvertToHostname: strip scheme, userinfo and path; the port stays. */
export function convertToHostname(key: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(key);
  if (m) {
    const host = m[1].slice(m[1].lastIndexOf('@') + 1);
    if (host !== '' && !host.startsWith(':')) return host;
  }
  return key.split('/')[0];
}

/** docker: exact key first, then any key whose hostname is the server key (file order stands in for Go's map order). */
export function dockerFindKey(keys: Iterable<string>, serverKey: string): string | undefined {
  const all = [...keys];
  return all.find((k) => k === serverKey) ?? all.find((k) => convertToHostname(k) === serverKey);
}

/** Jib's ImageReference puts unqualified Docker Hub images on `registry-1.docker.io`, so Jib asks for that host. */
export function jibRegistry(registry: string): string {
  return registry === 'docker.io' ? 'registry-1.docker.io' : registry;
}

/** RegistryAliasGroup.getAliasesGroup: the registry first, then the rest of its alias group. */
export function jibAliases(registry: string): string[] {
  if (!isDockerHub(registry)) return [registry];
  return [registry, ...['registry.hub.docker.com', 'index.docker.io', 'registry-1.docker.io', 'docker.io'].filter((a) => a !== registry)];
}

export type JibRule = 'exact' | 'https://' | 'prefix' | 'https:// prefix';

/** DockerConfig.findFirstInMapByKey with getRegistryMatchersFor(alias): rules in order, first key per rule. */
export function jibFindKey(keys: Iterable<string>, alias: string): { key: string; rule: JibRule } | undefined {
  const all = [...keys];
  const rules: [JibRule, (k: string) => boolean][] = [
    ['exact', (k) => k === alias],
    ['https://', (k) => k === `https://${alias}`],
    ['prefix', (k) => k.startsWith(`${alias}/`)],
    ['https:// prefix', (k) => k.startsWith(`https://${alias}/`)],
  ];
  for (const [rule, test] of rules) {
    const key = all.find(test);
    if (key !== undefined) return { key, rule };
  }
  return undefined;
}

/** The first (alias, rule) under which Jib would reach `key` for `registry`. */
export function jibReach(key: string, registry: string): { alias: string; rule: JibRule } | undefined {
  for (const alias of jibAliases(jibRegistry(registry))) {
    const hit = jibFindKey([key], alias);
    if (hit) return { alias, rule: hit.rule };
  }
  return undefined;
}

/**
 * One line per key that docker and Jib match differently for `registry`: a usual cause of Jib's "has nothing
 * for server URL" while `docker pull` works, or the reverse.
 */
export function mismatchNotes(config: DockerConfig, registry: string): string[] {
  const dockerKey = dockerServerKey(registry);
  const notes: string[] = [];
  const sections: [string, string[], (k: string) => boolean][] = [
    ['auths', [...config.auths.keys()], (k) => dockerFindKey([k], dockerKey) !== undefined],
    ['credHelpers', [...config.credHelpers.keys()], (k) => k === dockerKey],
  ];
  for (const [section, keys, dockerMatches] of sections) {
    for (const key of keys) {
      const jib = jibReach(key, registry);
      const shown = `${section}: entry "${displayKey(key)}"`;
      if (dockerMatches(key) && !jib) {
        notes.push(`${shown} matches only with docker's hostname lookup (Jib compares "${jibRegistry(registry)}" with the key as written)`);
      } else if (!dockerMatches(key) && jib) {
        const how = jib.alias !== jibRegistry(registry) ? `Jib's alias lookup (${jib.alias})` : `Jib's ${jib.rule} lookup`;
        notes.push(`${shown} matches only with ${how}; docker looks for "${dockerKey}"`);
      }
    }
  }
  return notes;
}

/** Keys are shown to the user; a key may carry `user:pass@`, so drop userinfo. */
export function displayKey(key: string): string {
  return key.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/).*@/, '$1…@');
}

/** Go's encoding/json and Jib's Jackson (ACCEPT_CASE_INSENSITIVE_PROPERTIES) both match field names case-insensitively. */
function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toAuthEntry(raw: unknown): AuthEntry {
  const entry: AuthEntry = {};
  if (!isObject(raw)) return entry;
  for (const name of ['auth', 'username', 'password', 'identitytoken', 'registrytoken'] as const) {
    const v = field(raw, name);
    if (typeof v === 'string' && v !== '') entry[name] = v;
  }
  return entry;
}

function toStringMap<T>(raw: unknown, convert: (v: unknown) => T | undefined): Map<string, T> {
  const map = new Map<string, T>();
  if (!isObject(raw)) return map;
  for (const [k, v] of Object.entries(raw)) {
    const converted = convert(v);
    if (converted !== undefined) map.set(k, converted);
  }
  return map;
}

/** `legacy`: a `.dockercfg`, whose top level is the `auths` map. Never throws. */
export function readDockerConfig(file: string, legacy = false): ConfigRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'invalid', reason: `unreadable (${code ?? 'error'})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { kind: 'invalid', reason: `invalid JSON at ${jsonErrorLocation(text, (err as Error).message)}` };
  }
  if (!isObject(parsed)) return { kind: 'invalid', reason: 'not a JSON object' };
  const authsRaw = legacy ? parsed : field(parsed, 'auths');
  if (authsRaw !== undefined && authsRaw !== null && !isObject(authsRaw)) return { kind: 'invalid', reason: '"auths" is not an object' };
  const credsStore = legacy ? undefined : field(parsed, 'credsStore');
  return {
    kind: 'ok',
    config: {
      auths: toStringMap(authsRaw, toAuthEntry),
      credHelpers: legacy ? new Map() : toStringMap(field(parsed, 'credHelpers'), (v) => (typeof v === 'string' && v !== '' ? v : undefined)),
      credsStore: typeof credsStore === 'string' && credsStore !== '' ? credsStore : undefined,
    },
  };
}

/**
 * "line L column C" of a JSON.parse failure. V8's message may quote the file (a secret, possibly), so only its
 * position is used; when it has none, the first offending character is found by parsing prefixes.
 */
function jsonErrorLocation(text: string, message: string): string {
  let pos = /end of JSON input/.test(message) ? text.length : Number(/at position (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(pos)) {
    const failsInside = (n: number): boolean => {
      try {
        JSON.parse(text.slice(0, n));
        return false;
      } catch (e) {
        const p = /at position (\d+)/.exec((e as Error).message);
        return !/end of JSON input/.test((e as Error).message) && !(p && Number(p[1]) >= n);
      }
    };
    let lo = 1;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (failsInside(mid)) hi = mid;
      else lo = mid + 1;
    }
    pos = lo - 1;
  }
  const before = text.slice(0, pos).split('\n');
  return `line ${before.length} column ${before[before.length - 1].length + 1}`;
}

/** docker's reading of an `auths` entry: a registry token wins, then an identity token, then user and password. */
export function dockerEntryCredential(entry: AuthEntry): Credential | 'invalid-auth' | undefined {
  if (entry.registrytoken) return { kind: 'registry-token', token: entry.registrytoken };
  if (entry.identitytoken) return { kind: 'identity-token', token: entry.identitytoken };
  if (entry.auth) {
    const pair = decodeAuth(entry.auth);
    return pair ? { kind: 'basic', username: pair[0], password: pair[1] } : 'invalid-auth';
  }
  if (entry.username && entry.password) return { kind: 'basic', username: entry.username, password: entry.password };
  return undefined;
}

/**
 * Jib's reading (DockerConfigCredentialRetriever.retrieve): `auth` first; its identity token only for the Azure
 * all-zero user with an empty password; `registrytoken` and a lone `identitytoken` are ignored.
 */
export function jibEntryCredential(entry: AuthEntry): Credential | 'invalid-auth' | undefined {
  if (entry.auth) {
    const pair = decodeAuth(entry.auth);
    if (!pair) return 'invalid-auth';
    if (entry.identitytoken && pair[0] === '00000000-0000-0000-0000-000000000000' && pair[1] === '') {
      return { kind: 'identity-token', token: entry.identitytoken };
    }
    return { kind: 'basic', username: pair[0], password: pair[1] };
  }
  if (entry.username && entry.password) return { kind: 'basic', username: entry.username, password: entry.password };
  return undefined;
}

function decodeAuth(auth: string): [string, string] | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(auth)) return undefined;
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return [decoded.slice(0, colon), decoded.slice(colon + 1).replace(/\0+$/, '')];
}
