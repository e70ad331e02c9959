import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeReference } from '../../server/src/service/analysis';
import { extractCompose, readDotEnv } from '../../server/src/service/extract/compose';
import { extractGithubActions } from '../../server/src/service/extract/githubActions';
import { extractGitlabCi } from '../../server/src/service/extract/gitlabCi';
import { extractKubernetes } from '../../server/src/service/extract/kubernetes';
import { extractSkaffold } from '../../server/src/service/extract/skaffold';
import { fileKindOf } from '../../server/src/service/fileKind';
import { pinEdits, type SpanEdit } from '../../server/src/service/fixes';
import type { ExtractedReference, ExtractionResult } from '../../server/src/service/types';
import { digestOf } from '../support/outcomes';
import { at, fixture } from '../support/text';

const STACK = path.join('projects', 'petclinic-stack');
const read = (name: string) => fixture(STACK, name);

/** [context, role, text, what the span covers, editable, unresolved] of every reference. */
function rows(text: string, result: ExtractionResult) {
  return result.references.map((r) => [r.context, r.role, r.text, at(text, r.span), r.editable, r.unresolved]);
}

function apply(text: string, edits: SpanEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

const D = digestOf('a');

describe('YAML file kinds', () => {
  describe('Compose', () => {
    const text = read('compose.yaml');
    const env = new Map(readDotEnv(read('.env')));
    const result = extractCompose(text, { externalProperties: env });

    it('reads .env: comments, export, quotes', () => {
      assert.deepEqual([...env], [['POSTGRES_VERSION', '16.4'], ['REGISTRY', 'ghcr.io/petclinic'], ['APP_TAG', '3.3.0']]);
    });

    it('reads services.*.image: built images are targets, ${VAR} from .env, merges, the default of an unset variable', () => {
      assert.deepEqual(rows(text, result), [
        ['compose services.petclinic.image', 'target', 'ghcr.io/petclinic/petclinic:3.3.0', '${REGISTRY}/petclinic:${APP_TAG}', false, false],
        ['compose services.postgres.image', 'base', 'postgres:16.4', 'postgres:${POSTGRES_VERSION}', false, false],
        ['compose services.mysql.image', 'base', 'mysql:9.2', 'mysql:9.2', true, false],
        ['compose services.otel.image', 'base', 'grafana/otel-lgtm:0.8.1', 'grafana/otel-lgtm:0.8.1', true, false],
        ['compose services.adminer.image', 'base', 'adminer', 'adminer', true, false],
        ['compose services.mailpit.image', 'base', 'axllent/mailpit:latest', 'axllent/mailpit:latest', true, false],
      ]);
      assert.deepEqual(result.problems, []);
    });

    it('reads platform: and says through which variable a value came', () => {
      const mysql = result.references[2];
      assert.deepEqual(mysql.platforms, [{ os: 'linux', architecture: 'amd64' }]);
      assert.equal(mysql.platformsExplicit, true);
      assert.equal(result.references[1].via?.name, 'POSTGRES_VERSION');
      assert.equal(result.references[5].via?.name, 'MAILPIT_IMAGE');
    });

    it('leaves an unknown variable unresolved; without .env nothing is invented', () => {
      const alone = extractCompose(text);
      assert.deepEqual(alone.references.slice(0, 2).map((r) => [r.text, r.unresolved]), [
        ['${REGISTRY}/petclinic:${APP_TAG}', true], ['postgres:${POSTGRES_VERSION}', true],
      ]);
    });

    it('pins inside the quotes and keeps the comment after the value', () => {
      const pin = analyzeReference(result.references[3]);
      const pinned = apply(text, pinEdits(pin, D, 'auto', text));
      assert.match(pinned, new RegExp(`image: "grafana/otel-lgtm:0\\.8\\.1@${D}" # traces, metrics, logs\\n`));
      const digestOnly = apply(text, pinEdits(pin, D, 'digest', text));
      assert.match(digestOnly, new RegExp(`image: "grafana/otel-lgtm@${D}" # traces, metrics, logs\\n`), 'another comment is kept, no tag comment added');
      const mysql = apply(text, pinEdits(analyzeReference(result.references[2]), D, 'digest', text));
      assert.match(mysql, new RegExp(`image: 'mysql@${D}' # tag: 9\\.2\\n`));
    });

    it('does not read $$ as a variable', () => {
      const found = extractCompose('services:\n  a:\n    image: "reg$$x/app:1"\n', { externalProperties: new Map() });
      assert.equal(found.references[0].text, 'reg$x/app:1');
    });
  });

  describe('Kubernetes', () => {
    it('reads every container list of every document, CronJob templates included', () => {
      const text = read('k8s/petclinic.yaml');
      assert.deepEqual(rows(text, extractKubernetes(text)), [
        ['kubernetes Deployment initContainers[wait-for-db].image', 'base', 'busybox:1.36', 'busybox:1.36', true, false],
        ['kubernetes Deployment containers[petclinic].image', 'base', 'ghcr.io/petclinic/petclinic:3.3.0', 'ghcr.io/petclinic/petclinic:3.3.0', true, false],
        ['kubernetes StatefulSet containers[postgres].image', 'base', 'postgres', 'postgres', true, false],
        ['kubernetes CronJob containers[backup].image', 'base', 'https://docker.io/library/postgres:16.4', 'https://docker.io/library/postgres:16.4', true, false],
      ]);
    });

    it('reads ephemeralContainers and the items of a List', () => {
      const text = 'apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  spec:\n    ephemeralContainers:\n    - {name: debug, image: busybox:1.36}\n';
      assert.deepEqual(rows(text, extractKubernetes(text)).map((r) => r[0]), ['kubernetes List ephemeralContainers[debug].image']);
    });

    it('leaves Helm template values unresolved and reports no YAML problem for template lines', () => {
      const text = read('chart/templates/deployment.yaml');
      const result = extractKubernetes(text);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.references.map((r) => [r.text, r.unresolved, r.editable]), [
        ['{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}', true, false],
        ['{{ .Values.metrics.image }}', true, false],
        ['envoyproxy/envoy:v1.31.0', false, true],
      ]);
      assert.equal(analyzeReference(result.references[0]).parse, undefined, 'nothing is judged about a templated reference');
    });

    it('reads only the documents with apiVersion and kind, all of them in a file with none (named by the setting)', () => {
      const mixed = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: alpine:3\n---\nspec:\n  containers:\n  - image: busybox\n';
      assert.deepEqual(extractKubernetes(mixed).references.map((r) => r.text), ['alpine:3']);
      assert.deepEqual(extractKubernetes('spec:\n  containers:\n  - image: busybox\n').references.map((r) => [r.text, r.context]), [['busybox', 'kubernetes manifest containers.image']]);
    });

    it('the imageref.kubernetes.files setting makes any file a manifest', () => {
      assert.equal(fileKindOf('file:///w/deploy/app.yaml.tpl', undefined, 'spec: {}\n', ['deploy/*.tpl']), 'kubernetes');
      assert.equal(fileKindOf('file:///w/other/app.yaml.tpl', undefined, 'spec: {}\n', ['deploy/*.tpl']), undefined);
      assert.equal(fileKindOf('/abs/deploy/x.j2', undefined, undefined, ['**/deploy/*.j2']), 'kubernetes');
    });

    it('gives one clear problem for broken YAML and keeps what it could read', () => {
      const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: alpine:3\n    name: [unclosed\n';
      const result = extractKubernetes(text);
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0].message, /^This YAML does not parse: /);
    });
  });

  describe('GitHub Actions', () => {
    it('reads job containers, service images and docker:// steps; expressions are unresolved', () => {
      const text = read('.github/workflows/build.yml');
      assert.deepEqual(rows(text, extractGithubActions(text)), [
        ['workflow jobs.test.container', 'base', 'maven:3.9-eclipse-temurin-21', 'maven:3.9-eclipse-temurin-21', true, false],
        ['workflow jobs.test.services.postgres.image', 'base', 'postgres:16.4', 'postgres:16.4', true, false],
        ['workflow jobs.test.services.redis.image', 'base', '${{ matrix.redis }}', '${{ matrix.redis }}', false, true],
        ['workflow jobs.test step uses', 'base', 'hadolint/hadolint:latest', 'hadolint/hadolint:latest', true, false],
        ['workflow jobs.docs.container', 'base', 'node:20', 'node:20', true, false],
      ]);
    });
  });

  describe('GitLab CI', () => {
    it('reads image and services in both forms, default:, hidden jobs; a variable of the file is reported at its value', () => {
      const text = read('.gitlab-ci.yml');
      assert.deepEqual(rows(text, extractGitlabCi(text)), [
        ['gitlab-ci default.image', 'base', 'maven:3.9-eclipse-temurin-21', 'maven:3.9-eclipse-temurin-21', true, false],
        ['gitlab-ci test.services', 'base', 'postgres:16.4', 'postgres:16.4', true, false],
        ['gitlab-ci test.services', 'base', 'redis:latest', 'redis:latest', true, false],
        ['gitlab-ci release.image', 'base', 'gcr.io/kaniko-project/executor:debug', 'gcr.io/kaniko-project/executor:debug', true, false],
        ['gitlab-ci release.services', 'base', 'docker:27.3-dind', 'docker:${DOCKER_VERSION}-dind', false, false],
        ['gitlab-ci .deploy-template.image', 'base', '$CI_REGISTRY/tools/kubectl:1.31', '$CI_REGISTRY/tools/kubectl:1.31', false, true],
      ]);
    });
  });

  describe('Skaffold', () => {
    it('reads artifacts as targets and their base images (jib.fromImage by Jib rules), profiles too', () => {
      const text = read('skaffold.yaml');
      const result = extractSkaffold(text);
      assert.deepEqual(rows(text, result).map((r) => r.slice(0, 3)), [
        ['skaffold build.artifacts[0].image', 'target', 'ghcr.io/petclinic/petclinic'],
        ['skaffold build.artifacts[0].jib.fromImage', 'base', 'eclipse-temurin:21-jre'],
        ['skaffold build.artifacts[1].image', 'target', 'ghcr.io/petclinic/worker'],
        ['skaffold build.artifacts[1].buildpacks.builder', 'base', 'paketobuildpacks/builder-jammy-base:latest'],
        ['skaffold profiles[local].build.artifacts[0].image', 'target', `petclinic@sha256:${'a'.repeat(64)}`],
        ['skaffold profiles[local].build.artifacts[0].jib.fromImage', 'base', 'https://docker.io/library/eclipse-temurin:21'],
      ]);
      assert.equal(result.references[1].tool, 'jib');
    });
  });

  describe('file kinds', () => {
    it('by name and path, and Kubernetes by content', () => {
      const cases: Array<[string, string | undefined, string?]> = [
        ['compose.yaml', 'compose'], ['compose.yml', 'compose'], ['docker-compose.yml', 'compose'], ['docker-compose.prod.yaml', 'compose'],
        ['compose.override.yaml', 'compose'], ['docker-compose-ci.yml', 'compose'],
        ['.gitlab-ci.yml', 'gitlab-ci'], ['skaffold.yaml', 'skaffold'],
        ['file:///w/.github/workflows/build.yml', 'github-actions'], ['C:\\w\\.github\\workflows\\ci.yaml', 'github-actions'],
        ['file:///w/.github/dependabot.yml', undefined], ['file:///w/workflows/ci.yml', undefined],
        ['file:///w/k8s/app.yaml', 'kubernetes', 'apiVersion: v1\nkind: Pod\n'],
        ['file:///w/k8s/app.yaml', undefined, 'name: x\nkind: y\n'], ['file:///w/k8s/app.yaml', undefined],
        ['file:///w/mkdocs.yml', undefined, 'site_name: x\n'],
      ];
      for (const [name, kind, text] of cases) assert.equal(fileKindOf(name, undefined, text), kind, `${name} ${text ?? ''}`);
    });
  });

  it('every YAML reference has its file kind', () => {
    const all: ExtractedReference[] = [
      ...extractCompose(read('compose.yaml')).references, ...extractKubernetes(read('k8s/petclinic.yaml')).references,
      ...extractGithubActions(read('.github/workflows/build.yml')).references, ...extractGitlabCi(read('.gitlab-ci.yml')).references,
      ...extractSkaffold(read('skaffold.yaml')).references,
    ];
    assert.deepEqual([...new Set(all.map((r) => r.fileKind))], ['compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'skaffold']);
  });
});
