import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolveOutcome } from '../../server/src/registry/contract';
import { analyzeText } from '../../server/src/service/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { compareVersions } from '../../server/src/service/toolVersions';
import { readToolVersions } from '../../server/src/service/toolVersionRead';
import type { ExtractionContext, FileKind } from '../../server/src/service/types';
import { diagnose } from '../../server/src/service/validation';
import { digestOf, entry, indexOutcome, manifestOutcome } from '../support/outcomes';

function toolVersion(text: string, kind: FileKind, outcome?: ResolveOutcome, context?: ExtractionContext): string[] {
  const document = TextDocument.create('file:///w/build', kind, 1, text);
  const outcomes = outcome ? { get: () => outcome, has: () => true } : undefined;
  return diagnose(document, analyzeText(text, kind, context), DEFAULT_SETTINGS, outcomes).diagnostics
    .filter((d) => d.code === 'tool-version').map((d) => String(d.message));
}

const jibPom = (version: string, from: string, properties = '') => `<project>
  <properties>${properties}</properties>
  <build><plugins><plugin>
    <groupId>com.google.cloud.tools</groupId>
    <artifactId>jib-maven-plugin</artifactId>
    <version>${version}</version>
    <configuration>
      <from>${from}</from>
      <to><image>registry.example.com/app</image></to>
    </configuration>
  </plugin></plugins></build>
</project>
`;
const platforms = (...archs: string[]) => `<image>eclipse-temurin:21</image><platforms>${archs.map((a) => `<platform><architecture>${a}</architecture><os>linux</os></platform>`).join('')}</platforms>`;

