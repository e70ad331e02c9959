import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, type ImagerefSettings } from '../service/settings';

/**
 * Settings from `initializationOptions.settings`, then `workspace/configuration` (section `imageref`) when the
 * client supports it, else from `didChangeConfiguration` payloads. Works with clients that support neither.
 */
export class ConfigurationStore {
  private current: ImagerefSettings = DEFAULT_SETTINGS;
  private pullSupported = false;

  constructor(private readonly connection: Connection) {}

  initialize(initializationSettings: unknown, pullSupported: boolean): void {
    this.current = normalizeSettings(initializationSettings);
    this.pullSupported = pullSupported;
  }

  get settings(): ImagerefSettings {
    return this.current;
  }

  /** Re-read settings; `pushed` is the payload of didChangeConfiguration (`{ imageref: {…} }`) when pulled is not possible. */
  async refresh(pushed?: unknown): Promise<ImagerefSettings> {
    if (this.pullSupported) {
      try {
        const section: unknown = await this.connection.workspace.getConfiguration('imageref');
        if (section) this.current = normalizeSettings(section);
        return this.current;
      } catch {
        // The client claimed support but failed: keep what we have.
      }
    }
    const fromPush = (pushed as { imageref?: unknown } | undefined)?.imageref;
    if (fromPush !== undefined) this.current = normalizeSettings(fromPush);
    return this.current;
  }
}
