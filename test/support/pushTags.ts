import { pushManifest, pushSingle, type Platform, type Pushed } from './push';
import type { TestRegistry } from './registryHarness';

/**
 * One image under many tags: the blobs and the manifest are uploaded once, then each tag is one PUT of the same
 * manifest. Returns the image (every tag has its digest).
 */
export async function pushTags(reg: TestRegistry, repo: string, tags: readonly string[], platform?: Platform): Promise<Pushed> {
  const [first, ...rest] = tags;
  const image = await pushSingle(reg, repo, first, platform);
  for (let i = 0; i < rest.length; i += 8) {
    await Promise.all(rest.slice(i, i + 8).map((tag) => pushManifest(reg, repo, tag, image.bytes, image.mediaType)));
  }
  return image;
}