describe('tool-version', () => {
  it('reads plugin versions: Maven literal, property and Spring Boot parent; Gradle plugin id, classpath and gradle.properties', () => {
    assert.deepEqual(readToolVersions(jibPom('${jib.version}', '', '<jib.version>3.4.0</jib.version>'), 'maven'), { jib: { plugin: 'jib-maven-plugin', version: '3.4.0' } });
    const parent = '<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.5</version></parent></project>';
    assert.deepEqual(readToolVersions(parent, 'maven'), { springBoot: { plugin: 'spring-boot-starter-parent', version: '3.3.5' } });
    const groovy = "plugins {\n  id 'org.springframework.boot' version '3.4.1'\n  id 'com.google.cloud.tools.jib' version \"${jibVersion}\"\n}\n";
    assert.deepEqual(readToolVersions(groovy, 'gradle-groovy', { externalProperties: new Map([['jibVersion', '3.4.4']]) }), {
      jib: { plugin: 'com.google.cloud.tools.jib', version: '3.4.4' }, springBoot: { plugin: 'org.springframework.boot', version: '3.4.1' },
    });
    const kotlin = 'buildscript {\n  dependencies {\n    classpath("com.google.cloud.tools:jib-gradle-plugin:1.5.0")\n  }\n}\n';
    assert.deepEqual(readToolVersions(kotlin, 'gradle-kotlin'), { jib: { plugin: 'jib-gradle-plugin', version: '1.5.0' } });
    assert.deepEqual(readToolVersions(jibPom('${undefined.prop}', ''), 'maven'), {});
  });

  it('compares versions by their numbers; a pre-release counts as its release', () => {
    assert.equal(compareVersions('2.10.0', '2.6.0'), 1);
    assert.equal(compareVersions('3.5.0-RC1', '3.5.0'), 0);
    assert.equal(compareVersions('3.4', '3.4.0'), 0);
    assert.equal(compareVersions('latest.release', '1.0.0'), undefined);
  });

  it('Jib platforms: several need 2.6.0, one needs 2.5.0, citing the CHANGELOG', () => {
    assert.deepEqual(toolVersion(jibPom('2.5.0', platforms('amd64', 'arm64')), 'maven'), [
      "jib-maven-plugin 2.5.0 is older than several `platforms` (building a manifest list), which arrived in 2.6.0 (Jib's CHANGELOG 2.6.0 (GoogleContainerTools/jib#2523)). Update the plugin to 2.6.0 or later.",
    ]);
    assert.deepEqual(toolVersion(jibPom('2.5.0', platforms('arm64')), 'maven'), []);
    assert.match(toolVersion(jibPom('${jib.version}', platforms('arm64'), '<jib.version>2.4.0</jib.version>'), 'maven')[0], /2\.4\.0 is older than `platforms`.*2\.5\.0/);
  });

  it('Jib docker:// and tar:// need 1.6.0, from.credHelper 0.10.0 (Gradle Groovy and Kotlin)', () => {
    assert.match(toolVersion(jibPom('1.5.1', '<image>docker://local/base:1</image>'), 'maven')[0], /1\.5\.1 is older than the `docker:\/\/` base image prefix, which arrived in 1\.6\.0/);
    const groovy = "plugins { id 'com.google.cloud.tools.jib' version '0.9.13' }\njib {\n  from {\n    image = 'gcr.io/distroless/java17'\n    credHelper = 'gcr'\n  }\n}\n";
    assert.match(toolVersion(groovy, 'gradle-groovy')[0], /^com\.google\.cloud\.tools\.jib 0\.9\.13 is older than `from\.credHelper`, which arrived in 0\.10\.0/);
    const kotlin = 'buildscript { dependencies { classpath("com.google.cloud.tools:jib-gradle-plugin:1.5.0") } }\njib {\n  from {\n    image = "tar://build/base.tar"\n  }\n}\n';
    assert.match(toolVersion(kotlin, 'gradle-kotlin')[0], /^jib-gradle-plugin 1\.5\.0 is older than the `tar:\/\/` base image prefix/);
    assert.deepEqual(toolVersion(groovy.replace('0.9.13', '3.4.4'), 'gradle-groovy'), []);
  });

  it('an OCI index base image needs Jib 3.3.0; a manifest list by digest 1.4.0 (registry answers)', () => {
    const oci = indexOutcome('1', [entry('linux/amd64', '2')]);
    assert.match(toolVersion(jibPom('3.2.1', '<image>eclipse-temurin:21</image>'), 'maven', oci)[0], /3\.2\.1 is older than an OCI image index as base image, which arrived in 3\.3\.0/);
    assert.deepEqual(toolVersion(jibPom('3.3.0', '<image>eclipse-temurin:21</image>'), 'maven', oci), []);
    assert.deepEqual(toolVersion(jibPom('3.2.1', '<image>eclipse-temurin:21</image>'), 'maven', manifestOutcome('1')), []);
    const list = indexOutcome('1', [entry('linux/amd64', '2')]);
    if (list.ok) list.image.mediaType = 'application/vnd.docker.distribution.manifest.list.v2+json';
    assert.match(toolVersion(jibPom('1.3.0', `<image>eclipse-temurin@${digestOf('1')}</image>`), 'maven', list)[0], /1\.3\.0 is older than a manifest list referenced by digest, which arrived in 1\.4\.0/);
  });

  it('Spring Boot imagePlatform needs 3.4.0; docker credential helpers for a private builder 3.5.0', () => {
    const pom = (version: string, image: string) => `<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>${version}</version></parent>
<build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId>
<configuration><image>${image}</image></configuration></plugin></plugins></build></project>`;
    const platform = '<builder>paketobuildpacks/builder-jammy-base:latest</builder><imagePlatform>linux/arm64</imagePlatform>';
    assert.match(toolVersion(pom('3.3.5', platform), 'maven')[0], /^spring-boot-starter-parent 3\.3\.5 is older than `imagePlatform`, which arrived in 3\.4\.0 \(Spring Boot 3\.4\.0 \(spring-projects\/spring-boot#40944\)\)/);
    assert.deepEqual(toolVersion(pom('3.4.0', platform), 'maven'), []);
    const viaHelper = manifestOutcome('1');
    if (viaHelper.ok) {
      viaHelper.image.credentials = {
        source: 'credHelpers (ecr-login)',
        chains: { docker: { registry: 'r', tool: 'docker', found: true, nearMisses: [], problems: [], steps: [{ source: 'credHelpers', key: 'r', helper: 'docker-credential-ecr-login', found: true }] } },
      };
    }
    const builder = '<builder>123456789012.dkr.ecr.us-east-1.amazonaws.com/builder:1</builder>';
    assert.match(toolVersion(pom('3.4.2', builder), 'maven', viaHelper)[0], /3\.4\.2 is older than docker's credential helpers and credential stores for image building, which arrived in 3\.5\.0/);
    assert.deepEqual(toolVersion(pom('3.5.0', builder), 'maven', viaHelper), []);
  });
});
