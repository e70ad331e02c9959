/**
 * Extracts container image references from Gradle build scripts (build.gradle, build.gradle.kts):
 * Jib `from.image` / `to.image` and Spring Boot `bootBuildImage` builder / runImage / imageName.
 *
 * Pipeline: lex (gradle-lexer) → group into blocks and statements (gradle-parser) → find settings and
 * variables (gradle-walker) → evaluate values (gradle-expressions) → references (here).
 */
import type { ExtractedReference, ExtractionContext, ExtractionProblem, ExtractionResult, FileKind, Platform, Role, Span, Tool } from '../../types';
import { buildpackImage, withoutPrefix } from '../buildpackReference';
import { Evaluator } from './expressions';
import { lexGradle, type GradleDialect } from './lexer';
import { isToken, isValue, itemsSpan, parseGradle, type Item } from './parser';
import { walkGradle, type GradleModel, type ImageProperty, type ImageSetting, type JibAuthSetting } from './walker';


interface ImageKind {
  role: Role;
  tool: Tool;
  context: string;
}

const IMAGE_KINDS: Record<ImageProperty, ImageKind> = {
  from: { role: 'base', tool: 'jib', context: 'jib from.image' },
  to: { role: 'target', tool: 'jib', context: 'jib to.image' },
  builder: { role: 'base', tool: 'spring-boot', context: 'spring-boot builder' },
  runImage: { role: 'base', tool: 'spring-boot', context: 'spring-boot runImage' },
  imageName: { role: 'target', tool: 'spring-boot', context: 'spring-boot imageName' },
  buildpack: { role: 'base', tool: 'spring-boot', context: 'spring-boot buildpack' },
  dockerfileFrom: { role: 'base', tool: 'dockerfile', context: 'bmuschko Dockerfile from' },
  dockerImage: { role: 'target', tool: 'dockerfile', context: 'bmuschko DockerBuildImage images' },
  appBaseImage: { role: 'base', tool: 'dockerfile', context: 'bmuschko docker baseImage' },
  appImage: { role: 'target', tool: 'dockerfile', context: 'bmuschko docker images' },
};

/** What Jib builds for when no platforms are configured. */
const JIB_DEFAULT_PLATFORMS: readonly Platform[] = Object.freeze([Object.freeze({ os: 'linux', architecture: 'amd64' })]);

const JIB_PREFIX = /^(registry|docker|tar):\/\//;

export function extractGradle(text: string, dialect: GradleDialect, context: ExtractionContext = {}): ExtractionResult {
  const references: ExtractedReference[] = [];
  const problems: ExtractionProblem[] = [];
  try {
    const lexed = lexGradle(text, dialect);
    const parsed = parseGradle(lexed.tokens, text.length);
    problems.push(...lexed.problems, ...parsed.problems);
    const model = walkGradle(parsed.root);
    const evaluator = new Evaluator(text, model.variables, context.externalProperties ?? new Map());
    const builder = new ReferenceBuilder(text, dialect === 'groovy' ? 'gradle-groovy' : 'gradle-kotlin', model, evaluator);
    for (const setting of model.images) {
      const reference = builder.build(setting);
      if (reference) references.push(reference);
    }
  } catch (error) {
    // Defensive only: malformed input must never break the editor; report what was found so far.
    problems.push({ span: { start: 0, end: 0 }, message: `Gradle extraction failed: ${String(error)}` });
  }
  return { references, problems };
}

class ReferenceBuilder {
  private readonly jibPlatforms: Platform[];
  private readonly bootPlatforms: Platform[];

  constructor(
    private readonly text: string,
    private readonly fileKind: FileKind,
    private readonly model: GradleModel,
    private readonly evaluator: Evaluator,
  ) {
    this.jibPlatforms = this.readJibPlatforms();
    this.bootPlatforms = this.readBootPlatforms();
  }

