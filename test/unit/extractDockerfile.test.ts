import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractDockerfile } from '../../server/src/service/extract/dockerfile';
import type { ExtractedReference, Platform } from '../../server/src/service/types';
import { fixture } from '../support/text';

function refs(text: string): ExtractedReference[] {
  return extractDockerfile(text).references;
}

function onlyRef(text: string): ExtractedReference {
  const found = refs(text);
  assert.equal(found.length, 1, `expected one reference, found ${JSON.stringify(found.map((r) => r.text))}`);
  return found[0];
}

interface Expected {
  text: string;
  /** The document text at `span`. */
  at: string;
  editable?: boolean;
  unresolved?: boolean;
  context?: string;
  platforms?: Platform[];
  platformsExplicit?: boolean;
  /** Variable name and the document text at `via.usedAt`. */
  via?: [string, string];
}

function assertRef(document: string, ref: ExtractedReference, expected: Expected): void {
  assert.equal(ref.text, expected.text);
  assert.equal(document.slice(ref.span.start, ref.span.end), expected.at);
  assert.equal(ref.editable, expected.editable ?? expected.text === expected.at);
  assert.equal(ref.unresolved, expected.unresolved ?? false);
  assert.equal(ref.context, expected.context ?? 'FROM');
  assert.deepEqual(ref.platforms, expected.platforms ?? []);
  assert.equal(ref.platformsExplicit, expected.platformsExplicit ?? (expected.platforms ?? []).length > 0);
  assert.equal(ref.role, 'base');
  assert.equal(ref.tool, 'dockerfile');
  assert.equal(ref.fileKind, 'dockerfile');
  if (expected.via) {
    assert.ok(ref.via, 'expected a via');
    assert.equal(ref.via.name, expected.via[0]);
    assert.equal(document.slice(ref.via.usedAt.start, ref.via.usedAt.end), expected.via[1]);
  } else {
    assert.equal(ref.via, undefined);
  }
}

function assertRefs(document: string, expected: Expected[]): void {
  const found = refs(document);
  assert.deepEqual(
    found.map((r) => r.text),
    expected.map((e) => e.text),
  );
  found.forEach((ref, i) => assertRef(document, ref, expected[i]));
}

