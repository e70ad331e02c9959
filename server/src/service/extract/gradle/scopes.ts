/**
 * Which configuration a block or a dotted path is in: `jib { from { … } }`, `jib.from.image`,
 * `tasks.named<BootBuildImage>("bootBuildImage") { … }`, `ext { … }`, or none we care about.
 */
import { isBlock, isToken, isValue, type Item } from './parser';
import { staticString } from './variables';

export type ScopeKind =
  | 'script' // the top level and blocks that may contain it: subprojects { }, allprojects { }, if (…) { }
  | 'tasks'
  | 'ext'
  | 'jib'
  | 'jib-from'
  | 'jib-to'
  | 'jib-platforms'
  | 'jib-platform'
  | 'jib-auth'
  | 'jib-cred-helper'
  | 'boot'
  // bmuschko's Gradle Docker plugin: a `Dockerfile` task, a `DockerBuildImage` task, `docker { javaApplication { } }`.
  | 'bmuschko-dockerfile'
  | 'bmuschko-build'
  | 'bmuschko-docker'
  | 'bmuschko-app'
  | 'ignored';

export interface Scope {
  kind: ScopeKind;
  /** For auth and credHelper: the image they belong to. */
  side?: 'from' | 'to';
}

/** One link of a call chain `name<TypeArgs>(args)`. */
export interface Segment {
  name: string;
  typeArgs: string[];
  args: Item[];
}

const SCRIPT: Scope = { kind: 'script' };
const IGNORED: Scope = { kind: 'ignored' };

/** Names that run their block in the same configuration: `jib { if (x) { … } }`, `….configure { }`. */
const TRANSPARENT = new Set(['if', 'else', 'when', 'run', 'apply', 'also', 'with', 'let', 'configure', 'configureEach', 'all', 'afterEvaluate']);

/** Methods of `tasks` that select tasks by name or by type. */
const TASK_SELECTORS = new Set(['named', 'withType', 'register', 'getByName', 'create', 'configure', 'getting', 'existing', 'maybeCreate', 'findByName']);

const BOOT_TYPE = 'BootBuildImage';
const BOOT_TASK = 'bootBuildImage';
const JIB_TYPE = 'JibExtension';

/** The scope of the block that follows `head` (the items before its `{`). */
export function blockScope(scope: Scope, head: readonly Item[]): Scope {
  if (head.length === 0) return scope;
  if ((scope.kind === 'script' || scope.kind === 'tasks') && declaresBootTask(head)) return { kind: 'boot' };
  const bmuschko = scope.kind === 'script' || scope.kind === 'tasks' ? declaredBmuschkoTask(head) : undefined;
  if (bmuschko) return bmuschko;
  const chain = readChain(head);
  if (!chain) return scope.kind === 'script' ? SCRIPT : IGNORED;
  return chain.reduce(enterScope, scope);
}

/** `task x(type: BootBuildImage)`, `val x by tasks.getting(BootBuildImage::class)` and the like. */
function declaresBootTask(head: readonly Item[]): boolean {
  const mentionsType = head.some((item) => isValue(item, BOOT_TYPE) && item.kind === 'ident');
  return mentionsType && head.some((item) => isValue(item, 'tasks') || isValue(item, 'task'));
}

/** `task x(type: Dockerfile)`, `val x by tasks.creating(DockerBuildImage::class)` and the like. */
function declaredBmuschkoTask(head: readonly Item[]): Scope | undefined {
  if (!head.some((item) => isValue(item, 'tasks') || isValue(item, 'task'))) return undefined;
  const type = head.find((item) => isToken(item) && item.kind === 'ident' && Object.hasOwn(BMUSCHKO_TASKS, item.value));
  return type && isToken(type) ? BMUSCHKO_TASKS[type.value] : undefined;
}

