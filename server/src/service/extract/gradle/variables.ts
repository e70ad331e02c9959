/**
 * Same-file variables of a Gradle script: where they are declared and how a use of one is recognised.
 *
 * Declarations: Groovy `def x = …`, `String x = …`, `ext.x = …`, `ext { x = … }`, `ext['x'] = …`; Kotlin
 * `val x = …`, `val x by extra(…)`, `extra["x"] = …`, `extra.set("x", …)`. Uses: a bare name, `ext.x`,
 * `project.x`, `extra["x"]`, `property("x")`, `findProperty("x")`, `providers.gradleProperty("x")`.
 */
import type { Token } from './lexer';
import { isBlock, isToken, isValue, type Item } from './parser';

export interface Declaration {
  name: string;
  /** The value expression; undefined for `val x: String by project`, which only reads a property. */
  value?: Item[];
}

/** Where a used name may come from: any same-file variable or property, or only gradle.properties. */
export type VariableSource = 'any' | 'external';

export interface VariableUse {
  name: string;
  source: VariableSource;
}

/** Variables by name; a later declaration replaces an earlier one. */
export class VariableTable {
  private readonly declared = new Map<string, Item[]>();
  /** Plain assignments at project level (`version = '1.0'`): used only when nothing is declared. */
  private readonly assigned = new Map<string, Item[]>();

  declare(name: string, value: Item[]): void {
    this.declared.set(name, value);
  }

  assignProjectProperty(name: string, value: Item[]): void {
    this.assigned.set(name, value);
  }

  lookup(name: string): Item[] | undefined {
    return this.declared.get(name) ?? this.assigned.get(name);
  }
}

const MODIFIERS = new Set(['private', 'internal', 'public', 'protected', 'const', 'final', 'static', 'lateinit', 'override']);
const DECLARATION_KEYWORDS = new Set(['def', 'val', 'var']);
const LITERAL_NAMES = new Set(['true', 'false', 'null', 'this', 'it']);

/** The text of a string token without interpolation, or undefined. */
export function staticString(item: Item | undefined): string | undefined {
  if (!isToken(item) || item.kind !== 'string' || !item.string) return undefined;
  const parts = item.string.parts;
  if (parts.some((part) => part.kind === 'interpolation')) return undefined;
  return parts.map((part) => (part.kind === 'text' ? part.value : '')).join('');
}

function isIdent(item: Item | undefined, name?: string): item is Token {
  return isToken(item) && item.kind === 'ident' && (name === undefined || item.value === name);
}

/** Reads a declaration statement, or returns undefined when the statement is something else. */
export function readDeclaration(items: readonly Item[]): Declaration | undefined {
  return readLocalDeclaration(items) ?? readExtraIndexAssignment(items) ?? readExtraSetCall(items);
}

/** `def x = …`, `val x: T = …`, `val x by extra(…)`, `String x = …` (after modifiers). */
function readLocalDeclaration(items: readonly Item[]): Declaration | undefined {
  let i = 0;
  while (isIdent(items[i]) && MODIFIERS.has((items[i] as Token).value)) i++;
  const first = items[i];
  if (!isIdent(first)) return undefined;
  const typedGroovy = startsUppercase(first.value) && isIdent(items[i + 1]) && isValue(items[i + 2], '=');
  if (!DECLARATION_KEYWORDS.has(first.value) && !typedGroovy) return undefined;
  if (first.value === 'def' && isIdent(items[i + 1]) && isIdent(items[i + 2])) i++; // def String x = …
  const nameToken = items[i + 1];
  if (!isIdent(nameToken)) return undefined;
  const rest = items.slice(i + 2);
  const equals = rest.findIndex((item) => isValue(item, '='));
  const by = rest.findIndex((item) => isIdent(item, 'by'));
  if (by >= 0 && (equals < 0 || by < equals)) return readDelegate(nameToken.value, rest.slice(by + 1));
  if (equals < 0) return undefined;
  return { name: nameToken.value, value: rest.slice(equals + 1) };
}

