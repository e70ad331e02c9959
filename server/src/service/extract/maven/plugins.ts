/**
 * Finding plugin configurations anywhere in a pom: `<build><plugins>`, `<build><pluginManagement><plugins>`, the same
 * inside `<profiles><profile>`, and each plugin's `<executions><execution><configuration>`.
 */
import { elementValue } from './content';
import { PomElement, allElements, child, children } from './pom';

export interface PluginConfigurations {
  plugin: PomElement;
  groupId?: string;
  artifactId?: string;
  /** The plugin's `<configuration>` and those of its executions, in document order. */
  configurations: PomElement[];
}

export function findPlugins(text: string, root: PomElement | undefined): PluginConfigurations[] {
  if (!root) return [];
  // Any `<plugin>` directly under `<plugins>`: this also finds plugins in broken documents whose nesting went wrong.
  const plugins = [...allElements(root)].filter(
    (element) => element.name === 'plugin' && element.parent?.name === 'plugins',
  );
  return plugins.map((plugin) => ({
    plugin,
    groupId: elementValue(text, child(plugin, 'groupId'))?.value,
    artifactId: elementValue(text, child(plugin, 'artifactId'))?.value,
    configurations: [
      ...children(plugin, 'configuration'),
      ...children(child(plugin, 'executions'), 'execution').flatMap((execution) =>
        children(execution, 'configuration'),
      ),
    ],
  }));
}
