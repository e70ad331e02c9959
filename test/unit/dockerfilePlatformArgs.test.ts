import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { extractDockerfile } from '../../server/src/service/extract/dockerfile';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { fixture } from '../support/text';

const TEXT = fixture('dockerfile', 'platform-stages.Dockerfile');
const document = TextDocument.create('file:///p/Dockerfile', 'dockerfile', 1, TEXT);
const service = new ImagerefLanguageService({});

async function hoverAt(doc: TextDocument, needle: string, shift = 0) {
  const hover = await service.hover(doc, doc.positionAt(doc.getText().indexOf(needle) + shift), DEFAULT_SETTINGS);
  return hover && { markdown: (hover.contents as MarkupContent).value, text: doc.getText(hover.range!), line: hover.range!.start.line, character: hover.range!.start.character };
}

describe('Dockerfile: BuildKit platform ARGs and empty ARG defaults', () => {
  it('FROM binaries-$TARGETOS naming earlier stages is a stage, not an image', () => {
    const texts = extractDockerfile(TEXT).references.map((r) => r.text);
    assert.deepEqual(texts, [
      'docker/dockerfile:1.7@sha256:a57df69d0ea827fb7266491f2813635de6f17269be881f696fbfdf2d83dda33e',
      'golang:1.22-alpine@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aabde86486e',
      'alpine:3.20${DIGEST}',
    ]);
  });

  it('the hover of the stage-selecting FROM lists the stages it can select, with their lines', async () => {
    const hover = await hoverAt(document, 'binaries-$TARGETOS', 3);
    assert.deepEqual({ text: hover!.text, line: hover!.line, character: hover!.character }, { text: 'binaries-$TARGETOS', line: 18, character: 5 });
    assert.equal(hover!.markdown, [
      '**Build stage** (selected by platform)', '',
      "`binaries-$TARGETOS` names an earlier stage through BuildKit's platform ARG `TARGETOS`; it can select:", '',
      '- `binaries-darwin` (line 13)', '- `binaries-linux` (line 14)', '- `binaries-windows` (line 16)', '',
      '`TARGETOS` is set by BuildKit for each platform built: the OS of the target platform, e.g. `linux`.',
    ].join('\n'));
  });

  it('ARG DIGEST="": no error for the empty part, unresolved there, and the hover says where the value comes from', async () => {
    const diagnostics = service.validate(document, DEFAULT_SETTINGS).diagnostics;
    // Only the tag-and-digest advice of the pinned references on lines 1 and 5; nothing on line 21.
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['tag-and-digest', 0, 26, 30], ['tag-and-digest', 4, 31, 130]]);
    const hover = await hoverAt(document, 'alpine:3.20${DIGEST}');
    assert.deepEqual({ text: hover!.text, line: hover!.line, character: hover!.character }, { text: 'alpine:3.20${DIGEST}', line: 20, character: 5 });
    assert.match(hover!.markdown, /`alpine:3\.20\$\{DIGEST\}` uses a variable imageref cannot resolve; it is not checked\.\n\n`DIGEST` is declared with an empty default \(`ARG DIGEST=""`, line 3\): its value is passed with `--build-arg DIGEST=…`\.$/);
  });

  it('without the empty-default rule the empty part would be an error: `ARG DIGEST=sha256:…` pins, `${DIGEST:-…}` sees ""', () => {
    const refs = extractDockerfile('ARG D=""\nFROM alpine:3.20${D:-@sha256:' + 'a'.repeat(64) + '}\nFROM alpine:3.20${D+@x}\n').references;
    assert.deepEqual(refs.map((r) => [r.text, r.unresolved]), [['alpine:3.20@sha256:' + 'a'.repeat(64), false], ['alpine:3.20@x', false]]);
  });

  it('platform ARGs declared again without a value keep BuildKit\'s value; a default or a build argument replaces it', () => {
    const stages = 'FROM scratch AS out-amd64\nFROM scratch AS out-arm64\n';
    assert.deepEqual(extractDockerfile(`ARG TARGETARCH\n${stages}FROM out-\${TARGETARCH}\n`).references, []);
    assert.deepEqual(extractDockerfile(`ARG TARGETARCH=riscv64\n${stages}FROM out-\${TARGETARCH}\n`).references.map((r) => r.text), ['out-riscv64']);
    const external = { externalProperties: new Map([['TARGETARCH', 'amd64']]) };
    assert.deepEqual(extractDockerfile(`ARG TARGETARCH\n${stages}FROM out-$TARGETARCH\nFROM golang:1.22-$TARGETARCH\n`, external).references.map((r) => r.text), ['golang:1.22-amd64']);
  });

  it('COPY --from=build-$TARGETARCH selects a stage; a platform ARG in an image name is unresolved with a note', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build-amd64\nFROM alpine:3.20\nCOPY --from=build-$TARGETARCH /out /\nFROM golang:1.22-${TARGETOS}\n';
    const refs = extractDockerfile(text).references;
    assert.deepEqual(refs.map((r) => [r.text, r.unresolved, text.slice(r.span.start, r.span.end)]), [
      ['golang:1.22', false, 'golang:1.22'], ['alpine:3.20', false, 'alpine:3.20'], ['golang:1.22-${TARGETOS}', true, 'golang:1.22-${TARGETOS}'],
    ]);
    assert.deepEqual(refs[2].notes, ['`TARGETOS` is set by BuildKit for each platform built: the OS of the target platform, e.g. `linux`.']);
    const notes = extractDockerfile(text).notes!;
    assert.deepEqual(notes.map((n) => text.slice(n.span.start, n.span.end)), ['build-$TARGETARCH']);
  });
});
