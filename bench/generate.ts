/**
 * Generated build files of growing size for the benchmarks. Deterministic: the same size gives the same text.
 * Each file mixes references that trigger diagnostics (implicit latest, latest, unpinned, tag+digest, invalid)
 * with pinned ones, variables/properties, and lines that carry no reference, so every code path of the extractor runs.
 */

const DIGEST = (i: number) => `sha256:${(i.toString(16).padStart(8, '0')).repeat(8)}`;

const BASES = [
  'eclipse-temurin:21-jre',
  'alpine:3.20',
  'ubuntu',
  'node:latest',
  'gcr.io/distroless/java21-debian12:nonroot',
  'registry.example.com:5000/team/base:1.2.3',
  'python:3.12-slim@sha256:' + 'ab'.repeat(32),
  'Org/App:1',
];

/** A Dockerfile with `froms` FROM lines (stages), froms/10 global ARGs used by FROM, COPY --from and RUN lines. */
export function dockerfile(froms: number): string {
  const args = Math.max(1, Math.floor(froms / 10));
  const lines: string[] = ['# syntax=docker/dockerfile:1'];
  for (let a = 0; a < args; a++) lines.push(`ARG BASE_${a}=${BASES[a % BASES.length]}`);
  lines.push('');
  for (let i = 0; i < froms; i++) {
    switch (i % 6) {
      case 0:
        lines.push(`FROM \${BASE_${(i / 6 | 0) % args}} AS s${i}`);
        lines.push(`RUN echo stage ${i}`);
        break;
      case 1:
        lines.push(`FROM --platform=linux/amd64 ${BASES[i % BASES.length]} AS s${i}`);
        lines.push(`COPY --from=s${i - 1} /app /app`);
        break;
      case 2:
        lines.push(`FROM eclipse-temurin:${17 + (i % 5)}-jre@${DIGEST(i)} AS s${i}`);
        lines.push(`WORKDIR /srv/${i}`);
        break;
      case 3:
        lines.push(`FROM s${i - 1} AS s${i}`);
        lines.push(`COPY --from=busybox:1.36 /bin/sh /bin/sh`);
        break;
      case 4:
        lines.push(`FROM maven:3.9-eclipse-temurin-21 AS s${i}`);
        lines.push(`RUN --mount=type=cache,target=/root/.m2,from=alpine:3.19 mvn -q package`);
        break;
      default:
        lines.push(`FROM ${BASES[(i * 7) % BASES.length]} AS s${i}`);
        lines.push(`ENTRYPOINT ["java", "-jar", "/app/${i}.jar"]`);
    }
  }
  return lines.join('\n') + '\n';
}

function jibPlugin(i: number, indent: string): string {
  const from = i % 3 === 0 ? `\${base.image.${(i / 3 | 0) % 10}}` : BASES[i % BASES.length];
  return [
    `${indent}<plugin>`,
    `${indent}  <groupId>com.google.cloud.tools</groupId>`,
    `${indent}  <artifactId>jib-maven-plugin</artifactId>`,
    `${indent}  <version>3.4.4</version>`,
    `${indent}  <configuration>`,
    `${indent}    <from>`,
    `${indent}      <image>${from}</image>`,
    `${indent}      <platforms>`,
    `${indent}        <platform><architecture>amd64</architecture><os>linux</os></platform>`,
    `${indent}        <platform><architecture>arm64</architecture><os>linux</os></platform>`,
    `${indent}      </platforms>`,
    `${indent}    </from>`,
    `${indent}    <to>`,
    `${indent}      <image>registry.example.com/team/app-${i}:\${project.version}</image>`,
    `${indent}    </to>`,
    `${indent}  </configuration>`,
    `${indent}</plugin>`,
  ].join('\n');
}

function springBootPlugin(i: number, indent: string): string {
  return [
    `${indent}<plugin>`,
    `${indent}  <groupId>org.springframework.boot</groupId>`,
    `${indent}  <artifactId>spring-boot-maven-plugin</artifactId>`,
    `${indent}  <configuration>`,
    `${indent}    <image>`,
    `${indent}      <builder>paketobuildpacks/builder-jammy-base:${i % 2 ? 'latest' : '0.4.' + i}</builder>`,
    `${indent}      <runImage>paketobuildpacks/run-jammy-base@${DIGEST(i)}</runImage>`,
    `${indent}      <name>docker.example.com/library/app-${i}</name>`,
    `${indent}    </image>`,
    `${indent}  </configuration>`,
    `${indent}</plugin>`,
  ].join('\n');
}

/**
 * A pom.xml with `blocks` jib / spring-boot plugin blocks (alternating), each in its own profile, plus
 * properties used by some of them. `padding` extra lines of ordinary dependencies make a file of a chosen length.
 */
export function pom(blocks: number, padding = 0): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>com.example</groupId>',
    '  <artifactId>bench</artifactId>',
    '  <version>1.0.0</version>',
    '  <description>benchmark</description>',
    '  <properties>',
  ];
  for (let p = 0; p < 10; p++) lines.push(`    <base.image.${p}>${BASES[p % BASES.length]}</base.image.${p}>`);
  lines.push('  </properties>');
  if (padding > 0) {
    lines.push('  <dependencies>');
    for (let d = 0; d < Math.floor(padding / 5); d++) {
      lines.push('    <dependency>', `      <groupId>org.example.g${d}</groupId>`, `      <artifactId>lib-${d}</artifactId>`,
        `      <version>1.${d}.0</version>`, '    </dependency>');
    }
    lines.push('  </dependencies>');
  }
  lines.push('  <profiles>');
  for (let i = 0; i < blocks; i++) {
    lines.push('    <profile>', `      <id>p${i}</id>`, '      <build>', '        <plugins>');
    lines.push(i % 2 === 0 ? jibPlugin(i, '          ') : springBootPlugin(i, '          '));
    lines.push('        </plugins>', '      </build>', '    </profile>');
  }
  lines.push('  </profiles>', '</project>');
  return lines.join('\n') + '\n';
}

