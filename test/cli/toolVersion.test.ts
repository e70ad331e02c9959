import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../support/lspClient';

describe('imageref check: tool-version', function () {
  this.timeout(30000);

  it('warns in a pom and a build.gradle whose Jib plugin is older than the configuration, citing the version', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-toolversion-'));
    writeFileSync(path.join(dir, 'pom.xml'), `<project><properties><jib-maven-plugin.version>2.4.0</jib-maven-plugin.version></properties>
<build><plugins><plugin><groupId>com.google.cloud.tools</groupId><artifactId>jib-maven-plugin</artifactId><version>\${jib-maven-plugin.version}</version>
<configuration><from><image>eclipse-temurin:21@sha256:${'a'.repeat(64)}</image><platforms><platform><architecture>arm64</architecture><os>linux</os></platform></platforms></from></configuration>
</plugin></plugins></build></project>
`);
    writeFileSync(path.join(dir, 'build.gradle'), "plugins { id 'com.google.cloud.tools.jib' version '1.5.0' }\njib { from { image = 'docker://local/base:1' } }\n");
    const r = spawnSync(process.execPath, [CLI, 'check', '--offline', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: dir } });
    const found = (JSON.parse(r.stdout) as Array<{ file: string; code: string; severity: string; message: string }>).filter((d) => d.code === 'tool-version');
    assert.deepEqual(found.map((d) => [d.file, d.severity]).sort(), [['build.gradle', 'warning'], ['pom.xml', 'warning']], r.stdout);
    assert.match(found.find((d) => d.file === 'pom.xml')!.message, /^jib-maven-plugin 2\.4\.0 is older than `platforms` .* 2\.5\.0/);
    assert.match(found.find((d) => d.file === 'build.gradle')!.message, /1\.5\.0 is older than the `docker:\/\/` base image prefix, which arrived in 1\.6\.0/);
  });
});
