import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatJson, formatText } from '../../server/src/cli/format';
import type { CheckedFile } from '../../server/src/cli/session';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/service/settings';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'dockerfile');
const GOLDEN = path.join(FIXTURES, 'golden', 'diagnostics.json');

/**
 * Every construct the Dockerfile path judges, several times over and in different places, so that a rule loop,
 * de-duplication, range conversion or output formatting that drops, reorders or rewrites one diagnostic shows here.
 */
function mixedDockerfile(): string {
  const lines = [
    '# syntax=docker/dockerfile:1',
    'ARG BASE=eclipse-temurin:21-jre',
    'ARG REG=ghcr.io',
    'ARG EMPTY=""',
    'ARG UNSET',
    'ARG TAG=latest',
    'ARG BAD=Org/App:1',
    '',
  ];
  const images = [
    'ubuntu', 'alpine:3.20', 'node:latest', 'Org/App:1', 'https://ghcr.io/org/app:1', 'eclipse-temurin:17@sha256:abc',
    'python:3.12-slim@sha256:' + 'ab'.repeat(32), 'gcr.io/distroless/java21-debian12:nonroot', 'registry.example.com:5000/team/base:1.2.3',
    'busybox@sha256:' + 'cd'.repeat(32), 'a//b:1', 'UPPER', 'x:-bad', '${BASE}', '$BASE', '${REG}/org/app:1', '${REG}/org/app',
    '${UNSET}/app:2', 'app:${UNSET}', '${EMPTY}alpine', 'alpine${EMPTY}', '${TAG:-x}', 'node:${TAG}', '${BAD}', 'scratch',
    'localhost:5000/app', '[::1]:5000/app:1', 'docker.io/library/alpine:3', 'index.docker.io/alpine', 'ALPINE:latest',
  ];
  for (let i = 0; i < 3; i++) {
    images.forEach((image, k) => {
      const n = i * images.length + k;
      if (n % 7 === 3) lines.push('# imageref-ignore unpinned');
      if (n % 11 === 5) lines.push('# imageref-ignore');
      lines.push(n % 5 === 1 ? `FROM --platform=linux/arm64 ${image} AS s${n}` : `FROM ${image} AS s${n}`);
      if (n % 3 === 0) lines.push(`COPY --from=${images[(k + 1) % images.length]} /a /b`);
      if (n % 3 === 1) lines.push(`RUN --mount=type=cache,target=/c,from=${images[(k + 2) % images.length]} make`);
      if (n % 3 === 2) lines.push(`COPY --from=s${n - 1} /a /b`);
      if (n % 4 === 0) lines.push('RUN echo \\', `  ${image} && true`);
    });
  }
  lines.push('FROM ${BASE} AS again', 'FROM ${BASE} AS again2', 'FROM s3', 'FROM', 'FROM ["json"]');
  return lines.join('\n') + '\n';
}

function cases(): Array<{ name: string; text: string }> {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.Dockerfile')).sort();
  return [{ name: 'mixed', text: mixedDockerfile() }, ...files.map((f) => ({ name: f, text: readFileSync(path.join(FIXTURES, f), 'utf8') }))];
}

function outputs(name: string, text: string, settings = DEFAULT_SETTINGS) {
  const document = TextDocument.create(`file:///golden/${name}`, 'dockerfile', 1, text);
  const service = new ImagerefLanguageService({});
  const { diagnostics } = service.validate(document, settings, {});
  const file: CheckedFile = { file: name, document, context: {}, settings, diagnostics };
  const entries = diagnostics.map((diagnostic) => ({ file, diagnostic, reference: service.referenceAt(document, diagnostic.range, {}) }));
  return { diagnostics, text: formatText([file]), json: formatJson(entries) };
}

function all() {
  const result: Record<string, unknown> = {};
  for (const { name, text } of cases()) result[name] = outputs(name, text);
  // Settings change severities and turn codes off: the published severity and the filtering must follow them.
  const settings = normalizeSettings({ rules: { unpinned: 'off', 'latest-tag': 'error', 'tag-and-digest': 'hint' } });
  result['mixed with rule settings'] = outputs('mixed', mixedDockerfile(), settings);
  return JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
}

describe('Dockerfile diagnostics, whole output (golden)', () => {
  it('the diagnostics, text and JSON output of the fixtures and a mixed Dockerfile are what they were', () => {
    const actual = all();
    if (process.env.IMAGEREF_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, JSON.stringify(actual, null, 1) + '\n');
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(actual), Object.keys(expected));
    for (const key of Object.keys(expected)) assert.deepEqual(actual[key], expected[key], key);
  });

  it('the mixed Dockerfile has every syntactic code and suppressed lines', () => {
    const { diagnostics } = outputs('mixed', mixedDockerfile());
    const codes = new Set(diagnostics.map((d) => d.code));
    for (const code of ['invalid-reference', 'scheme-prefix', 'tag-and-digest', 'implicit-latest', 'latest-tag', 'unpinned', 'malformed-file']) {
      assert.ok(codes.has(code), code);
    }
    assert.ok(diagnostics.length >= 100);
  });
});
