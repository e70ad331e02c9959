/** One configuration entry of application.properties / application.yaml, whatever the syntax. */
import type { Span } from '../../types';

export interface ConfigEntry {
  /** The full key, profile prefix included: `%prod.quarkus.jib.base-jvm-image`. */
  key: string;
  value: string;
  /** Where the value is written. */
  span: Span;
  /** The document text at `span` is exactly `value`. */
  editable: boolean;
}
