import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { RegistryClient, ResolveOutcome, ResolveRequest } from '../../server/src/registry/contract';
import { analyzeReference } from '../../server/src/service/analysis';
import { hoverMarkdown } from '../../server/src/service/hover';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { normalizeSettings } from '../../server/src/service/settings';
import { refIn } from '../support/refs';
import { digestOf, entry, indexOutcome } from '../support/outcomes';

/** A registry whose answers the test releases: each request waits until `answerAll`. */
function heldRegistry(outcome: ResolveOutcome): RegistryClient & { requests: ResolveRequest[]; answerAll(): void } {
  const waiting: Array<() => void> = [];
  const self = {
    requests: [] as ResolveRequest[],
    resolve(request: ResolveRequest): Promise<ResolveOutcome> {
      self.requests.push(request);
      return new Promise((resolve) => waiting.push(() => resolve(outcome)));
    },
    answerAll: () => waiting.splice(0).forEach((answer) => answer()),
  };
  return self;
}

describe('hover within its budget', () => {
  const document = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, 'FROM ghcr.io/org/app:1\n');
  const settings = normalizeSettings({ hover: { timeout: 50 } });
  const text = async (service: ImagerefLanguageService) =>
    ((await service.hover(document, { line: 0, character: 8 }, settings))!.contents as MarkupContent).value;

  it('reads imageref.hover.timeout (default 1500 ms)', () => {
    assert.equal(normalizeSettings({}).hover.timeout, 1500);
    assert.equal(settings.hover.timeout, 50);
    assert.equal(normalizeSettings({ hover: { timeout: 'soon' } }).hover.timeout, 1500);
  });

  it('shows the parts and the registry it waits for; the lookup goes on and the next hover has the answer', async () => {
    const registry = heldRegistry(indexOutcome('a', [entry('linux/amd64', '1')]));
    const service = new ImagerefLanguageService({ registry });
    const started = Date.now();
    const first = await text(service);
    assert.ok(Date.now() - started < 1000);
    assert.match(first, /_Still waiting for ghcr\.io; hover again for the digest and platforms\._/);
    assert.match(first, /\| Repository \| `org\/app` \|/);
    registry.answerAll();
    await new Promise((resolve) => setImmediate(resolve));
    const second = await text(service);
    assert.match(second, new RegExp(`\\*\\*Digest:\\*\\* \`${digestOf('a')}\``));
    assert.equal(registry.requests.length, 1, 'the second hover asked nothing');
  });

  it('leads with the digest and the platforms, then the parts; Windows os.version gets a column', () => {
    const reference = analyzeReference(refIn('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'mcr.microsoft.com/windows/servercore:ltsc2022'));
    const windows = { ...entry('windows/amd64', '1'), osVersion: '10.0.20348.2582' };
    const md = hoverMarkdown(reference, { tag: indexOutcome('9', [windows, entry('unknown/unknown', '2', true)]) }, 0);
    const order = ['**Digest:**', '| Platform | OS version | Digest | Size |', '| windows/amd64 | 10.0.20348.2582 |', '| Registry |', '**Media type:**'].map((s) => md.indexOf(s));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), md);
  });
});
