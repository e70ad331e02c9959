#!/usr/bin/env node
// Generates imageref.injection.tmLanguage.json: a TextMate injection grammar that marks the parts of container
// image references (registry, repository, tag, digest) where build files name an image:
//   Dockerfile / Containerfile   FROM [--flag=…] <ref> [AS name]
//   pom.xml                      <image>, <from>, <builder>, <runImage>  (Jib, Spring Boot, fabric8)
//   build.gradle(.kts)           image / imageName / builder / runImage  = "…" | .set("…") | '…'
//   YAML (Compose, Kubernetes, workflows, GitLab CI, Skaffold, Quarkus)  image: / fromImage: / container: … <ref>
//   Java, Kotlin, Groovy         DockerImageName.parse("…"), new …Container<>("…"), asCompatibleSubstituteFor("…")
//   application.properties       quarkus.jib.base-jvm-image=…, quarkus.container-image.image=…
// The regular expressions are assembled here from named parts, so the group numbers stay right.
// Run `node syntaxes/generate.mjs` after editing; test/grammar checks the result.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const S = 'imageref';

/** A regex fragment with the scopes of its capture groups in order. */
class Rx {
  constructor(source, scopes = []) {
    this.source = source;
    this.scopes = scopes; // one entry per capturing group: a scope name, or null (no scope)
  }
}
const rx = (strings, ...parts) => {
  let source = '';
  const scopes = [];
  strings.raw.forEach((s, i) => {
    source += s;
    if (i < parts.length) {
      const p = parts[i];
      if (p instanceof Rx) {
        source += p.source;
        scopes.push(...p.scopes);
      } else source += p;
    }
  });
  return new Rx(source, scopes);
};
const nameOf = (scope) => (typeof scope === 'string' ? scope : scope?.name);
const group = (scope, inner) => {
  const r = inner instanceof Rx ? inner : new Rx(inner);
  // vscode-textmate tokenizes a capture that has `patterns` on its own, without the scopes of the captures around
  // it; so such a capture carries the names of its enclosing captures itself ("outer inner").
  const outer = nameOf(scope);
  const inners = r.scopes.map((s) =>
    outer && s && typeof s === 'object' && s.patterns ? { ...s, name: `${outer} ${s.name}` } : s,
  );
  return new Rx(`(${r.source})`, [scope, ...inners]);
};
function captures(r, extra = {}) {
  const out = {};
  r.scopes.forEach((scope, i) => {
    if (scope) out[String(i + 1)] = typeof scope === 'string' ? { name: scope } : scope;
  });
  return { ...out, ...extra };
}

// Variable references the build tools substitute: ${NAME}, ${NAME:-default}, $NAME (Dockerfile, Groovy, Kotlin).
const VAR = String.raw`\$\{[^}\s"'<>]*\}|\$[A-Za-z_][A-Za-z0-9_]*`;
const withVars = { patterns: [{ include: '#variable' }] };

