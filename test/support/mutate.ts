/**
 * Mutations of build files for reliability tests: a corpus of real-looking files of every kind, edit operations
 * (random edits with the kind's own tokens, truncation, binary bytes, line-ending damage, long tokens, unterminated
 * strings and comments), and generators of pathological files (50 MB, deeply nested). Pure: no randomness of its own;
 * callers pass the choices (fast-check draws them, so failures shrink and replay by seed).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf } from '../../server/src/service/fileKind';
import type { FileKind } from '../../server/src/service/types';

export const KINDS: readonly FileKind[] = ['dockerfile', 'maven', 'gradle-groovy', 'gradle-kotlin', 'compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'skaffold', 'java', 'kotlin', 'groovy', 'quarkus-properties', 'quarkus-yaml'];

export const URIS: Record<FileKind, string> = {
  dockerfile: 'file:///mutated/Dockerfile',
  maven: 'file:///mutated/pom.xml',
  'gradle-groovy': 'file:///mutated/build.gradle',
  'gradle-kotlin': 'file:///mutated/build.gradle.kts',
  compose: 'file:///mutated/compose.yaml',
  kubernetes: 'file:///mutated/deployment.yaml',
  'github-actions': 'file:///mutated/.github/workflows/ci.yml',
  'gitlab-ci': 'file:///mutated/.gitlab-ci.yml',
  skaffold: 'file:///mutated/skaffold.yaml',
  java: 'file:///mutated/src/test/java/AppTests.java',
  kotlin: 'file:///mutated/src/test/kotlin/AppTests.kt',
  groovy: 'file:///mutated/src/test/groovy/AppSpec.groovy',
  'quarkus-properties': 'file:///mutated/src/main/resources/application.properties',
  'quarkus-yaml': 'file:///mutated/src/main/resources/application.yaml',
};

export const FILE_NAMES: Record<FileKind, string> = {
  dockerfile: 'Dockerfile',
  maven: 'pom.xml',
  'gradle-groovy': 'build.gradle',
  'gradle-kotlin': 'build.gradle.kts',
  compose: 'compose.yaml',
  kubernetes: 'deployment.yaml',
  'github-actions': '.github/workflows/ci.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  skaffold: 'skaffold.yaml',
  java: 'AppTests.java',
  kotlin: 'AppTests.kt',
  groovy: 'AppSpec.groovy',
  'quarkus-properties': 'application.properties',
  'quarkus-yaml': 'application.yaml',
};

const D = (c: string) => `sha256:${c.repeat(64)}`;

/** Hand-written seeds that put every construct the extractors know on a few lines. */
const SEEDS: Record<FileKind, string[]> = {
  dockerfile: [
    `# syntax=docker/dockerfile:1.7\nARG BASE=eclipse-temurin:21\nARG REG=ghcr.io\nFROM --platform=$BUILDPLATFORM \${BASE} AS build\n` +
      `FROM \${REG}/org/app:1.0@${D('a')} AS app\nFROM https://ghcr.io/Org/App:1\nFROM build\nCOPY --from=busybox:1.36 /bin/sh /sh\n` +
      `RUN --mount=type=cache,from=alpine:latest,target=/c echo \\\n  hi\nRUN <<EOF\nFROM not-a-stage\nEOF\nFROM scratch\n`,
    `FROM alpine\r\nFROM alpine:latest\r\nFROM localhost:5000/team/app@${D('b')}\r\nFROM [::1]:5000/x:1\r\n`,
  ],
  maven: [
    `<?xml version="1.0" encoding="UTF-8"?>\n<project>\n  <properties>\n    <jib.from.image>eclipse-temurin:17@${D('c')}</jib.from.image>\n` +
      `    <base>ghcr.io/org/base:2</base>\n  </properties>\n  <build><plugins>\n    <plugin>\n      <artifactId>jib-maven-plugin</artifactId>\n` +
      `      <configuration>\n        <from><image>\${base}</image><platforms><platform><os>linux</os><architecture>arm64</architecture></platform></platforms></from>\n` +
      `        <to><image>reg.example.com/app@${D('d')}</image></to>\n      </configuration>\n    </plugin>\n    <plugin>\n` +
      `      <artifactId>spring-boot-maven-plugin</artifactId>\n      <configuration><image><builder>paketobuildpacks/builder:latest</builder>` +
      `<runImage>paketobuildpacks/run</runImage><name>reg.example.com/app:\${project.version}</name></image></configuration>\n    </plugin>\n` +
      `    <!-- <plugin><from><image>commented:1</image></from></plugin> -->\n  </plugins></build>\n</project>\n`,
  ],
  'gradle-groovy': [
    `plugins { id 'com.google.cloud.tools.jib' version '3.4.0' }\ndef base = 'eclipse-temurin:17'\next.reg = "ghcr.io/org"\n` +
      `jib {\n  from {\n    image = base // tag: 16\n    platforms { platform { architecture = 'arm64'; os = 'linux' } }\n  }\n` +
      `  to { image = "\${reg}/app:\${version}" }\n}\njib.from.image = 'alpine:3.19'\n` +
      `bootBuildImage {\n  builder = "paketobuildpacks/builder:latest"\n  runImage = 'paketobuildpacks/run'\n  imageName = "reg.io/a@${D('e')}"\n}\n` +
      `/* jib { from { image = 'commented:1' } } */\ndef s = """multi\n line"""\n`,
  ],
  'gradle-kotlin': [
    `plugins { id("com.google.cloud.tools.jib") version "3.4.0" }\nval base by extra("eclipse-temurin:21-jre")\nval reg = "ghcr.io/org"\n` +
      `jib {\n  from {\n    image = base\n    platforms { platform { architecture = "arm64"; os = "linux" } }\n  }\n` +
      `  to { image = "$reg/app:\${project.version}" }\n}\ntasks.named<org.springframework.boot.gradle.tasks.bundling.BootBuildImage>("bootBuildImage") {\n` +
      `  runImage.set("paketobuildpacks/run:latest")\n  imageName.set("reg.io/App@${D('f')}")\n}\n// jib.from.image = "commented"\n`,
  ],
  compose: [
    `x-base: &base\n  image: "eclipse-temurin:21-jre" # base\nservices:\n  app:\n    build: .\n    image: ghcr.io/org/app:\${TAG:-1.0}\n` +
      `  db:\n    image: postgres:16@${D('a')}\n    platform: linux/arm64\n  cache:\n    <<: *base\n  web:\n    image: 'https://docker.io/library/nginx'\n` +
      `  old:\n    image: \${REGISTRY}/tools/old:latest\n`,
  ],
  kubernetes: [
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: init\n        image: busybox\n` +
      `      containers:\n      - name: app\n        image: "ghcr.io/org/app:1.0@${D('b')}"\n---\napiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n` +
      `      template:\n        spec:\n          containers:\n          - image: {{ .Values.image }}\n{{- if .Values.extra }}\n          - image: alpine:latest\n{{- end }}\n`,
  ],
  'github-actions': [
    `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: node:20\n    services:\n      db:\n        image: postgres:16\n` +
      `      redis:\n        image: \${{ matrix.redis }}\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://alpine:3.20\n`,
  ],
  'gitlab-ci': [
    `variables:\n  BASE: eclipse-temurin:21\nimage: maven:3.9\nservices:\n  - postgres:16\n  - name: redis:latest\n    alias: cache\n` +
      `build:\n  image:\n    name: $BASE\n    entrypoint: [""]\n  script: [mvn verify]\ndeploy:\n  image: $CI_REGISTRY_IMAGE/tools:1\n`,
  ],
  skaffold: [
    `apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: ghcr.io/org/app\n    jib:\n      fromImage: eclipse-temurin:21@${D('c')}\n` +
      `  - image: ghcr.io/org/web\n    buildpacks:\n      builder: paketobuildpacks/builder-jammy-base:latest\nprofiles:\n- name: dev\n  build:\n    artifacts:\n    - image: app\n`,
  ],
  java: [
    `package app;\n\nimport org.testcontainers.containers.GenericContainer;\nimport org.testcontainers.utility.DockerImageName;\n\n` +
      `class AppTests {\n  static final String REDIS = "redis:7.4";\n  // new GenericContainer<>("commented:1")\n  @Container\n` +
      `  static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16@${D('a')}"));\n` +
      `  static GenericContainer<?> redis = new GenericContainer<>(REDIS).withExposedPorts(6379);\n` +
      `  static KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka").withTag("3.8.0"));\n` +
      `  static String text = """\n    new GenericContainer<>("in-a-text-block")\n    """;\n` +
      `  DockerImageName custom = DockerImageName.parse("https://ghcr.io/Org/pg:16").asCompatibleSubstituteFor("postgres");\n}\n`,
  ],
  kotlin: [
    `import org.testcontainers.containers.GenericContainer\n\nconst val IMAGE = "mysql:8.4"\n/* /* nested */ MySQLContainer("x") */\n` +
      `class AppTests {\n  val mysql = MySQLContainer<Nothing>(IMAGE)\n  val redis = GenericContainer<Nothing>(DockerImageName.parse("redis:latest"))\n` +
      `  val raw = """GenericContainer("raw")"""\n  val tpl = GenericContainer<Nothing>("$IMAGE-x")\n}\n`,
  ],
  groovy: [
    `import org.testcontainers.containers.GenericContainer\nimport spock.lang.Specification\n\nclass AppSpec extends Specification {\n` +
      `  static final IMAGE = 'nginx:1.27'\n  @Shared GenericContainer nginx = new GenericContainer(IMAGE)\n` +
      `  def pg = new PostgreSQLContainer("postgres")\n  def s = '''new GenericContainer("in-a-string")'''\n  def g = "\${IMAGE}"\n}\n`,
  ],
  'quarkus-properties': [
    `# Quarkus\nquarkus.application.name=petclinic\nquarkus.jib.base-jvm-image=registry.access.redhat.com/ubi9/openjdk-21-runtime:1.21\n` +
      `quarkus.jib.platforms=linux/amd64,linux/arm64\n%prod.quarkus.jib.base-native-image=https://quay.io/quarkus/quarkus-micro-image:2.0\n` +
      `quarkus.container-image.registry=ghcr.io\nquarkus.container-image.group=petclinic\nquarkus.container-image.tag=\${BUILD_TAG:1.0}\n` +
      `long.value=a \\\n  b\n! another comment\n`,
  ],
  'quarkus-yaml': [
    `quarkus:\n  application:\n    name: petclinic\n  jib:\n    base-jvm-image: "eclipse-temurin:21-jre@${D('a')}" # pinned\n` +
      `  container-image:\n    image: ghcr.io/petclinic/app@${D('b')}\n"%prod":\n  quarkus:\n    jib:\n      base-native-image: quay.io/quarkus/quarkus-micro-image\n`,
  ],
};