describe('extractDockerfile', () => {
  describe('FROM', () => {
    it('reports a plain image at its text', () => {
      const text = 'FROM ubuntu:22.04\nRUN apt-get update\n';
      assertRef(text, onlyRef(text), { text: 'ubuntu:22.04', at: 'ubuntu:22.04' });
    });

    it('reads lowercase instructions and stage names', () => {
      const text = 'from python:3.12-slim as base\nfrom base\n';
      assertRefs(text, [{ text: 'python:3.12-slim', at: 'python:3.12-slim' }]);
    });

    it('keeps a digest in the reference', () => {
      const digest = 'sha256:' + 'a'.repeat(64);
      const text = `FROM alpine:3.20@${digest}\n`;
      assertRef(text, onlyRef(text), { text: `alpine:3.20@${digest}`, at: `alpine:3.20@${digest}` });
    });

    it('skips earlier stage names, case-insensitively', () => {
      const text = 'FROM maven:3.9-eclipse-temurin-21 AS Build\nFROM BUILD AS test\nFROM build\nFROM Test\n';
      assertRefs(text, [{ text: 'maven:3.9-eclipse-temurin-21', at: 'maven:3.9-eclipse-temurin-21' }]);
    });

    it('treats a name declared by a later stage as an image', () => {
      const text = 'FROM later\nFROM alpine AS later\n';
      assertRefs(text, [
        { text: 'later', at: 'later' },
        { text: 'alpine', at: 'alpine' },
      ]);
    });

    it('skips scratch', () => {
      assert.deepEqual(refs('FROM scratch\nCOPY app /app\n'), []);
    });

    it('finds the image on the line after a continuation', () => {
      const text = 'FROM \\\n  ubuntu:24.04 \\\n  AS base\n';
      const ref = onlyRef(text);
      assertRef(text, ref, { text: 'ubuntu:24.04', at: 'ubuntu:24.04' });
      assert.equal(ref.span.start, text.indexOf('ubuntu'));
    });

    it('honours the escape directive', () => {
      const text = '# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nRUN dir C:\\\n';
      assertRef(text, onlyRef(text), {
        text: 'mcr.microsoft.com/windows/servercore:ltsc2022',
        at: 'mcr.microsoft.com/windows/servercore:ltsc2022',
      });
    });

    it('computes offsets across CRLF line endings', () => {
      const text = 'FROM a:1\r\nRUN true\r\nFROM \\\r\n  b:2\r\n';
      const [first, second] = refs(text);
      assertRef(text, first, { text: 'a:1', at: 'a:1' });
      assertRef(text, second, { text: 'b:2', at: 'b:2' });
      assert.equal(second.span.start, text.indexOf('b:2'));
    });

    it('is not editable when the image word is split by a continuation', () => {
      const text = 'FROM ubun\\\ntu:22.04\n';
      assertRef(text, onlyRef(text), { text: 'ubuntu:22.04', at: 'ubun\\\ntu:22.04', editable: false });
    });

    it('removes quotes around the image and reports the span inside them', () => {
      const text = 'FROM "ubuntu:22.04" AS base\n';
      assertRef(text, onlyRef(text), { text: 'ubuntu:22.04', at: 'ubuntu:22.04' });
    });

    it('rejects the JSON form with a problem', () => {
      const text = 'FROM ["ubuntu:22.04"]\n';
      const result = extractDockerfile(text);
      assert.deepEqual(result.references, []);
      assert.equal(result.problems.length, 1);
      const span = result.problems[0].span;
      assert.equal(text.slice(span.start, span.end), '["ubuntu:22.04"]');
    });

    it('reports FROM without an image as a problem', () => {
      const text = 'FROM\nFROM --platform=linux/amd64\nFROM alpine\n';
      const result = extractDockerfile(text);
      assert.deepEqual(
        result.references.map((r) => r.text),
        ['alpine'],
      );
      assert.deepEqual(
        result.problems.map((p) => [text.slice(p.span.start, p.span.end), p.message]),
        [
          ['FROM', 'FROM requires an image name.'],
          ['FROM', 'FROM requires an image name.'],
        ],
      );
    });
  });

  describe('--platform', () => {
    it('reads a literal platform with a variant', () => {
      const text = 'FROM --platform=linux/arm64/v8 alpine:3.20\n';
      assertRef(text, onlyRef(text), {
        text: 'alpine:3.20',
        at: 'alpine:3.20',
        platforms: [{ os: 'linux', architecture: 'arm64', variant: 'v8' }],
        platformsExplicit: true,
      });
    });

    it('reads a comma-separated list and normalizes architecture aliases', () => {
      const text = 'FROM --platform=linux/amd64,linux/aarch64,windows/x86_64 alpine\n';
      assert.deepEqual(onlyRef(text).platforms, [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
        { os: 'windows', architecture: 'amd64' },
      ]);
    });

    it('reports no platforms for $BUILDPLATFORM, $TARGETPLATFORM and other variables', () => {
      const text =
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' +
        'FROM --platform=${TARGETPLATFORM} alpine\n' +
        'ARG P=linux/amd64\n' +
        'FROM --platform=${P:-linux/arm64} busybox\n';
      for (const ref of refs(text)) {
        assert.deepEqual(ref.platforms, []);
        assert.equal(ref.platformsExplicit, false);
      }
      assert.equal(refs(text).length, 3);
    });

    it('reports no platforms for an empty flag value', () => {
      const ref = onlyRef('FROM --platform= alpine\n');
      assert.deepEqual(ref.platforms, []);
      assert.equal(ref.platformsExplicit, false);
    });
  });

  describe('global ARGs in FROM', () => {
    it('reports a reference from one ARG default at the ARG value', () => {
      const text = 'ARG BASE=eclipse-temurin:21\nFROM ${BASE}\n';
      const ref = onlyRef(text);
      assertRef(text, ref, { text: 'eclipse-temurin:21', at: 'eclipse-temurin:21', via: ['BASE', '${BASE}'] });
      assert.ok(ref.span.start < text.indexOf('FROM'));
      assert.equal(ref.via?.usedAt.start, text.indexOf('${BASE}'));
    });

    it('reports the span inside double quotes of the ARG value', () => {
      const text = 'ARG BASE="eclipse-temurin:21"\nFROM $BASE\n';
      const ref = onlyRef(text);
      assertRef(text, ref, { text: 'eclipse-temurin:21', at: 'eclipse-temurin:21', via: ['BASE', '$BASE'] });
      assert.equal(ref.span.start, text.indexOf('"') + 1);
    });

    it('reports the span inside single quotes of the ARG value', () => {
      const text = "ARG BASE='eclipse-temurin:21'\nFROM ${BASE}\n";
      assertRef(text, onlyRef(text), { text: 'eclipse-temurin:21', at: 'eclipse-temurin:21', via: ['BASE', '${BASE}'] });
    });

    it('reads several ARGs on one line and reports a composed reference at the FROM text', () => {
      const text = 'ARG REGISTRY=ghcr.io/acme TAG="1.4.2"\nFROM ${REGISTRY}/app:${TAG} AS app\n';
      assertRef(text, onlyRef(text), {
        text: 'ghcr.io/acme/app:1.4.2',
        at: '${REGISTRY}/app:${TAG}',
        editable: false,
      });
    });

    it('marks an ARG without a default as unresolved and keeps ${VAR}', () => {
      const text = 'ARG REGISTRY=ghcr.io\nARG VERSION\nFROM $REGISTRY/app:$VERSION\n';
      assertRef(text, onlyRef(text), {
        text: 'ghcr.io/app:${VERSION}',
        at: '$REGISTRY/app:$VERSION',
        editable: false,
        unresolved: true,
      });
    });

    it('marks an unknown variable as unresolved', () => {
      const text = 'FROM ${TARGETARCH}/alpine:3.20\n';
      assertRef(text, onlyRef(text), {
        text: '${TARGETARCH}/alpine:3.20',
        at: '${TARGETARCH}/alpine:3.20',
        editable: false,
        unresolved: true,
      });
    });

    it('uses the ${VAR:-default} word when the ARG has no default, editable in place', () => {
      const text = 'ARG BASE\nFROM ${BASE:-eclipse-temurin:21-jre}\n';
      assertRef(text, onlyRef(text), { text: 'eclipse-temurin:21-jre', at: 'eclipse-temurin:21-jre' });
    });

    it('uses the ARG default over the ${VAR:-default} word', () => {
      const text = 'ARG BASE=ubuntu:24.04\nFROM ${BASE:-debian:12}\n';
      assertRef(text, onlyRef(text), { text: 'ubuntu:24.04', at: 'ubuntu:24.04', via: ['BASE', '${BASE:-debian:12}'] });
    });

    it('distinguishes ${VAR-x} from ${VAR:-x} for an empty ARG', () => {
      const text = 'ARG SUFFIX=\nFROM alpine:3.20${SUFFIX:--slim}\nFROM alpine:3.20${SUFFIX-slim}\n';
      assertRefs(text, [
        { text: 'alpine:3.20-slim', at: 'alpine:3.20${SUFFIX:--slim}', editable: false },
        { text: 'alpine:3.20', at: 'alpine:3.20' },
      ]);
    });

    it('implements ${VAR:+word}', () => {
      const text = 'ARG MIRROR=mirror.gcr.io NONE\nFROM ${MIRROR:+mirror.gcr.io/}library/nginx\nFROM ${NONE:+x/}nginx\n';
      assertRefs(text, [
        { text: 'mirror.gcr.io/library/nginx', at: '${MIRROR:+mirror.gcr.io/}library/nginx', editable: false },
        { text: 'nginx', at: 'nginx' },
      ]);
    });

    it('implements ${VAR%pattern} and ${VAR#pattern}', () => {
      const text = 'ARG V=1.2.3-alpine3.20\nFROM node:${V%-*}\nFROM node:${V##*-}\nFROM node:${V%%.*}\n';
      assertRefs(text, [
        { text: 'node:1.2.3', at: 'node:${V%-*}', editable: false },
        { text: 'node:alpine3.20', at: 'node:${V##*-}', editable: false },
        { text: 'node:1', at: 'node:${V%%.*}', editable: false },
      ]);
    });

    it('keeps ${VAR:?message} unresolved when the ARG has no default', () => {
      const text = 'ARG BASE\nFROM ${BASE:?required}\n';
      assertRef(text, onlyRef(text), {
        text: '${BASE:?required}',
        at: '${BASE:?required}',
        editable: false,
        unresolved: true,
      });
    });

    it('ignores ARGs redeclared inside a stage', () => {
      const text = 'ARG BASE=alpine:3.20\nFROM ${BASE} AS one\nARG BASE=debian:12\nFROM ${BASE}\n';
      const [first, second] = refs(text);
      assert.equal(first.text, 'alpine:3.20');
      assert.equal(second.text, 'alpine:3.20');
      assert.deepEqual(first.span, second.span);
    });

    it('reports an ARG used by two FROMs once for each use', () => {
      const text = 'ARG BASE=alpine:3.20\nFROM $BASE AS a\nFROM ${BASE}\n';
      const [first, second] = refs(text);
      assertRef(text, first, { text: 'alpine:3.20', at: 'alpine:3.20', via: ['BASE', '$BASE'] });
      assertRef(text, second, { text: 'alpine:3.20', at: 'alpine:3.20', via: ['BASE', '${BASE}'] });
      assert.notEqual(first.via?.usedAt.start, second.via?.usedAt.start);
    });

    it('expands ARG defaults that use earlier ARGs', () => {
      const text = 'ARG IMAGE=alpine:3.20\nARG BASE=${IMAGE}\nARG REG=ghcr.io\nARG APP=$REG/acme/app\nFROM $BASE\nFROM ${APP}\n';
      assertRefs(text, [
        { text: 'alpine:3.20', at: 'alpine:3.20', via: ['BASE', '$BASE'] },
        { text: 'ghcr.io/acme/app', at: '${APP}', editable: false, via: ['APP', '${APP}'] },
      ]);
    });

    it('skips a FROM whose ARG names an earlier stage', () => {
      const text = 'ARG BUILDER=build\nFROM golang:1.22 AS build\nFROM ${BUILDER}\n';
      assertRefs(text, [{ text: 'golang:1.22', at: 'golang:1.22' }]);
    });

    it('lets external properties override declared ARGs like --build-arg', () => {
      const text = 'ARG BASE=alpine:3.20\nFROM ${BASE}\nFROM ${OTHER:-busybox}\n';
      const context = { externalProperties: new Map([['BASE', 'debian:12'], ['OTHER', 'ignored:1']]) };
      const [first, second] = extractDockerfile(text, context).references;
      assertRef(text, first, { text: 'debian:12', at: '${BASE}', editable: false, via: ['BASE', '${BASE}'] });
      assertRef(text, second, { text: 'busybox', at: 'busybox' });
    });
  });

  describe('COPY --from and RUN --mount from', () => {
    it('reports an image in COPY --from', () => {
      const text = 'FROM gcr.io/distroless/static\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n';
      const found = refs(text);
      assert.equal(found.length, 2);
      assertRef(text, found[1], { text: 'busybox:1.36', at: 'busybox:1.36', context: 'COPY --from' });
    });

    it('skips stage names (any stage, any case) and stage indexes in COPY --from', () => {
      const text =
        'FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=0 /a /a\nCOPY --from=BUILD /b /b\n' +
        'COPY --from=later /c /c\nFROM alpine AS later\n';
      assert.deepEqual(
        refs(text).map((r) => r.context),
        ['FROM', 'FROM', 'FROM'],
      );
    });

    it('expands global ARGs in COPY --from', () => {
      const text = 'ARG TOOLS=busybox:1.36\nFROM alpine\nCOPY --from=${TOOLS} /bin/sh /bin/sh\n';
      assertRef(text, refs(text)[1], {
        text: 'busybox:1.36',
        at: 'busybox:1.36',
        context: 'COPY --from',
        via: ['TOOLS', '${TOOLS}'],
      });
    });

    it('reports bind and cache mounts with from, including the default type', () => {
      const text =
        'FROM alpine\n' +
        'RUN --mount=type=bind,from=golang:1.22,source=/usr/local/go,target=/go \\\n' +
        '    --mount=type=cache,target=/root/.cache,from=registry.example.com/cache:1 \\\n' +
        '    --mount=from=node:20,target=/node \\\n' +
        '    --mount=type=secret,id=npm,from=ignored:1 \\\n' +
        '    true\n';
      assertRefs(text, [
        { text: 'alpine', at: 'alpine' },
        { text: 'golang:1.22', at: 'golang:1.22', context: 'RUN --mount from' },
        { text: 'registry.example.com/cache:1', at: 'registry.example.com/cache:1', context: 'RUN --mount from' },
        { text: 'node:20', at: 'node:20', context: 'RUN --mount from' },
      ]);
    });

    it('reads quoted --mount values and upper-case keys', () => {
      const text = 'FROM alpine\nRUN --mount="type=bind,from=golang:1.22,target=/go" --mount=TYPE=cache,FROM=\'node:20\' true\n';
      assertRefs(text, [
        { text: 'alpine', at: 'alpine' },
        { text: 'golang:1.22', at: 'golang:1.22', context: 'RUN --mount from' },
        { text: 'node:20', at: 'node:20', context: 'RUN --mount from' },
      ]);
    });

    it('skips stages and indexes in --mount from and expands ARGs', () => {
      const text =
        'ARG GO=golang:1.22\nFROM alpine AS deps\n' +
        'RUN --mount=type=bind,from=deps,target=/d --mount=from=0,target=/z --mount=from=$GO,target=/go true\n';
      assertRefs(text, [
        { text: 'alpine', at: 'alpine' },
        { text: 'golang:1.22', at: 'golang:1.22', context: 'RUN --mount from', via: ['GO', '$GO'] },
      ]);
    });
  });

  describe('# syntax directive', () => {
    it('reports the syntax directive at the top of the file', () => {
      const text = '# syntax=docker/dockerfile:1\nFROM alpine\n';
      assertRefs(text, [
        { text: 'docker/dockerfile:1', at: 'docker/dockerfile:1', context: '# syntax' },
        { text: 'alpine', at: 'alpine' },
      ]);
    });

    it('reads only the first directive, with a BOM, spaces and CRLF', () => {
      const text = '\ufeff#syntax = docker.io/docker/dockerfile:1.7\r\n# syntax=other:1\r\nFROM alpine\r\n';
      assertRefs(text, [
        { text: 'docker.io/docker/dockerfile:1.7', at: 'docker.io/docker/dockerfile:1.7', context: '# syntax' },
        { text: 'alpine', at: 'alpine' },
      ]);
    });

    it('ignores syntax lines after a comment, a blank line or an instruction', () => {
      for (const text of [
        '# comment\n# syntax=docker/dockerfile:1\nFROM alpine\n',
        '\n# syntax=docker/dockerfile:1\nFROM alpine\n',
        'FROM alpine\n# syntax=docker/dockerfile:1\n',
      ]) {
        assert.deepEqual(
          refs(text).map((r) => r.context),
          ['FROM'],
          text,
        );
      }
    });
  });

  describe('text that is not an instruction', () => {
    it('ignores FROM inside heredocs', () => {
      const text = 'FROM alpine\nRUN <<EOF\nFROM not-an-image:1\nEOF\nCOPY <<-EOT /etc/motd\n\tFROM nope:2\n\tEOT\nFROM debian:12\n';
      assertRefs(text, [
        { text: 'alpine', at: 'alpine' },
        { text: 'debian:12', at: 'debian:12' },
      ]);
    });

    it('ignores comments, including commented-out FROM lines', () => {
      const text = '# FROM commented:1\nFROM alpine\n  # FROM indented:2\nRUN echo \\\n  # FROM in-continuation:3\n  hi\n';
      assertRefs(text, [{ text: 'alpine', at: 'alpine' }]);
    });

    it('does not throw on binary garbage or unterminated variables', () => {
      const text = '\u0000\u0001\ufffe FROM \u0000\nFROM ${UNCLOSED\nFROM ok:1\nCOPY --from= a b\nRUN --mount=from= true\n';
      const found = refs(text);
      assert.deepEqual(
        found.map((r) => [r.text, r.unresolved]),
        [
          ['${UNCLOSED', true],
          ['ok:1', false],
        ],
      );
    });

    it('never throws and keeps editable spans exact on random input', () => {
      const tokens = [
        'FROM ', 'from ', 'ARG ', 'COPY ', 'RUN ', '--from=', '--platform=', '--mount=', 'type=bind,', 'from=', 'AS ',
        'A=', 'B', '${A}', '$A', '${A:-x}', '${B:+y}', '${A%', '}', '"', "'", '\\', '`', '\n', '\r\n', ' ', '#',
        '# escape=`\n', '# syntax=', 'alpine:3', '/', ',', '<<EOF\n', 'EOF\n', '[', ']', '\u0000', 'é',
      ];
      const document = fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(document, (text) => {
          const result = extractDockerfile(text);
          for (const ref of result.references) {
            assert.ok(0 <= ref.span.start && ref.span.start <= ref.span.end && ref.span.end <= text.length);
            if (ref.editable) assert.equal(text.slice(ref.span.start, ref.span.end), ref.text);
          }
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('fixtures', () => {
    it('java-multistage: Maven build stage, JRE runtime, cache mounts without from', () => {
      const text = fixture('dockerfile', 'java-multistage.Dockerfile');
      assertRefs(text, [
        { text: 'docker/dockerfile:1.7', at: 'docker/dockerfile:1.7', context: '# syntax' },
        { text: 'maven:3.9-eclipse-temurin-21', at: 'maven:3.9-eclipse-temurin-21' },
        { text: 'eclipse-temurin:21-jre', at: 'eclipse-temurin:21-jre' },
      ]);
    });

    it('base-image-arg: ARG BASE_IMAGE pattern, composed registry reference, stage-local ARG', () => {
      const text = fixture('dockerfile', 'base-image-arg.Dockerfile');
      assertRefs(text, [
        { text: 'gradle:8.10-jdk21', at: 'gradle:8.10-jdk21', via: ['BUILDER_IMAGE', '${BUILDER_IMAGE}'] },
        {
          text: 'registry.example.com:5000/platform/otel-agent:${APP_VERSION}',
          at: '${REGISTRY}/platform/otel-agent:${APP_VERSION}',
          editable: false,
          unresolved: true,
        },
        {
          text: 'gcr.io/distroless/java21-debian12:nonroot',
          at: 'gcr.io/distroless/java21-debian12:nonroot',
          via: ['BASE_IMAGE', '$BASE_IMAGE'],
        },
      ]);
    });

    it('go-cross: $BUILDPLATFORM, distroless with a digest, COPY --from=busybox, bind mount from an image', () => {
      const text = fixture('dockerfile', 'go-cross.Dockerfile');
      const distroless =
        'gcr.io/distroless/static-debian12:nonroot@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02';
      assertRefs(text, [
        { text: 'docker/dockerfile:1', at: 'docker/dockerfile:1', context: '# syntax' },
        { text: 'golang:1.22-alpine', at: 'golang:${GO_VERSION}-alpine', editable: false },
        {
          text: distroless,
          at: distroless,
          platforms: [{ os: 'linux', architecture: 'arm64', variant: 'v8' }],
        },
        { text: 'busybox:1.36', at: 'busybox:1.36', context: 'COPY --from' },
        { text: 'alpine:3.20', at: 'alpine:3.20', context: 'RUN --mount from' },
      ]);
    });

    it('heredoc: text inside here-documents is not read, COPY --from=0 is a stage', () => {
      const text = fixture('dockerfile', 'heredoc.Dockerfile');
      assertRefs(text, [
        { text: 'docker/dockerfile:1.4', at: 'docker/dockerfile:1.4', context: '# syntax' },
        { text: 'debian:bookworm-slim', at: 'debian:bookworm-slim' },
        { text: 'nginx:1.27', at: 'nginx:1.27', context: 'COPY --from' },
      ]);
    });

    it('continuation-lowercase: late syntax comment, continued lowercase FROM, stage names in any case', () => {
      const text = fixture('dockerfile', 'continuation-lowercase.Dockerfile');
      assertRefs(text, [{ text: 'python:3.12-slim', at: 'python:3.12-slim' }]);
    });

    it('windows-crlf: escape directive, backtick continuation, CRLF line endings', () => {
      const text = fixture('dockerfile', 'windows-crlf.Dockerfile');
      assert.ok(text.includes('\r\n'), 'fixture must keep CRLF line endings');
      assertRefs(text, [
        {
          text: 'mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022',
          at: 'mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022',
        },
        {
          text: 'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022',
          at: 'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022',
        },
      ]);
    });

    it('node-crlf: ARG default with a platform list, continued FROM, CRLF line endings', () => {
      const text = fixture('dockerfile', 'node-crlf.Dockerfile');
      assert.ok(text.includes('\r\n'), 'fixture must keep CRLF line endings');
      assertRefs(text, [
        {
          text: 'node:20-alpine',
          at: 'node:20-alpine',
          via: ['BASE', '${BASE}'],
          platforms: [
            { os: 'linux', architecture: 'amd64' },
            { os: 'linux', architecture: 'arm64' },
          ],
        },
        { text: 'nginx:1.27-alpine', at: 'nginx:1.27-alpine' },
      ]);
    });

    it('malformed: finds what it can and reports FROM problems', () => {
      const text = fixture('dockerfile', 'malformed.Dockerfile', 'latin1');
      const result = extractDockerfile(text);
      assert.deepEqual(
        result.references.map((r) => r.text),
        ['alpine:3.20', '${UNCLOSED', 'ok:1'],
      );
      assert.equal(result.problems.length, 3);
    });
  });
});