/** The scope reached by one link of a path or call chain. */
export function enterScope(scope: Scope, segment: Segment): Scope {
  const name = segment.name;
  if (TRANSPARENT.has(name) && !segment.typeArgs.includes(JIB_TYPE)) return scope;
  switch (scope.kind) {
    case 'script':
      return enterFromScript(segment);
    case 'tasks':
      if (name === BOOT_TASK || selectsBootTask(segment)) return { kind: 'boot' };
      return selectsBmuschkoTask(segment) ?? SCRIPT;
    case 'bmuschko-docker':
      return name === 'javaApplication' || name === 'springBootApplication' ? { kind: 'bmuschko-app' } : IGNORED;
    case 'jib':
      if (name === 'from' || name === 'to') return { kind: name === 'from' ? 'jib-from' : 'jib-to' };
      return IGNORED;
    case 'jib-from':
      if (name === 'platforms') return { kind: 'jib-platforms' };
      return enterImage(name, 'from');
    case 'jib-to':
      return enterImage(name, 'to');
    case 'jib-platforms':
      return name === 'platform' ? { kind: 'jib-platform' } : IGNORED;
    default:
      return IGNORED;
  }
}

function enterFromScript(segment: Segment): Scope {
  const name = segment.name;
  if (name === 'jib' || mentions(segment, JIB_TYPE)) return { kind: 'jib' };
  if (name === BOOT_TASK) return { kind: 'boot' };
  if (name === 'tasks') return { kind: 'tasks' };
  if (name === 'docker') return { kind: 'bmuschko-docker' };
  if (name === 'ext' || name === 'extra') return { kind: 'ext' };
  return SCRIPT;
}

function enterImage(name: string, side: 'from' | 'to'): Scope {
  if (name === 'auth') return { kind: 'jib-auth', side };
  if (name === 'credHelper') return { kind: 'jib-cred-helper', side };
  return IGNORED;
}

function selectsBootTask(segment: Segment): boolean {
  if (!TASK_SELECTORS.has(segment.name)) return false;
  return mentions(segment, BOOT_TYPE) || segment.args.some((arg) => staticString(arg) === BOOT_TASK);
}

const BMUSCHKO_TASKS: Record<string, Scope> = { Dockerfile: { kind: 'bmuschko-dockerfile' }, DockerBuildImage: { kind: 'bmuschko-build' } };

function selectsBmuschkoTask(segment: Segment): Scope | undefined {
  if (!TASK_SELECTORS.has(segment.name) && segment.name !== 'creating' && segment.name !== 'registering') return undefined;
  const type = Object.keys(BMUSCHKO_TASKS).find((t) => mentions(segment, t));
  return type ? BMUSCHKO_TASKS[type] : undefined;
}

function mentions(segment: Segment, type: string): boolean {
  return segment.typeArgs.includes(type) || segment.args.some((arg) => isValue(arg, type) && arg.kind === 'ident');
}

/** Reads `a.b<T>(args).c` into segments; undefined when the items are not such a chain. */
export function readChain(items: readonly Item[]): Segment[] | undefined {
  const segments: Segment[] = [];
  let i = 0;
  for (;;) {
    const name = items[i];
    if (!isToken(name) || name.kind !== 'ident') return undefined;
    const segment: Segment = { name: name.value, typeArgs: [], args: [] };
    i++;
    if (isValue(items[i], '<')) i = readTypeArguments(items, i, segment);
    if (isValue(items[i], '(')) i = readArguments(items, i, segment);
    if (i < 0) return undefined;
    segments.push(segment);
    if (i === items.length) return segments;
    if (!isValue(items[i], '.') && !isValue(items[i], '?.')) return undefined;
    i++;
  }
}

/** Reads `<A, B>` starting at `<`; returns the index after `>`, or -1. */
function readTypeArguments(items: readonly Item[], start: number, segment: Segment): number {
  for (let i = start + 1; i < items.length; i++) {
    const item = items[i];
    if (isValue(item, '>')) return i + 1;
    if (isBlock(item) || isValue(item, '(')) return -1;
    if (isToken(item) && item.kind === 'ident') segment.typeArgs.push(item.value);
  }
  return -1;
}

/** Reads `(…)` starting at `(`; returns the index after the matching `)`, or -1. */
function readArguments(items: readonly Item[], start: number, segment: Segment): number {
  let depth = 0;
  for (let i = start; i < items.length; i++) {
    const item = items[i];
    if (isValue(item, '(')) depth++;
    if (isValue(item, ')') && --depth === 0) return i + 1;
    if (depth > 0 && i > start) segment.args.push(item);
  }
  return -1;
}