const YAML_TOKENS = [':', ': ', '- ', '"', "'", '#', '&a ', '*a', '<<: ', '{', '}', '[', ']', '|', '>', '\t', '\n', '  ', 'image: ', '${', '}', '$', '@sha256:', '!!str ', '%YAML 1.2\n', '---\n', '...\n'];
const SOURCE_TOKENS = ['{', '}', '(', ')', '<', '>', '<>', '"', '"""', '/*', '*/', '//', ';', ',', '.', '=', '@', '\\', '\n',
  'new GenericContainer<>(', 'DockerImageName.parse(', '.asCompatibleSubstituteFor(', 'static final String X = ', '"postgres:16"', 'testcontainers'];
const SOURCE_UNTERMINATED = ['/* never closed', '"never closed', '"""\nnever closed', 'new GenericContainer<>("alpine', 'DockerImageName.parse(', 'new X<<<<('];
const YAML_UNTERMINATED = ['image: "never closed', "image: 'never closed", 'image: [a, b', 'image: {a: b', 'image: |\n', 'image: ${X', '&anchor', '*missing'];

/** Tokens that open or close the constructs of each kind: inserted at random, they make near-valid files. */
export const TOKENS: Record<FileKind, string[]> = {
  dockerfile: ['FROM ', 'FROM alpine', ' AS x', 'ARG X=', '${', '}', '$', '\\\n', '"', "'", '#', '# syntax=', '<<EOF\n', '\nEOF\n',
    '--platform=', '--from=', 'COPY --from=', 'RUN --mount=from=', '@sha256:', ':', '/', '\t', '\n'],
  maven: ['<', '>', '</', '/>', '<image>', '</image>', '<from>', '</from>', '<to>', '<!--', '-->', '<![CDATA[', ']]>', '${', '}',
    '&amp;', '&#x0;', '&bogus;', '<?xml ', '?>', '<!DOCTYPE x [<!ENTITY e "e">]>', '"', "'", '<project>', '</project>', '\n'],
  'gradle-groovy': ['{', '}', '(', ')', '"', "'", '"""', "'''", '/*', '*/', '//', '${', '$', '\\', 'image = ', 'jib {', 'from {', 'to {',
    "image 'a:1'", '=', ';', '\n', '/', '$/', '/$', 'def x = ', 'ext.'],
  'gradle-kotlin': ['{', '}', '(', ')', '"', '"""', '/*', '*/', '//', '${', '$', '\\', 'image = ', 'jib {', 'from {', '.set(',
    'val x by extra(', '=', ';', '\n', 'image.set("a:1")', '<', '>', '`'],
  compose: YAML_TOKENS,
  kubernetes: [...YAML_TOKENS, 'containers:\n', '- image: ', '---\n', '{{ ', ' }}', 'apiVersion: v1\nkind: Pod\n'],
  'github-actions': [...YAML_TOKENS, 'container: ', '${{ ', 'uses: docker://'],
  'gitlab-ci': [...YAML_TOKENS, 'services:\n  - ', 'name: ', '$CI_'],
  skaffold: [...YAML_TOKENS, 'artifacts:\n', 'fromImage: '],
  java: SOURCE_TOKENS,
  kotlin: [...SOURCE_TOKENS, 'val x = ', '"${', '$'],
  groovy: [...SOURCE_TOKENS, "'''", "'", 'def x = ', '"${'],
  'quarkus-properties': ['=', ':', ' ', '\\\n', '\\', '#', '!', '\n', '%prod.', 'quarkus.jib.base-jvm-image=', 'quarkus.container-image.', '${', '}', '\\u0041'],
  'quarkus-yaml': [...YAML_TOKENS, 'quarkus:\n', 'jib:\n', 'base-jvm-image: ', '"%dev":\n'],
};


