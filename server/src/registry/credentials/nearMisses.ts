/**
 * Near misses: entries a person meant for this registry that the tool's key rules do not match (another scheme, a
 * path, a port, letter case, a Docker Hub form), from config files and from a helper's `list` answer.
 */
import type { CredentialFlavour, CredentialNearMiss } from '../contract';
import { convertToHostname, displayKey, DockerConfig, dockerFindKey, dockerServerKey, isDockerHub, jibReach, jibRegistry } from './dockerConfig';

interface HostPort {
  host: string;
  port?: string;
}

/** The registry a key names, read loosely: scheme, userinfo, path and a trailing slash dropped. */
function looseHost(key: string): HostPort {
  const hostPart = convertToHostname(key.includes('://') ? key : `https://${key}`);
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(hostPart);
  return m ? { host: m[1], port: m[2] } : { host: hostPart };
}

function sameHost(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || (isDockerHub(a.toLowerCase()) && isDockerHub(b.toLowerCase()));
}

/** Meant for `registry`: the same host in any letter case or Docker Hub form, with the same port, a default one or none. */
export function meantFor(key: string, registry: string): boolean {
  const k = looseHost(key);
  const r = looseHost(registry);
  if (!sameHost(k.host, r.host)) return false;
  const kPort = k.port === '443' ? undefined : k.port;
  const rPort = r.port === '443' ? undefined : r.port;
  return kPort === undefined || rPort === undefined || kPort === rPort;
}

/** True when the tool's rules for `section` pick `key` for `registry`. */
export function toolMatches(tool: CredentialFlavour, section: 'auths' | 'credHelpers', key: string, registry: string): boolean {
  if (tool === 'jib') return jibReach(key, registry) !== undefined;
  const serverKey = dockerServerKey(registry);
  return section === 'auths' ? dockerFindKey([key], serverKey) !== undefined : key === serverKey;
}

/** The key the tool asks for. */
export function askedKey(tool: CredentialFlavour, registry: string): string {
  return tool === 'jib' ? jibRegistry(registry) : dockerServerKey(registry);
}

/** Why `key` is not matched when the tool asks for `asked`, in one clause. */
export function whyNotMatched(tool: CredentialFlavour, key: string, asked: string, registry: string): string {
  const who = tool === 'jib' ? 'Jib' : 'docker';
  const k = looseHost(key);
  const r = looseHost(registry);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(key)?.[1];
  let what: string;
  if (k.host !== r.host && k.host.toLowerCase() === r.host.toLowerCase()) what = 'letter case differs (keys are compared as written)';
  else if (isDockerHub(r.host) && (k.host !== r.host || tool === 'docker')) what = 'another Docker Hub form';
  else if ((k.port ?? '') !== (r.port ?? '')) what = k.port ? `the key has port ${k.port}` : `the key has no port (the reference uses ${r.port})`;
  else if (scheme && scheme !== 'https') what = `the ${scheme}:// scheme`;
  else if (/^[^/]*:\/\/[^/]+\/./.test(key) || /^[^:/]+(:\d+)?\/./.test(key)) what = 'the key has a path';
  else if (scheme || key.endsWith('/')) what = 'the key has a scheme or a trailing slash';
  else what = 'the key is written differently';
  return `${what}: ${who} asks for "${displayKey(asked)}"`;
}

/** Config-file entries meant for `registry` that the tool passes over. */
export function configNearMisses(config: DockerConfig, file: string, registry: string, tool: CredentialFlavour): CredentialNearMiss[] {
  const asked = askedKey(tool, registry);
  const misses: CredentialNearMiss[] = [];
  for (const section of ['auths', 'credHelpers'] as const) {
    for (const key of config[section].keys()) {
      if (!meantFor(key, registry) || toolMatches(tool, section, key, registry)) continue;
      misses.push({ key: displayKey(key), source: section, file, why: whyNotMatched(tool, key, asked, registry) });
    }
  }
  return misses;
}

/** Server URLs a helper holds for `registry` that differ from every key the tool asked that helper for. */
export function listNearMisses(helper: string, serverUrls: string[], askedKeys: string[], registry: string, tool: CredentialFlavour): CredentialNearMiss[] {
  const who = tool === 'jib' ? 'Jib' : 'docker';
  const asked = askedKeys.map((k) => `"${displayKey(k)}"`).join(' and ');
  return serverUrls
    .filter((url) => meantFor(url, registry) && !askedKeys.includes(url))
    .map((url) => ({ key: displayKey(url), source: `${helper} list`, why: `the helper holds "${displayKey(url)}" but ${who} asks it for ${asked}` }));
}
