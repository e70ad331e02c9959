/**
 * Where credentials for a registry come from, looked up as docker and as Jib would. Config files are read fresh on
 * every lookup (no cache). Every place tried lands in `searched`; secrets never leave the returned `credential`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { findExecutable } from './helper';
import { CredentialSearch } from './search';
import {
  AuthEntry, DockerConfig, displayKey, dockerEntryCredential, dockerFindKey, dockerServerKey, jibAliases,
  jibEntryCredential, jibFindKey, jibRegistry, mismatchNotes, readDockerConfig,
} from './dockerConfig';
import type { CredentialFlavour, CredentialSourceInfo } from '../contract';
import type { Credential, CredentialLookup, CredentialProvider } from './types';

export interface CredentialProviderOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  /** Per helper run; default 5000. */
  helperTimeoutMs?: number;
  /** False in untrusted workspaces: no helper is run. Default false. */
  allowHelpers?: boolean;
  logger?: (line: string) => void;
}

interface Found {
  credential: Credential;
  source: CredentialSourceInfo;
}

export function createCredentialProvider(options: CredentialProviderOptions = {}): CredentialProvider {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? env.HOME ?? env.USERPROFILE ?? os.homedir();
  return {
    async lookup(registry, flavour, jibCredHelper) {
      const search = new CredentialSearch(env, home, flavour, options.allowHelpers ?? false, options.helperTimeoutMs ?? 5000);
      const found = flavour === 'jib' ? await jibLookup(search, registry, jibCredHelper) : await dockerLookup(search, registry);
      const source = found ? { ...found.source, ...(found.source.key ? { key: displayKey(found.source.key) } : {}) } : { source: 'anonymous' };
      const result: CredentialLookup = { source, searched: search.searched, steps: search.steps, problems: search.problems };
      if (found) result.credential = redactedWhenPrinted(found.credential);
      const suggested = found ? undefined : suggestHelper(registry, flavour);
      if (suggested) result.suggestedHelper = suggested;
      scrub(result, found?.credential);
      const prefix = `credentials ${registry} (${flavour}): `;
      for (const line of result.searched) options.logger?.(prefix + line);
      for (const line of result.problems) options.logger?.(`${prefix}problem: ${line}`);
      options.logger?.(`${prefix}using ${result.source.source}${result.source.key ? ` ${result.source.key}` : ''}`);
      return result;
    },
  };
}

function readNoted(search: CredentialSearch, file: string, key: string, legacy = false): DockerConfig | undefined {
  const read = readDockerConfig(file, legacy);
  if (read.kind === 'ok') return read.config;
  const why = read.kind === 'missing' ? 'not present' : read.reason;
  search.note(`${search.display(file)}: ${why}`);
  search.step({ source: 'config file', key, file, found: false, note: why });
  return undefined;
}

/** docker/cli: the file's `credHelpers[key]`, else `credsStore`; only without a helper does it read `auths`. */
async function dockerLookup(search: CredentialSearch, registry: string): Promise<Found | undefined> {
  const file = path.join(search.env.DOCKER_CONFIG || path.join(search.home, '.docker'), 'config.json');
  const key = dockerServerKey(registry);
  const config = readNoted(search, file, key);
  if (!config) return undefined;
  mismatchNotes(config, registry).forEach((line) => search.note(line));
  const helperName = config.credHelpers.get(key);
  if (!helperName) {
    search.note(`credHelpers: none for ${key}`);
    search.step({ source: 'credHelpers', key, file, found: false, note: 'no entry for this key' });
  }
  const helper = helperName ?? config.credsStore;
  const entryKey = dockerFindKey(config.auths.keys(), key);
  if (helper) {
    const kind = helperName ? 'credHelpers' : 'credsStore';
    const missing = `docker-credential-${helper} is not installed: docker fails with "error getting credentials" here`;
    const credential = await search.runHelper(`${kind} ${helper}`, `docker-credential-${helper}`, key, missing, { source: kind, file });
    if (credential) return { credential, source: { source: `${kind} (${helper})`, key, file } };
    // nativeStore.Get replaces the file entry's user and secrets with the helper's answer, even an empty one.
    search.note(entryKey === undefined ? `auths: not read (docker uses ${kind} ${helper})` : `auths: entry "${displayKey(entryKey)}" ignored (docker uses ${kind} ${helper})`);
    search.step({ source: 'auths', key: entryKey ?? key, file, found: false, note: `not read: docker uses ${kind} ${helper}` });
    return undefined;
  }
  if (entryKey === undefined) {
    search.note(`auths: no entry for ${key} ${keyList(config.auths)}`);
    search.step({ source: 'auths', key, file, found: false, note: `no entry ${keyList(config.auths)}` });
    return undefined;
  }
  return fromEntry(search, config.auths.get(entryKey) as AuthEntry, entryKey, file, dockerEntryCredential);
}

