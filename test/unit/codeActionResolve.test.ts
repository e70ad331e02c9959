import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { analyzeText } from '../../server/src/service/analysis';
import { codeActions, shortDigest, type CodeActionInput } from '../../server/src/service/codeActions';
import { resolvePinAction } from '../../server/src/service/codeActionResolve';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { diagnose } from '../../server/src/service/validation';
import { digestOf } from '../support/outcomes';

const D = digestOf('b');
const TEXT = 'FROM https://ghcr.io/org/app:1\nFROM alpine:3.20\n';

function input(text: string, extra: Partial<CodeActionInput> = {}): CodeActionInput {
  const document = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 3, text);
  const analysis = analyzeText(text, 'dockerfile');
  const { diagnostics } = diagnose(document, analysis, DEFAULT_SETTINGS, undefined);
  return { document, analysis, diagnostics, pinStyle: 'auto', knownDigest: () => undefined, ...extra };
}

const applied = (i: CodeActionInput, action: CodeAction) => TextDocument.applyEdits(i.document, action.edit?.changes?.[i.document.uri] ?? []);

describe('code actions that need the registry: known digest, resolve later, or a bounded wait', () => {
  it('shortens a digest in titles to its first 12 hex digits; the edit writes it whole', async () => {
    assert.equal(shortDigest(`sha256:bab68b06a8c0${'1'.repeat(52)}`), 'sha256:bab68b06a8c0…');
    const i = input('FROM alpine:3.20\n', { knownDigest: () => D });
    const [pin] = await codeActions(i);
    assert.equal(pin.title, `Pin to digest ${D.slice(0, 19)}…`);
    assert.equal(applied(i, pin), `FROM alpine:3.20@${D}\n`);
  });

  it('a resolving client gets the pins at once with data and no edit, and never a lookup', async () => {
    let asked = 0;
    const i = input(TEXT, { resolvable: true, lookUpDigest: async () => (asked++, D) });
    const actions = await codeActions(i);
    assert.equal(asked, 0);
    const scheme = actions.find((a) => a.title === 'Remove `https://`')!;
    assert.ok(scheme.edit, 'offline fixes carry their edit');
    const pins = actions.filter((a) => a.kind === CodeActionKind.QuickFix && a.title.startsWith('Pin'));
    // `https://ghcr.io/org/app:1` has an error, so no pinning advice (one actionable problem per reference).
    assert.deepEqual(pins.map((a) => a.title), ['Pin to digest of tag `3.20`']);
    for (const pin of pins) assert.equal(pin.edit, undefined);
    const pinAll = actions.find((a) => a.kind === 'source.pinAll.imageref')!;
    assert.equal(pinAll.edit, undefined);
    assert.deepEqual(pinAll.data, { imageref: 'pin-all', uri: i.document.uri, version: 3 });
  });

  it('resolve computes the edit of one pin, and of pin-all; nothing when the document changed or no digest came', async () => {
    const i = input(TEXT, { resolvable: true });
    const actions = await codeActions(i);
    const pin = actions.find((a) => a.title === 'Pin to digest of tag `3.20`')!;
    const lookUpDigest = async () => D;
    const resolved = await resolvePinAction(pin, { ...i, lookUpDigest });
    assert.equal(applied(i, resolved), `FROM https://ghcr.io/org/app:1\nFROM alpine:3.20@${D}\n`);
    assert.equal(resolved.title, `Pin to digest ${shortDigest(D)}`);
    const all = await resolvePinAction(actions.find((a) => a.kind === 'source.pinAll.imageref')!, { ...i, lookUpDigest });
    assert.equal(applied(i, all), `FROM https://ghcr.io/org/app:1@${D}\nFROM alpine:3.20@${D}\n`);

    const newer = TextDocument.create(i.document.uri, 'dockerfile', 4, TEXT);
    assert.equal((await resolvePinAction(pin, { ...i, document: newer, lookUpDigest })).edit, undefined);
    assert.equal((await resolvePinAction(pin, { ...i, lookUpDigest: async () => undefined })).edit, undefined);
  });

  it('a client that cannot resolve gets the pins whose lookup answered in time, the offline fixes in any case', async () => {
    const i = input(TEXT, { lookUpDigest: async (r) => (r.body.startsWith('alpine') ? D : undefined) });
    const titles = (await codeActions(i)).map((a) => a.title);
    assert.deepEqual(titles, ['Remove `https://`', `Pin to digest ${shortDigest(D)}`, 'Pin all image references to digests']);
  });

  it('offers no pin to resolve when the registry already failed for the tag, nor pin-all when nothing is left to pin', async () => {
    const i = input('FROM alpine:3.20\n', { resolvable: true, lookupFailed: () => true });
    assert.deepEqual(await codeActions(i), []);
  });

  it('offline (no registry): a resolving client is offered no pin at all', async () => {
    const service = new ImagerefLanguageService({});
    const document = TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, TEXT);
    const { diagnostics } = service.validate(document, DEFAULT_SETTINGS);
    const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
    const actions = await service.codeActions(document, range, diagnostics, DEFAULT_SETTINGS, undefined, undefined, undefined, { resolvable: true });
    assert.deepEqual(actions.map((a) => a.title), ['Remove `https://`']);
  });
});