const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?`;
// A registry is a first path component with a dot or a port, `localhost`, or an IPv6 literal.
const REGISTRY = String.raw`(?:${LABEL}(?:\.${LABEL})+(?::[0-9]+)?|${LABEL}:[0-9]+|localhost(?::[0-9]+)?|\[[0-9A-Fa-f:.]+\](?::[0-9]+)?)`;
const PATH_PART = String.raw`(?:[A-Za-z0-9._-]|${VAR})+`;
const REPOSITORY = String.raw`${PATH_PART}(?:/${PATH_PART})*`;
const TAG = String.raw`(?:[A-Za-z0-9_.-]|${VAR})+`;
const ALGORITHM = String.raw`[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*`;
const ENCODED = String.raw`(?:[A-Za-z0-9=_-]|${VAR})+`;

/** registry/repository:tag@algorithm:encoded, every part but the repository optional. */
const REFERENCE = group(
  { name: `meta.image-reference.${S}` },
  rx`(?:${group({ name: `entity.name.namespace.registry.${S}` }, REGISTRY)}${group(`punctuation.separator.registry.${S}`, '/')})?${group(
    { name: `entity.name.type.repository.${S}`, ...withVars },
    REPOSITORY,
  )}(?:${group(`punctuation.separator.tag.${S}`, ':')}${group({ name: `constant.other.tag.${S}`, ...withVars }, TAG)})?(?:${group(
    `punctuation.separator.digest.${S}`,
    '@',
  )}${group(`storage.type.digest-algorithm.${S}`, ALGORITHM)}${group(`punctuation.separator.digest-algorithm.${S}`, ':')}${group(
    { name: `constant.numeric.digest.${S}`, ...withVars },
    ENCODED,
  )})?`,
);

// Dockerfile: FROM [--platform=… …] <ref> [AS <name>]. The injection takes the whole line, so it repeats the
// Dockerfile grammar's own scopes for FROM and AS.
const DOCKER_KW = `keyword.other.special-method.dockerfile`;
const dockerFrom = rx`^\s*${group(DOCKER_KW, '(?i:FROM)')}\s+${group(
  { name: `meta.flags.${S}`, patterns: [{ include: '#docker-flag' }] },
  String.raw`(?:--[A-Za-z-]+(?:=\S*)?\s+)*`,
)}${REFERENCE}(?:\s+${group(DOCKER_KW, '(?i:AS)')}\s+${group(`entity.name.stage.${S}`, String.raw`\S+`)})?(?=\s*$)`;

// pom.xml: the text of <image>, <from>, <builder>, <runImage> on one line (the XML grammar keeps the tags).
const XML_TAGS = ['image', 'from', 'builder', 'runImage', 'baseImage'];
const xmlRef = rx`(?<=${XML_TAGS.map((t) => `<${t}>`).join('|')})\s*${REFERENCE}\s*(?=</(?:${XML_TAGS.join('|')})>)`;

// Gradle (Groovy and Kotlin DSL): image = "…", imageName = '…', builder.set("…"), runImage "…", jib.from.image = "…".
const GRADLE_KEYS = ['image', 'imageName', 'builder', 'runImage'];
function gradlePattern(quote, kind) {
  const r = rx`(?<![\w$.])((?:[A-Za-z_]\w*\.)*)${group(`variable.other.property.${S}`, `(?:${GRADLE_KEYS.join('|')})`)}\s*${group(
    `keyword.operator.assignment.${S}`,
    String.raw`=|\.set\s*\(|(?=${quote})`,
  )}\s*${group(
    `string.quoted.${kind}.${S}`,
    rx`${group(`punctuation.definition.string.begin.${S}`, quote)}${REFERENCE}${group(`punctuation.definition.string.end.${S}`, quote)}`,
  )}`;
  // group 1 is the dotted prefix (jib.from.): it keeps the host grammar's scopes
  return {
    match: r.source,
    captures: captures(new Rx(r.source, [null, ...r.scopes])),
    name: `meta.image-assignment.${S}`,
  };
}

// YAML: `image: ref`, `- image: "ref"`, `fromImage: 'ref'` … with an optional trailing comment.
const YAML_KEYS = ['image', 'fromImage', 'container', 'builder', 'runImage', 'base-jvm-image', 'base-native-image'];
function yamlPattern(quote, kind) {
  const value = quote
    ? rx`${group(`string.quoted.${kind}.${S}`, rx`${group(`punctuation.definition.string.begin.${S}`, quote)}${REFERENCE}${group(`punctuation.definition.string.end.${S}`, quote)}`)}`
    : REFERENCE;
  const r = rx`(?<![\w.-])${group(`entity.name.tag.${S}`, `(?:${YAML_KEYS.join('|')})`)}${group(`punctuation.separator.map.value.${S}`, ':')}[ \t]+${value}(?=[ \t]*(?:#|$))`;
  return { match: r.source, captures: captures(r), name: `meta.image-assignment.${S}` };
}

// Testcontainers in Java, Kotlin and Groovy: the string passed to DockerImageName.parse, a …Container constructor,
// or asCompatibleSubstituteFor.
const TC_CALLS = String.raw`DockerImageName\s*\.\s*parse|asCompatibleSubstituteFor|[A-Z]\w*Container(?:\s*<[^<>()]*>)?`;
function testcontainersPattern(quote, kind) {
  const r = rx`(?<![\w$])${group(`entity.name.function.${S}`, TC_CALLS)}\s*${group(`punctuation.definition.arguments.begin.${S}`, String.raw`\(`)}\s*${group(
    `string.quoted.${kind}.${S}`,
    rx`${group(`punctuation.definition.string.begin.${S}`, quote)}${REFERENCE}${group(`punctuation.definition.string.end.${S}`, quote)}`,
  )}`;
  return { match: r.source, captures: captures(r), name: `meta.image-assignment.${S}` };
}

// Quarkus application.properties: quarkus.jib.base-jvm-image=ref (profile prefixes too).
const quarkusProperty = rx`^\s*${group(
  `variable.other.property.${S}`,
  String.raw`(?:%[\w-]+\.)?quarkus\.(?:jib\.base-(?:jvm|native)-image|container-image\.image)`,
)}\s*${group(`keyword.operator.assignment.${S}`, '[=:]')}\s*${REFERENCE}\s*$`;

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'imageref image references (injection)',
  scopeName: 'imageref.injection',
  comment: 'Generated by syntaxes/generate.mjs; edit that file, not this one.',
  injectionSelector:
    'L:source.dockerfile -comment, L:text.xml -comment -meta.tag -string, L:source.groovy -comment -string, L:source.gradle -comment -string, L:source.kotlin -comment -string, L:source.gradle-kotlin-dsl -comment -string, L:source.yaml -comment, L:source.java -comment -string, L:source.ini -comment',
  patterns: [
    { include: '#dockerfile-from' }, { include: '#xml-image' }, { include: '#gradle-image' }, { include: '#yaml-image' },
    { include: '#testcontainers-image' }, { include: '#quarkus-property' },
  ],
  repository: {
    'dockerfile-from': {
      match: dockerFrom.source,
      captures: captures(dockerFrom),
      name: `meta.from.${S}`,
    },
    'xml-image': {
      match: xmlRef.source,
      captures: captures(xmlRef),
    },
    'gradle-image': {
      patterns: [gradlePattern('"', 'double'), gradlePattern("'", 'single')],
    },
    'yaml-image': {
      patterns: [yamlPattern('"', 'double'), yamlPattern("'", 'single'), yamlPattern('', 'plain')],
    },
    'testcontainers-image': {
      patterns: [testcontainersPattern('"', 'double'), testcontainersPattern("'", 'single')],
    },
    'quarkus-property': {
      match: quarkusProperty.source,
      captures: captures(quarkusProperty),
    },
    variable: { match: VAR, name: `variable.other.interpolated.${S}` },
    'docker-flag': {
      match: String.raw`(--[A-Za-z-]+)(?:(=)(\S*))?`,
      captures: {
        1: { name: `variable.parameter.flag.${S}` },
        2: { name: `keyword.operator.assignment.${S}` },
        3: { name: `string.unquoted.flag-value.${S}`, ...withVars },
      },
    },
  },
};

const out = join(dirname(fileURLToPath(import.meta.url)), 'imageref.injection.tmLanguage.json');
const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  // used by `npm run test:grammar`: the committed JSON must be what this file generates
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
    console.error(`${out} is out of date: run node syntaxes/generate.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