/** `/^[A-Z]/`, without a regex run per statement. */
function startsUppercase(name: string): boolean {
  const code = name.charCodeAt(0);
  return code >= 65 && code <= 90;
}

/** `by extra("v")` declares a value; `by project` / `by extra` only read a property of the same name. */
function readDelegate(name: string, delegate: readonly Item[]): Declaration {
  const call = stripProjectPrefix(delegate);
  if (isIdent(call[0], 'extra') && isValue(call[1], '(') && isValue(call[call.length - 1], ')')) {
    return { name, value: call.slice(2, -1) };
  }
  return { name };
}

/** `ext['x'] = …`, `extra["x"] = …`, `project.extra["x"] = …`. */
function readExtraIndexAssignment(items: readonly Item[]): Declaration | undefined {
  const rest = stripProjectPrefix(items);
  if (!isExtra(rest[0]) || !isValue(rest[1], '[') || !isValue(rest[3], ']') || !isValue(rest[4], '=')) return undefined;
  const name = staticString(rest[2]);
  return name === undefined ? undefined : { name, value: rest.slice(5) };
}

/** `ext.set('x', …)`, `extra.set("x", …)`. */
function readExtraSetCall(items: readonly Item[]): Declaration | undefined {
  const rest = stripProjectPrefix(items);
  const isCall = isExtra(rest[0]) && isValue(rest[1], '.') && isIdent(rest[2], 'set') && isValue(rest[3], '(');
  if (!isCall || !isValue(rest[rest.length - 1], ')')) return undefined;
  const args = splitArguments(rest.slice(4, -1));
  const name = staticString(args[0]?.[0]);
  if (args.length !== 2 || args[0].length !== 1 || name === undefined) return undefined;
  return { name, value: args[1] };
}

function isExtra(item: Item | undefined): boolean {
  return isIdent(item, 'ext') || isIdent(item, 'extra');
}

/** Drops a leading `project.` / `rootProject.` / `this.`. */
export function stripProjectPrefix(items: readonly Item[]): readonly Item[] {
  const first = items[0];
  const qualifier = isIdent(first, 'project') || isIdent(first, 'rootProject') || isIdent(first, 'this');
  return qualifier && isValue(items[1], '.') ? items.slice(2) : items;
}

/** Splits call arguments at top-level commas. */
export function splitArguments(items: readonly Item[]): Item[][] {
  const args: Item[][] = [[]];
  let depth = 0;
  for (const item of items) {
    if (isToken(item) && (item.value === '(' || item.value === '[')) depth++;
    if (isToken(item) && (item.value === ')' || item.value === ']')) depth--;
    if (depth === 0 && isValue(item, ',')) args.push([]);
    else args[args.length - 1].push(item);
  }
  return args.filter((arg) => arg.length > 0);
}

/** Recognises an expression that is just a use of one variable or property; undefined otherwise. */
export function readVariableUse(items: readonly Item[]): VariableUse | undefined {
  if (items.some(isBlock)) return undefined;
  const rest = stripProjectPrefix(items);
  const values = rest.map((item) => (isToken(item) ? (item.kind === 'string' ? '<string>' : item.value) : '{}'));
  const shape = values.join(' ');
  const stringArgument = rest.find((item) => isToken(item) && item.kind === 'string');
  const quoted = staticString(stringArgument);
  if (rest.length === 1 && isIdent(rest[0]) && !LITERAL_NAMES.has(rest[0].value)) {
    return { name: rest[0].value, source: 'any' };
  }
  if (/^(ext|extra) \. \S+$/.test(shape) && isIdent(rest[2])) return { name: rest[2].value, source: 'any' };
  if (quoted === undefined) return undefined;
  if (/^(ext|extra|properties) \[ <string> \]$/.test(shape)) return { name: quoted, source: 'any' };
  if (/^(property|findProperty) \( <string> \)$/.test(shape)) return { name: quoted, source: 'any' };
  if (/^providers \. gradleProperty \( <string> \)$/.test(shape)) return { name: quoted, source: 'external' };
  return undefined;
}
