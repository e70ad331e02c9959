/**
 * Generated YAML build files for the benchmarks (Compose, Kubernetes, GitHub Actions, GitLab CI, Skaffold), like
 * generate.ts: deterministic, references that trigger diagnostics mixed with pinned ones and with lines that carry
 * none, and `eclipse-temurin:21-jre` in every file (the editing benchmark types after it).
 */

const DIGEST = (i: number) => `sha256:${(i.toString(16).padStart(8, '0')).repeat(8)}`;
const IMAGES = ['eclipse-temurin:21-jre', 'alpine:3.20', 'ubuntu', 'node:latest', 'postgres:16@sha256:' + 'cd'.repeat(32),
  'ghcr.io/org/app:1.2.3', 'registry.example.com:5000/team/base:2', 'redis:7-alpine'];
const image = (i: number) => (i % 5 === 4 ? `eclipse-temurin:${17 + (i % 5)}-jre@${DIGEST(i)}` : IMAGES[i % IMAGES.length]);
const padding = (lines: number, indent: string, key = 'LABEL') =>
  Array.from({ length: Math.max(0, lines) }, (_, i) => `${indent}${key}_${i}: "value ${i}"`);

/** compose.yaml with `services` services (some built, some pulled), and `extra` environment lines in the first. */
export function compose(services: number, extra = 0): string {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < services; i++) {
    lines.push(`  svc${i}:`, `    image: ${image(i)}`);
    if (i % 3 === 1) lines.push('    build: .');
    if (i % 4 === 2) lines.push('    platform: linux/arm64');
    lines.push('    environment:', ...padding(i === 0 ? extra : 2, '      '));
  }
  return lines.join('\n') + '\n';
}

/** A Kubernetes manifest: `documents` Deployments of two containers and an init container each. */
export function kubernetes(documents: number, extra = 0): string {
  const docs: string[] = [];
  for (let i = 0; i < documents; i++) {
    docs.push([
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: app-${i}`, 'spec:', '  template:', '    spec:',
      '      initContainers:', `        - name: init`, `          image: ${image(i + 3)}`,
      '      containers:', `        - name: main`, `          image: ${image(i)}`, '          env:',
      ...(i === 0 ? padding(Math.floor(extra / 2), '            - name: ', 'VAR').map((l) => l.replace(/: "value/, '\n              value: "value')) : []),
      `        - name: sidecar`, `          image: ${image(i + 1)}`,
    ].join('\n'));
  }
  return docs.join('\n---\n') + '\n';
}

/** A GitHub Actions workflow: `jobs` jobs with a container, a service and a docker:// step. */
export function githubActions(jobs: number, extra = 0): string {
  const lines = ['name: ci', 'on: [push]', 'env:', ...padding(extra, '  '), 'jobs:'];
  for (let i = 0; i < jobs; i++) {
    lines.push(`  job${i}:`, '    runs-on: ubuntu-latest', `    container: ${image(i)}`, '    services:', '      db:',
      `        image: ${image(i + 4)}`, '    steps:', '      - uses: actions/checkout@v4', `      - uses: docker://${image(i + 1)}`,
      '      - run: make test');
  }
  return lines.join('\n') + '\n';
}

/** .gitlab-ci.yml: a default image, variables, and `jobs` jobs with their own image and services; `extra` script lines. */
export function gitlabCi(jobs: number, extra = 0): string {
  const lines = ['image: eclipse-temurin:21-jre', 'variables:', '  BASE: alpine:3.20', '  GRADLE_OPTS: "-Dorg.gradle.daemon=false"',
    'stages: [build, test]'];
  for (let i = 0; i < jobs; i++) {
    lines.push(`job${i}:`, '  stage: test', `  image: ${i % 3 === 0 ? '$BASE' : image(i)}`, '  services:',
      `    - name: ${image(i + 4)}`, '  script:', '    - make test');
    if (i === 0) lines.push(...Array.from({ length: Math.max(0, extra) }, (_, k) => `    - echo "step ${k}" && ./gradlew check -Pshard=${k}`));
  }
  return lines.join('\n') + '\n';
}

/** skaffold.yaml: `artifacts` artifacts built with Jib, buildpacks or ko, and profiles. */
export function skaffold(artifacts: number, extra = 0): string {
  const lines = ['apiVersion: skaffold/v4beta11', 'kind: Config', 'metadata:', '  name: bench', 'build:', '  artifacts:'];
  for (let i = 0; i < artifacts; i++) {
    lines.push(`    - image: registry.example.com/team/app-${i}`);
    if (i % 3 === 0) lines.push('      jib:', `        fromImage: ${image(i)}`);
    else if (i % 3 === 1) lines.push('      buildpacks:', `        builder: paketobuildpacks/builder-jammy-base:${i % 2 ? 'latest' : '0.4.' + i}`, `        runImage: paketobuildpacks/run-jammy-base@${DIGEST(i)}`);
    else lines.push('      ko:', `        fromImage: ${image(i)}`);
  }
  lines.push('deploy:', '  kubectl: {}', 'manifests:', '  rawYaml:', ...Array.from({ length: extra }, (_, i) => `    - k8s/m${i}.yaml`));
  return lines.join('\n') + '\n';
}

/** The generator `g(n, extra)` at about `lines` lines: 20 blocks and padding. */
export function ofLines(g: (n: number, extra: number) => string, lines: number): string {
  const head = g(20, 0).split('\n').length;
  return g(20, lines - head);
}
