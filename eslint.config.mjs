// ESLint (flat config): typescript-eslint's recommended rules, and the layering of the README's "Architecture" section written as rules.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SRC = './server/src';
const inside = (folder) => `${SRC}/${folder}`;
/** Every server file outside one extract/<kind> folder: the folder is entered only through its index.ts. */
const outsideOf = (kind) => [
  `${SRC}/!(service)/**`,
  `${SRC}/*.ts`,
  `${SRC}/service/!(extract)/**`,
  `${SRC}/service/*.ts`,
  `${SRC}/service/extract/*.ts`,
  `${SRC}/service/extract/!(${kind})/**`,
];

const layering = [
  // The service is pure: no front end, no composition root, the registry only through its contract.
  { target: inside('service'), from: [inside('lsp'), inside('cli'), inside('host')], message: 'the service imports no front end and no host/' },
  { target: inside('service'), from: inside('registry'), except: ['./contract.ts'], message: 'the service sees the registry only through registry/contract.ts (types)' },
  // The registry client knows nothing of the service or the front ends.
  { target: inside('registry'), from: [inside('service'), inside('lsp'), inside('cli'), inside('host')], message: 'the registry imports nothing of the service or the front ends' },
  { target: inside('host'), from: [inside('lsp'), inside('cli')], message: 'host/ is below the front ends' },
  // The extension is a thin client: nothing of the server but the shared protocol.
  { target: './client/src', from: './server', message: 'the client imports nothing of the server; shared/protocol.ts is the common ground' },
  { target: './shared', from: ['./server', './client'], message: 'the shared protocol is plain data' },
  ...['dockerfile', 'maven', 'gradle', 'yaml', 'compose', 'kubernetes', 'githubActions', 'gitlabCi', 'skaffold', 'testcontainers', 'quarkus'].map((kind) => ({
    target: outsideOf(kind),
    from: inside(`service/extract/${kind}`),
    except: ['./index.ts'],
    message: `extract/${kind}/ is entered only through its index.ts`,
  })),
];

/** Transport and I/O the service must not touch (the registry client is injected; files are read by host/). */
const SERVICE_FORBIDDEN = ['vscode', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node',
  'undici', 'node:fs', 'fs', 'node:fs/promises', 'node:child_process', 'child_process', 'node:net', 'node:http', 'node:https', 'node:os', 'os'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-cli/**', 'node_modules/**', 'test/fixtures/**', 'test/grammar/**', 'test/vscode/fixtures/**', '.vscode-test/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layering }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Compiled to CommonJS: lazy `require` keeps the HTTP stack out of offline runs (host/registryHost.ts).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: SERVICE_FORBIDDEN.map((name) => ({ name, message: 'the service does no I/O and imports no transport' })),
        patterns: [{ regex: '/registry/contract$', allowTypeImports: true, message: 'import only types from the registry contract' }],
      }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
