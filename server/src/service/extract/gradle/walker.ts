/**
 * Walks the block/statement tree of a Gradle script and records, without evaluating anything, the
 * image settings (Jib, Spring Boot), Jib platforms and credentials, and variable declarations.
 */
import { blockScope, enterScope, type Scope } from './scopes';
import { isBlock, isToken, isValue, type Block, type Item } from './parser';
import { readDeclaration, splitArguments, VariableTable } from './variables';
import { imageListSetting, type CollectionImageProperty } from './imageLists';

export type ImageProperty = 'from' | 'to' | 'builder' | 'runImage' | 'imageName' | CollectionImageProperty;

/** An image setting in the order it appears; `value` is the unevaluated expression. */
export interface ImageSetting {
  property: ImageProperty;
  value: Item[];
}

export interface PlatformSetting {
  os?: Item[];
  architecture?: Item[];
}

export interface JibAuthSetting {
  credHelper?: Item[];
  hasUsernamePassword?: boolean;
}

export interface GradleModel {
  images: ImageSetting[];
  variables: VariableTable;
  jibPlatforms: PlatformSetting[];
  jibAuth: { from: JibAuthSetting; to: JibAuthSetting };
  bootImagePlatform?: Item[];
}

/** `path = value`, `path value` (Groovy), `path(value)`, `path.set(value)`, `setPath(value)`. */
interface PropertyStatement {
  path: string[];
  value: Item[];
}

const BOOT_IMAGES = new Set<string>(['builder', 'runImage', 'imageName']);

export function walkGradle(root: Block): GradleModel {
  const model: GradleModel = { images: [], variables: new VariableTable(), jibPlatforms: [], jibAuth: { from: {}, to: {} } };
  new Walker(model).walkBlock(root, { kind: 'script' });
  return model;
}

class Walker {
  /** The platform whose block is being walked (`platform { … }`). */
  private platform?: PlatformSetting;

  constructor(private readonly model: GradleModel) {}

  walkBlock(block: Block, scope: Scope): void {
    for (const statement of block.statements) this.walkStatement(statement.items, scope);
  }

  private walkStatement(items: Item[], scope: Scope): void {
    const declaration = readDeclaration(items);
    if (declaration) {
      if (declaration.value) this.model.variables.declare(declaration.name, declaration.value);
      // `val x by tasks.creating(Dockerfile::class) { … }`: the delegate's block configures the task.
      const by = items.findIndex((item) => isValue(item, 'by'));
      this.walkBlocksIn(declaration.value ?? (by >= 0 ? items.slice(by + 1) : []), scope);
      return;
    }
    const firstBlock = items.findIndex(isBlock);
    if (firstBlock >= 0 && !hasTopLevelAssignment(items.slice(0, firstBlock))) {
      this.walkBlocksIn(items, scope);
      return;
    }
    const property = readPropertyStatement(items);
    if (property) this.applyProperty(scope, property);
  }

  /** Walks each block of `items` in the scope named by the tokens just before it (`a.b(x) { … } else { … }`). */
  private walkBlocksIn(items: readonly Item[], scope: Scope): void {
    let headStart = 0;
    items.forEach((item, index) => {
      if (!isBlock(item)) return;
      const child = blockScope(scope, items.slice(headStart, index));
      headStart = index + 1;
      if (child.kind === 'ignored') return;
      this.walkPlatformBlock(item, child);
    });
  }

  private walkPlatformBlock(block: Block, scope: Scope): void {
    if (scope.kind !== 'jib-platform') return this.walkBlock(block, scope);
    const outer = this.platform;
    this.platform = {};
    this.model.jibPlatforms.push(this.platform);
    this.walkBlock(block, scope);
    this.platform = outer;
  }

  private applyProperty(scope: Scope, statement: PropertyStatement): void {
    const listed = imageListSetting(scope, statement);
    if (listed) return void this.model.images.push(...listed);
    const { path, value } = statement;
    const owner = path.slice(0, -1).reduce((current, name) => enterScope(current, { name, typeArgs: [], args: [] }), scope);
    const name = path[path.length - 1];
    const model = this.model;
    switch (owner.kind) {
      case 'script':
        if (path.length === 1) model.variables.assignProjectProperty(name, value);
        break;
      case 'ext':
        model.variables.declare(name, value);
        break;
      case 'jib-from':
      case 'jib-to': {
        const side = owner.kind === 'jib-from' ? 'from' : 'to';
        if (name === 'image') model.images.push({ property: side, value });
        if (name === 'credHelper') model.jibAuth[side].credHelper = value;
        break;
      }
      case 'jib-cred-helper':
        if (name === 'helper') model.jibAuth[owner.side!].credHelper = value;
        break;
      case 'jib-auth':
        if (name === 'username' || name === 'password') model.jibAuth[owner.side!].hasUsernamePassword = true;
        break;
      case 'jib-platform':
        if (this.platform && (name === 'os' || name === 'architecture')) this.platform[name] = value;
        break;
      case 'boot':
        if (BOOT_IMAGES.has(name)) model.images.push({ property: name as ImageProperty, value });
        if (name === 'imagePlatform') model.bootImagePlatform = value;
        break;
    }
  }
}

function hasTopLevelAssignment(items: readonly Item[]): boolean {
  return items.some((item) => isValue(item, '=') && item.kind === 'punct');
}

function readPropertyStatement(items: readonly Item[]): PropertyStatement | undefined {
  const path: string[] = [];
  let end = 0;
  for (let item = items[0]; isToken(item) && item.kind === 'ident'; item = items[end]) {
    path.push(item.value);
    end++;
    if (!isValue(items[end], '.') && !isValue(items[end], '?.')) break;
    end++;
  }
  if (path.length === 0 || isValue(items[end - 1], '.') || isValue(items[end - 1], '?.')) return undefined;
  const rest = items.slice(end);
  if (isValue(rest[0], '=')) return { path, value: rest.slice(1) };
  if (isValue(rest[0], '(') && isValue(rest[rest.length - 1], ')')) return readSetterCall(path, rest.slice(1, -1));
  // Groovy command syntax: `image 'x'`, `architecture "arm64"`.
  if (rest.length > 0 && isToken(rest[0]) && rest[0].kind !== 'punct') return { path, value: rest };
  return undefined;
}

/** `image.set(v)` → image; `setImage(v)` → image; Groovy `image(v)` → image. */
function readSetterCall(path: string[], inside: Item[]): PropertyStatement | undefined {
  const args = splitArguments(inside);
  if (args.length !== 1) return undefined;
  const last = path[path.length - 1];
  if (last === 'set' && path.length > 1) return { path: path.slice(0, -1), value: args[0] };
  const setter = last.startsWith('set') ? /^set([A-Z])(.*)$/.exec(last) : null;
  if (setter) return { path: [...path.slice(0, -1), setter[1].toLowerCase() + setter[2]], value: args[0] };
  return { path, value: args[0] };
}