  build(setting: ImageSetting): ExtractedReference | undefined {
    if (setting.value.length === 0 || (setting.value.length === 1 && isValue(setting.value[0], 'null'))) return undefined;
    const kind = IMAGE_KINDS[setting.property];
    const resolved = this.evaluator.evaluate(setting.value);
    const editable = resolved.literal !== undefined && resolved.literal.editable && !resolved.unresolved;
    const reference: ExtractedReference = {
      text: resolved.text,
      span: editable ? { ...resolved.literal!.span } : useSiteSpan(setting.value),
      editable,
      unresolved: resolved.unresolved,
      ...kind,
      ...this.platformsFor(kind.tool),
      fileKind: this.fileKind,
    };
    if (resolved.via) reference.via = resolved.via;
    if (setting.property === 'from') this.stripJibPrefix(reference);
    if (setting.property === 'buildpack') return this.asBuildpackImage(reference);
    if (kind.tool === 'jib') this.addJibAuth(reference, this.model.jibAuth[setting.property as 'from' | 'to']);
    return reference;
  }

  /**
   * The configured platforms, one array shared by the references (read-only downstream): copying them per reference
   * made large files quadratic. All `jib { }` blocks of a file count as one configuration, as in a single project.
   */
  private platformsFor(tool: Tool): Pick<ExtractedReference, 'platforms' | 'platformsExplicit'> {
    if (tool === 'jib') {
      const explicit = this.jibPlatforms.length > 0;
      return { platforms: explicit ? this.jibPlatforms : JIB_DEFAULT_PLATFORMS, platformsExplicit: explicit };
    }
    if (tool !== 'spring-boot') return { platforms: [], platformsExplicit: false };
    return { platforms: this.bootPlatforms, platformsExplicit: this.bootPlatforms.length > 0 };
  }

  /** `platform { architecture = 'arm64'; os = 'linux' }`; Jib images are Linux images, so os defaults to linux. */
  private readJibPlatforms(): Platform[] {
    return this.model.jibPlatforms
      .filter((platform) => platform.architecture)
      .map((platform) => ({
        os: platform.os ? this.evaluator.evaluate(platform.os).text : 'linux',
        architecture: this.evaluator.evaluate(platform.architecture!).text,
      }));
  }

  /** `imagePlatform = 'linux/arm64'` (os/architecture[/variant]). */
  private readBootPlatforms(): Platform[] {
    if (!this.model.bootImagePlatform) return [];
    const resolved = this.evaluator.evaluate(this.model.bootImagePlatform);
    const [os, architecture, variant] = resolved.text.split('/');
    if (resolved.unresolved || !os || !architecture) return [];
    return [variant ? { os, architecture, variant } : { os, architecture }];
  }

  /** Spring Boot buildpacks: only the entries that are images; `docker://` is not part of the reference. */
  private asBuildpackImage(reference: ExtractedReference): ExtractedReference | undefined {
    const found = buildpackImage(reference.text);
    if (!found) return undefined;
    if (found.prefixLength > 0 && this.text.startsWith('docker://', reference.span.start)) reference.span = withoutPrefix(reference.span, found.prefixLength);
    reference.text = found.text;
    return reference;
  }

  /** Jib reads `docker://`, `tar://`, `registry://` before a base image; the reference is what follows. */
  private stripJibPrefix(reference: ExtractedReference): void {
    const match = JIB_PREFIX.exec(reference.text);
    if (!match) return;
    reference.text = reference.text.slice(match[0].length);
    reference.jibPrefix = match[1] as ExtractedReference['jibPrefix'];
    if (this.text.startsWith(match[0], reference.span.start)) reference.span.start += match[0].length;
  }

  private addJibAuth(reference: ExtractedReference, auth: JibAuthSetting): void {
    const jibAuth: NonNullable<ExtractedReference['jibAuth']> = {};
    if (auth.credHelper) jibAuth.credHelper = this.evaluator.evaluate(auth.credHelper).text;
    if (auth.hasUsernamePassword) jibAuth.hasUsernamePassword = true;
    if (Object.keys(jibAuth).length > 0) reference.jibAuth = jibAuth;
  }
}

/** Where a value is written: the content of a string literal, or the whole expression. */
function useSiteSpan(value: readonly Item[]): Span {
  const only = value.length === 1 ? value[0] : undefined;
  if (isToken(only) && only.string) return { start: only.string.contentStart, end: only.string.contentEnd };
  return itemsSpan(value);
}