/** Unterminated constructs appended to a file, per kind. */
export const UNTERMINATED: Record<FileKind, string[]> = {
  dockerfile: ['FROM "alpine', "FROM 'alpine", 'RUN <<EOF\nFROM x\n', 'FROM alpine \\', 'ARG X="unterminated', 'FROM ${X', '# syntax=docker/dockerfile:1 \\'],
  maven: ['<!-- never closed', '<![CDATA[ never closed', '<image>alpine', '<from><image>alpine:1</image', '<?xml version="1.0"', '<a b="c', '${x'],
  'gradle-groovy': ['/* never closed', '"never closed', "'never closed", '"""never closed', "'''never", 'image = "${x', 'jib { from {', '$/ slashy'],
  'gradle-kotlin': ['/* never closed', '"never closed', '"""never closed', 'image = "${x', 'jib { from {', 'image.set("a:1"', 'val x by extra('],
  compose: YAML_UNTERMINATED,
  kubernetes: [...YAML_UNTERMINATED, '{{ if', 'containers:\n- image: "a'],
  'github-actions': [...YAML_UNTERMINATED, 'container: ${{ matrix'],
  'gitlab-ci': YAML_UNTERMINATED,
  skaffold: YAML_UNTERMINATED,
  java: SOURCE_UNTERMINATED,
  kotlin: SOURCE_UNTERMINATED,
  groovy: [...SOURCE_UNTERMINATED, "'''never closed"],
  'quarkus-properties': ['quarkus.jib.base-jvm-image=alpine\\', 'quarkus.container-image.tag=${x', 'quarkus.jib.base-jvm-image=\\u00'],
  'quarkus-yaml': [...YAML_UNTERMINATED, 'quarkus:\n  jib:\n    base-jvm-image: "a'],
};


