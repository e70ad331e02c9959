import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFiles } from '../../server/src/cli/files';
import { memoizedProbe, type FileProbe } from '../../server/src/host/fileProbe';

describe('the CLI walk and its file probes', () => {
  it('lists build files in localeCompare order of their names, plain or not', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'imageref-walk-'));
    const names = ['svc-10', 'svc-9', 'svc.a', 'svc-a', 'Svc-B', 'app', 'Zeta', 'a_b', 'a-b', 'ab', 'épée', '0', 'a.b'];
    for (const name of names) {
      mkdirSync(path.join(root, name));
      writeFileSync(path.join(root, name, 'Dockerfile'), 'FROM alpine:3\n');
    }
    const found = findFiles([root]).files.map((f) => path.basename(path.dirname(f.path)));
    assert.deepEqual(found, [...names].sort((a, b) => a.localeCompare(b)));
  });

  it('a memoized probe asks the file system once per question', () => {
    const asked: string[] = [];
    const counting: FileProbe = {
      exists: (f) => (asked.push(`exists ${f}`), f === '/a'),
      isDirectory: (f) => (asked.push(`dir ${f}`), false),
      readSmall: (f, max) => (asked.push(`read ${f} ${max}`), f === '/a' ? 'x=1' : undefined),
    };
    const probe = memoizedProbe(counting);
    for (let i = 0; i < 3; i++) {
      assert.equal(probe.exists('/a'), true);
      assert.equal(probe.exists('/b'), false);
      assert.equal(probe.isDirectory('/a'), false);
      assert.equal(probe.readSmall('/a', 10), 'x=1');
      assert.equal(probe.readSmall('/b', 10), undefined);
    }
    assert.deepEqual(asked, ['exists /a', 'exists /b', 'dir /a', 'read /a 10', 'read /b 10']);
  });
});
