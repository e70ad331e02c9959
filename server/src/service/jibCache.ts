/**
 * Jib's base-image cache (jib-core XdgDirectories.getCacheHome, Containerizer.DEFAULT_BASE_CACHE_DIRECTORY): a base
 * image pulled once is reused from there, so a reference whose credentials are gone can keep "working".
 */
export const JIB_BASE_IMAGE_CACHE_NOTE =
  'Jib keeps pulled base images in its base-image cache (Linux `$XDG_CACHE_HOME/google-cloud-tools-java/jib`, by default ' +
  '`~/.cache/google-cloud-tools-java/jib`; macOS `~/Library/Caches/Google/Jib`; Windows `%LOCALAPPDATA%\\Google\\Jib\\Cache`; ' +
  '`-Djib.baseImageCache=DIR` overrides), so a reference that worked once can keep working from the cache until it is cleared.';