/** The seeds plus the repository's fixtures of that kind (read from the source tree, not out/). */
export function corpus(kind: FileKind): string[] {
  const fixtures = path.resolve(__dirname, '../../../test/fixtures');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (kindOfFixture(name) === kind) files.push(readFileSync(full, 'utf8'));
      else if (/\.ya?ml$/.test(name) && fileKindOf(full, undefined, readFileSync(full, 'utf8')) === kind) files.push(readFileSync(full, 'utf8'));
    }
  };
  try {
    walk(fixtures);
  } catch {
    // No fixtures: the seeds are enough.
  }
  return [...SEEDS[kind], ...files];
}

function kindOfFixture(name: string): FileKind | undefined {
  if (name.endsWith('.gradle.kts')) return 'gradle-kotlin';
  if (name.endsWith('.gradle')) return 'gradle-groovy';
  if (name.endsWith('pom.xml')) return 'maven';
  if (/dockerfile/i.test(name)) return 'dockerfile';
  if (name.endsWith('.java')) return 'java';
  if (name.endsWith('.kt')) return 'kotlin';
  if (name.endsWith('.groovy')) return 'groovy';
  return undefined;
}

/**
 * One edit. Positions and lengths are fractions/raw numbers drawn by the caller and folded into the text's length,
 * so that any draw is valid for any text.
 */