/** build.gradle (Groovy DSL) with `blocks` jib / bootBuildImage blocks, each in a subproject, and variables. */
export function gradleGroovy(blocks: number): string {
  const lines: string[] = ["plugins {", "  id 'java'", "  id 'com.google.cloud.tools.jib' version '3.4.4'", '}', ''];
  for (let v = 0; v < 10; v++) lines.push(`def base${v} = '${BASES[v % BASES.length]}'`);
  lines.push('');
  for (let i = 0; i < blocks; i++) {
    lines.push(`project(':svc${i}') {`);
    if (i % 2 === 0) {
      const from = i % 4 === 0 ? `"\${base${(i / 4 | 0) % 10}}"` : `'${BASES[i % BASES.length]}'`;
      lines.push('  jib {', '    from {', `      image = ${from}`, '      platforms {',
        "        platform { architecture = 'amd64'; os = 'linux' }", "        platform { architecture = 'arm64'; os = 'linux' }",
        '      }', '    }', `    to { image = "registry.example.com/team/app-${i}:\${version}" }`, '  }');
    } else {
      lines.push('  bootBuildImage {', `    builder = 'paketobuildpacks/builder-jammy-base:${i % 3 ? 'latest' : '0.4.' + i}'`,
        `    runImage = 'paketobuildpacks/run-jammy-base@${DIGEST(i)}'`, `    imageName = "docker.example.com/library/app-${i}"`, '  }');
    }
    lines.push('}', '');
  }
  return lines.join('\n');
}

/** build.gradle.kts (Kotlin DSL) with `blocks` jib / bootBuildImage blocks, each in a subproject, and variables. */
export function gradleKotlin(blocks: number): string {
  const lines: string[] = ['import org.springframework.boot.gradle.tasks.bundling.BootBuildImage', '',
    'plugins {', '    java', '    id("com.google.cloud.tools.jib") version "3.4.4"', '}', ''];
  for (let v = 0; v < 10; v++) lines.push(`val base${v} by extra("${BASES[v % BASES.length]}")`);
  lines.push('');
  for (let i = 0; i < blocks; i++) {
    lines.push(`project(":svc${i}") {`);
    if (i % 2 === 0) {
      const from = i % 4 === 0 ? `base${(i / 4 | 0) % 10}` : `"${BASES[i % BASES.length]}"`;
      lines.push('    jib {', '        from {', `            image = ${from}`, '            platforms {',
        '                platform { architecture = "amd64"; os = "linux" }', '                platform { architecture = "arm64"; os = "linux" }',
        '            }', '        }', `        to { image = "registry.example.com/team/app-${i}:\${version}" }`, '    }');
    } else {
      lines.push('    tasks.named<BootBuildImage>("bootBuildImage") {',
        `        builder.set("paketobuildpacks/builder-jammy-base:${i % 3 ? 'latest' : '0.4.' + i}")`,
        `        runImage = "paketobuildpacks/run-jammy-base@${DIGEST(i)}"`, `        imageName.set("docker.example.com/library/app-${i}")`, '    }');
    }
    lines.push('}', '');
  }
  return lines.join('\n');
}

/** A pom.xml of about `lines` lines: a few image blocks and many ordinary dependencies. */
export function pomOfLines(lines: number): string {
  const blocks = 20;
  const base = pom(blocks).split('\n').length;
  return pom(blocks, Math.max(0, lines - base));
}

/** A Dockerfile of about `lines` lines: 20 stages whose RUN lines make up the length. */
export function dockerfileOfLines(lines: number): string {
  const head = dockerfile(20);
  const stages = head.split('\n');
  const padding = Math.max(0, lines - stages.length);
  const run = Array.from({ length: padding }, (_, i) => `RUN echo step ${i} && test -d /srv || mkdir -p /srv/${i}`);
  return `${head}${run.join('\n')}\n`;
}

/** A build.gradle of about `lines` lines: 20 image blocks and many ordinary dependencies. */
export function gradleGroovyOfLines(lines: number): string {
  const head = gradleGroovy(20);
  const deps = Math.max(0, lines - head.split('\n').length - 2);
  return `${head}dependencies {\n${Array.from({ length: deps }, (_, d) => `  implementation 'org.example.g${d}:lib-${d}:1.${d}.0'`).join('\n')}\n}\n`;
}

/** A build.gradle.kts of about `lines` lines: 20 image blocks and many ordinary dependencies. */
export function gradleKotlinOfLines(lines: number): string {
  const head = gradleKotlin(20);
  const deps = Math.max(0, lines - head.split('\n').length - 2);
  return `${head}dependencies {\n${Array.from({ length: deps }, (_, d) => `    implementation("org.example.g${d}:lib-${d}:1.${d}.0")`).join('\n')}\n}\n`;
}