function fromEntry(
  search: CredentialSearch, entry: AuthEntry, key: string, file: string, read: (e: AuthEntry) => Credential | 'invalid-auth' | undefined,
  how?: string,
): Found | undefined {
  const credential = read(entry);
  const shown = `auths: entry "${displayKey(key)}"`;
  const step = (found: boolean, why?: string): void => {
    const note = [how, why].filter(Boolean).join('; ');
    search.step({ source: 'auths', key, file, found, ...(note ? { note } : {}) });
  };
  let why: string;
  if (credential === 'invalid-auth') why = 'has an auth that is not base64 user:password';
  else if (credential) {
    step(true);
    return { credential, source: { source: 'auths', key, file } };
  } else if (search.flavour === 'jib' && (entry.identitytoken || entry.registrytoken)) why = 'has only a token, which Jib does not read';
  else why = 'has no credentials';
  search.note(`${shown} ${why}`);
  step(false, `the entry ${why}`);
  return undefined;
}

/**
 * Jib, following jib-plugins-common DefaultCredentialRetrievers.java (order of retrievers and files),
 * jib-core frontend/CredentialRetrieverFactory.java (well-known helpers) and
 * registry/credentials/DockerConfigCredentialRetriever.java (per file: for each alias, helper then auths).
 */
async function jibLookup(search: CredentialSearch, registry: string, credHelper: string | undefined): Promise<Found | undefined> {
  const host = jibRegistry(registry);
  if (credHelper) {
    const isPath = credHelper.includes('/') || credHelper.includes(path.sep);
    const executable = isPath ? credHelper : `docker-credential-${credHelper}`;
    const label = `jib from.credHelper ${credHelper}`;
    if (isPath && !fileExists(credHelper)) {
      search.note(`${label}: does not exist`);
      search.step({ source: 'from.credHelper', key: host, helper: credHelper, found: false, note: 'the file does not exist' });
      search.problems.push(`Jib stops with "Specified credential helper was not found: ${credHelper}"`);
    } else {
      const missing = `Jib stops with "The system does not have ${executable} CLI"`;
      const credential = await search.runHelper(label, executable, host, missing, { source: 'from.credHelper' });
      if (credential) return { credential, source: { source: `jib from.credHelper (${credHelper})`, key: host } };
      if (!isPath && credHelper.startsWith('docker-credential-')) search.note(`${label}: Jib adds the docker-credential- prefix itself`);
    }
  }
  for (const [file, legacy] of jibConfigFiles(search)) {
    const config = readNoted(search, file, host, legacy);
    search.prefix = `${search.display(file)}: `;
    const found = config && (await jibConfigLookup(search, config, registry, file));
    search.prefix = '';
    if (found) return found;
  }
  for (const [suffix, helper] of [['gcr.io', 'docker-credential-gcr'], ['amazonaws.com', 'docker-credential-ecr-login']]) {
    if (!host.endsWith(suffix)) continue;
    if (!findExecutable(helper, search.env)) {
      search.note(`well-known helper ${helper}: not installed`);
      search.step({ source: 'well-known helper', key: host, helper, found: false, note: 'not installed' });
      continue;
    }
    const credential = await search.runHelper(`well-known helper ${helper}`, helper, host, undefined, { source: 'well-known helper' });
    if (credential) return { credential, source: { source: `well-known helper (${helper.replace('docker-credential-', '')})`, key: host } };
  }
  if (host.endsWith('gcr.io') || host.endsWith('docker.pkg.dev')) {
    search.note('Google Application Default Credentials: not checked (Jib tries them last)');
    search.step({ source: 'application default credentials', key: host, found: false, note: 'not checked (Jib tries them last)' });
  }
  return undefined;
}