export type Mutation =
  | { op: 'insert-token'; at: number; token: number }
  | { op: 'insert-text'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'move'; from: number; length: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'binary'; at: number; bytes: number[] }
  | { op: 'line-endings'; style: 'crlf' | 'cr' | 'mixed' }
  | { op: 'long-token'; at: number; length: number; char: number }
  | { op: 'unterminated'; which: number; at: number }
  | { op: 'case'; at: number; length: number };

const LONG_CHARS = ['a', '/', ':', '$', '{', '<', '"', ' ', '-', '9'];

export function applyMutation(text: string, m: Mutation, kind: FileKind): string {
  const pos = (n: number) => (text.length === 0 ? 0 : Math.abs(n) % (text.length + 1));
  switch (m.op) {
    case 'insert-token': {
      const at = pos(m.at);
      const tokens = TOKENS[kind];
      return text.slice(0, at) + tokens[Math.abs(m.token) % tokens.length] + text.slice(at);
    }
    case 'insert-text': {
      const at = pos(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'duplicate': {
      const at = pos(m.at);
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    }
    case 'move': {
      const from = pos(m.from);
      const piece = text.slice(from, from + m.length);
      const rest = text.slice(0, from) + text.slice(from + m.length);
      const to = rest.length === 0 ? 0 : Math.abs(m.to) % (rest.length + 1);
      return rest.slice(0, to) + piece + rest.slice(to);
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'binary': {
      const at = pos(m.at);
      // Bytes as a latin1 string, plus a few UTF-16 oddities an editor can hand over: lone surrogates, BOM, U+FFFD.
      const odd = ['\ud800', '\udfff', '\ufeff', '\ufffd', '\u2028'];
      const inserted = m.bytes.map((b) => (b >= 250 ? odd[b - 250] : String.fromCharCode(b))).join('');
      return text.slice(0, at) + inserted + text.slice(at);
    }
    case 'line-endings':
      if (m.style === 'crlf') return text.replace(/\r?\n/g, '\r\n');
      if (m.style === 'cr') return text.replace(/\r?\n/g, '\r');
      return text.replace(/\n/g, (_, i: number) => (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n'));
    case 'long-token': {
      const at = pos(m.at);
      return text.slice(0, at) + LONG_CHARS[Math.abs(m.char) % LONG_CHARS.length].repeat(m.length) + text.slice(at);
    }
    case 'unterminated': {
      const list = UNTERMINATED[kind];
      const at = pos(m.at);
      return text.slice(0, at) + list[Math.abs(m.which) % list.length];
    }
    case 'case': {
      const at = pos(m.at);
      const piece = text.slice(at, at + m.length);
      const flipped = piece === piece.toUpperCase() ? piece.toLowerCase() : piece.toUpperCase();
      return text.slice(0, at) + flipped + text.slice(at + m.length);
    }
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[], kind: FileKind): string {
  return mutations.reduce((acc, m) => applyMutation(acc, m, kind), text);
}

/** Repeat `unit` to exactly `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export type BigShape = 'references' | 'one-line' | 'comment' | 'unterminated' | 'binary';

/** A file of `size` characters of one shape: many references, one huge line, one huge comment, … */
export function bigFile(kind: FileKind, shape: BigShape, size: number): string {
  const unit: Record<FileKind, Record<BigShape, [string, string, string]>> = {
    dockerfile: {
      references: ['', 'FROM alpine:3.19 AS s\nRUN echo hi\n', ''],
      'one-line': ['FROM ', 'a', '\n'],
      comment: ['', '# just a comment line\n', ''],
      unterminated: ['FROM alpine\nRUN <<EOF\n', 'FROM x\n', ''],
      binary: ['FROM alpine\n', '\u0000\u00ff\ufffd', ''],
    },
    maven: {
      references: ['<project><build><plugins>', '<plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>alpine:3</image></from></configuration></plugin>\n', '</plugins></build></project>'],
      'one-line': ['<project><properties><p>', 'a', '</p></properties></project>'],
      comment: ['<project><!--', ' comment ', '--></project>'],
      unterminated: ['<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>alpine', 'x', ''],
      binary: ['<project>', '\u0000\u00ff\ufffd', ''],
    },
    'gradle-groovy': {
      references: ['', "jib { from { image = 'alpine:3' } }\n", ''],
      'one-line': ["def x = '", 'a', "'\n"],
      comment: ['/*', ' comment ', '*/'],
      unterminated: ['jib { from { image = "alpine', 'x', ''],
      binary: ['jib {', '\u0000\u00ff\ufffd', ''],
    },
    'gradle-kotlin': {
      references: ['', 'jib { from { image = "alpine:3" } }\n', ''],
      'one-line': ['val x = "', 'a', '"\n'],
      comment: ['/*', ' comment ', '*/'],
      unterminated: ['jib { from { image = """alpine', 'x', ''],
      binary: ['jib {', '\u0000\u00ff\ufffd', ''],
    },
    compose: yamlShapes('services:\n', (i) => `  s${i}:\n    image: alpine:3\n`),
    kubernetes: yamlShapes('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n', () => '    - image: alpine:3\n', 'apiVersion: v1\nkind: Pod\n'),
    'github-actions': yamlShapes('jobs:\n', (i) => `  j${i}:\n    container: alpine:3\n`),
    'gitlab-ci': yamlShapes('', (i) => `j${i}:\n  image: alpine:3\n`),
    skaffold: yamlShapes('build:\n  artifacts:\n', () => '  - image: app\n    jib: {fromImage: alpine:3}\n'),
    java: sourceShapes('static GenericContainer<?> c = new GenericContainer<>("alpine:3");\n'),
    kotlin: sourceShapes('val c = GenericContainer<Nothing>("alpine:3")\n'),
    groovy: sourceShapes("def c = new GenericContainer('alpine:3')\n"),
    'quarkus-properties': {
      references: ['quarkus.application.name=x\n', '%p.quarkus.jib.base-jvm-image=alpine:3\n', ''],
      'one-line': ['quarkus.application.name=x\nkey=', 'a', '\n'],
      comment: ['quarkus.application.name=x\n', '# just a comment line\n', ''],
      unterminated: ['quarkus.application.name=x\nquarkus.jib.base-jvm-image=alpine\\\n', 'x\\\n', ''],
      binary: ['quarkus.application.name=x\n', '\u0000\u00ff\ufffd', ''],
    },
    'quarkus-yaml': yamlShapes('quarkus:\n  jib:\n', () => '    base-jvm-image: alpine:3\n', 'quarkus.application.name: x\n'),
  };
  const [head, body, tail] = unit[kind][shape];
  return head + fill(body, Math.max(0, size - head.length - tail.length)) + tail;
}

/** The big shapes of a YAML kind: `unit(0)` repeated under `head` (the keys repeat, which YAML allows here). */
function yamlShapes(head: string, unit: (i: number) => string, header = ''): Record<BigShape, [string, string, string]> {
  return {
    references: [head, unit(0), ''],
    'one-line': [header + 'key: "', 'a', '"\n'],
    comment: [header, '# just a comment line\n', ''],
    unterminated: [head + '  x:\n    image: "alpine', 'x', ''],
    binary: [head, '\u0000\u00ff\ufffd', ''],
  };
}

/** The big shapes of a source file that mentions testcontainers. */
function sourceShapes(unit: string): Record<BigShape, [string, string, string]> {
  const head = 'import org.testcontainers.containers.GenericContainer;\nclass T {\n';
  return {
    references: [head, unit, '}\n'],
    'one-line': [head + 'String x = "', 'a', '";}\n'],
    comment: [head + '/*', ' comment ', '*/}\n'],
    unterminated: [head + 'new GenericContainer<>("alpine', 'x', ''],
    binary: [head, '\u0000\u00ff\ufffd', ''],
  };
}

/** `levels` levels of nesting in the kind's own syntax (elements, blocks, variable expansions). */
export function deeplyNested(kind: FileKind, levels: number): string {
  switch (kind) {
    case 'maven':
      return '<project>' + '<a>'.repeat(levels) + '<image>alpine:3</image>' + '</a>'.repeat(levels) + '</project>\n';
    case 'dockerfile':
      return 'ARG X=alpine\nFROM ' + '${X:-'.repeat(levels) + 'alpine' + '}'.repeat(levels) + '\n';
    case 'gradle-groovy':
    case 'gradle-kotlin':
      return 'jib {\n' + 'from {'.repeat(levels) + ' image = "alpine:3" ' + '}'.repeat(levels) + '\n}\n';
    case 'kubernetes':
      return 'apiVersion: v1\nkind: Pod\nspec: ' + '{a: ['.repeat(levels) + '{containers: [{image: alpine}]}' + ']}'.repeat(levels) + '\n';
    case 'java':
    case 'kotlin':
    case 'groovy':
      return '// testcontainers\nclass T {' + '{('.repeat(levels) + 'new GenericContainer<>("alpine:3")' + ')}'.repeat(levels) + '}\n';
    default:
      return 'services:\n  s:\n    image: ' + '['.repeat(levels) + 'alpine' + ']'.repeat(levels) + '\n';
  }
}
