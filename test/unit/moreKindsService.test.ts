import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

/** The whole service on the new kinds: file kind from the URI and text, rules, inline suppressions, the setting. */
function codes(uri: string, text: string, settings = DEFAULT_SETTINGS) {
  const document = TextDocument.create(uri, 'plaintext', 1, text);
  return new ImagerefLanguageService({}).validate(document, settings).diagnostics.map((d) => `${d.range.start.line}:${d.code}`);
}

describe('service on Compose, manifests, Testcontainers and Quarkus files', () => {
  it('# imageref-ignore silences a YAML line; // imageref-ignore a Java one; ! and # a properties one', () => {
    assert.deepEqual(codes('file:///w/compose.yaml', 'services:\n  a:\n    # imageref-ignore unpinned\n    image: postgres:16\n  b:\n    image: redis:7\n'), ['5:unpinned']);
    assert.deepEqual(codes('file:///w/T.java', 'import org.testcontainers.containers.*;\nclass T {\n  // imageref-ignore\n  GenericContainer<?> c = new GenericContainer<>("redis");\n}\n'), []);
    assert.deepEqual(codes('file:///w/application.properties', '# quarkus\n! imageref-ignore unpinned\nquarkus.jib.base-jvm-image=eclipse-temurin:21\n'), []);
  });

  it('a YAML file that is neither a manifest nor a named kind is not read; the setting makes it one', () => {
    const text = 'spec:\n  containers:\n  - image: https://busybox\n';
    assert.deepEqual(codes('file:///w/deploy/pod.yaml', text), []);
    const settings = { ...DEFAULT_SETTINGS, kubernetes: { files: ['deploy/*.yaml'] } };
    assert.deepEqual(codes('file:///w/deploy/pod.yaml', text, settings), ['2:scheme-prefix']);
  });

  it('a huge YAML file gets one clear problem', () => {
    const text = 'services:\n' + '  s:\n    image: alpine:3\n'.repeat(60_000);
    const document = TextDocument.create('file:///w/compose.yaml', 'yaml', 1, text);
    const { diagnostics } = new ImagerefLanguageService({}).validate(document, DEFAULT_SETTINGS);
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0].message), /does not analyze YAML files this large \(1\.\d MB; the limit is 1 MB\)/);
  });
});