/** [file, legacy format] in DefaultCredentialRetrievers order, each directory once. */
function jibConfigFiles(search: CredentialSearch): [string, boolean][] {
  const { env, home } = search;
  const xdg = [env.XDG_RUNTIME_DIR, env.XDG_CONFIG_HOME, path.join(home, '.config')].filter((d): d is string => !!d);
  const dockerDirs = [env.DOCKER_CONFIG, path.join(home, '.docker')].filter((d): d is string => !!d);
  const files: [string, boolean][] = [
    ...unique(xdg).map((d): [string, boolean] => [path.join(d, 'containers', 'auth.json'), false]),
    ...unique(dockerDirs).flatMap((d): [string, boolean][] => [
      [path.join(d, 'config.json'), false], [path.join(d, '.dockerconfigjson'), false], [path.join(d, '.dockercfg'), true],
    ]),
  ];
  return files;
}

async function jibConfigLookup(search: CredentialSearch, config: DockerConfig, registry: string, file: string): Promise<Found | undefined> {
  const aliases = jibAliases(jibRegistry(registry));
  mismatchNotes(config, registry).forEach((line) => search.note(line));
  let anyHelper = false;
  let anyEntry = false;
  for (const alias of aliases) {
    const match = jibFindKey(config.credHelpers.keys(), alias);
    // A credHelpers match is asked for its own key; credsStore is asked for the alias.
    const [kind, helper, serverUrl] = match
      ? ['credHelpers', config.credHelpers.get(match.key), match.key]
      : ['credsStore', config.credsStore, alias];
    if (helper) {
      anyHelper = true;
      const credential = await search.runHelper(`${kind} ${helper}`, `docker-credential-${helper}`, serverUrl, undefined, { source: kind, file });
      if (credential) return { credential, source: { source: `${kind} (${helper})`, key: serverUrl, file } };
    }
    const entry = jibFindKey(config.auths.keys(), alias);
    if (entry) {
      anyEntry = true;
      const how = entry.rule === 'exact' && alias === aliases[0] ? undefined : `Jib asked for ${alias} (${entry.rule} rule)`;
      const found = fromEntry(search, config.auths.get(entry.key) as AuthEntry, entry.key, file, jibEntryCredential, how);
      if (found) return found;
    }
  }
  const forWhat = aliases.length > 1 ? `${aliases[0]} or its aliases` : aliases[0];
  if (!anyHelper) {
    search.note(`credHelpers: none for ${forWhat}`);
    search.step({ source: 'credHelpers', key: aliases[0], file, found: false, note: `no entry for ${forWhat}, no credsStore` });
  }
  if (!anyEntry) {
    search.note(`auths: no entry for ${forWhat} ${keyList(config.auths)}`);
    search.step({ source: 'auths', key: aliases[0], file, found: false, note: `no entry for ${forWhat} ${keyList(config.auths)}` });
  }
  return undefined;
}

function unique(items: string[]): string[] {
  return items.filter((item, i) => items.findIndex((other) => path.resolve(other) === path.resolve(item)) === i);
}

function keyList(map: Map<string, unknown>): string {
  const keys = [...map.keys()].map(displayKey);
  if (keys.length === 0) return '(no keys)';
  return `(keys: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''})`;
}

function fileExists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Well-known helpers for hosts that need one; `gcloud` is what `gcloud auth configure-docker` writes. */
export function suggestHelper(registry: string, flavour: CredentialFlavour): string | undefined {
  const host = registry.replace(/:\d+$/, '');
  if (/^[a-z0-9-]+\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host)) return 'ecr-login';
  if (host === 'gcr.io' || host.endsWith('.gcr.io') || host.endsWith('-docker.pkg.dev')) return flavour === 'docker' ? 'gcloud' : 'gcr';
  if (host.endsWith('.azurecr.io')) return 'acr-env';
  return undefined;
}

/** JSON.stringify and console.log of a lookup show `[redacted]`; code reading the fields gets the secret. */
function redactedWhenPrinted(credential: Credential): Credential {
  const printable = () => ({ ...credential, ...(credential.kind === 'basic' ? { password: '[redacted]' } : { token: '[redacted]' }) });
  Object.defineProperty(credential, 'toJSON', { value: printable, enumerable: false });
  Object.defineProperty(credential, inspect.custom, { value: () => printable(), enumerable: false });
  return credential;
}

/** Belt and braces: a secret we hold must not appear in any line we return or search. */
function scrub(result: CredentialLookup, credential: Credential | undefined): void {
  if (!credential) return;
  const secrets = (credential.kind === 'basic' ? [credential.password] : [credential.token]).filter((s) => s.length >= 4);
  const clean = (line: string): string => secrets.reduce((l, s) => l.split(s).join('…'), line);
  result.searched = result.searched.map(clean);
  result.problems = result.problems.map(clean);
  result.steps = result.steps?.map((step) => (step.note ? { ...step, note: clean(step.note) } : step));
}
