// The e2e suite's machine check (scripts/e2e/prereqs.mjs): what is missing, when npm test may install
// it itself (root with apt-get), and the one line it prints otherwise. The last test runs the real
// launcher on a PATH without ripgrep or apt-get and checks that it stops with that line.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  canAptInstall,
  installHint,
  missingPackages,
  whichIn,
  // @ts-expect-error: plain ESM build script without type declarations
} from '../../scripts/e2e/prereqs.mjs';

const root = path.resolve(__dirname, '../..');
const GSSAPI = '/usr/include/gssapi/gssapi.h';
const CHROMIUM = '/usr/bin/chromium';

/** A machine with the given commands and files. */
const machine = (commands: string[], files: string[]) => ({
  which: (c: string) => commands.includes(c),
  exists: (f: string) => files.includes(f),
});
const all = machine(['rg', 'make', 'g++', 'python3', 'apt-get'], [GSSAPI, CHROMIUM]);

describe('e2e prerequisites (scripts/e2e/prereqs.mjs)', () => {
  const cases: { name: string; m: ReturnType<typeof machine>; installed: boolean; want: string[] }[] = [
    { name: 'everything there', m: all, installed: false, want: [] },
    {
      name: 'fresh Debian: no rg, chromium, krb5',
      m: machine(['make', 'g++', 'python3'], []),
      installed: false,
      want: ['chromium', 'ripgrep', 'libkrb5-dev'],
    },
    {
      name: 'no rg, code-server not installed',
      m: machine(['make', 'g++', 'python3'], [GSSAPI, CHROMIUM]),
      installed: false,
      want: ['ripgrep'],
    },
    { name: 'no rg, code-server installed: rg not needed', m: machine([], [CHROMIUM]), installed: true, want: [] },
    { name: 'code-server installed, no chromium', m: machine([], []), installed: true, want: ['chromium'] },
    {
      name: 'no g++',
      m: machine(['rg', 'make', 'python3'], [GSSAPI, CHROMIUM]),
      installed: false,
      want: ['build-essential'],
    },
  ];
  for (const c of cases)
    it(`missing: ${c.name}`, () => {
      const got = missingPackages({
        which: c.m.which,
        exists: c.m.exists,
        codeServerInstalled: c.installed,
        chromiumPath: CHROMIUM,
      });
      assert.deepEqual(got, c.want);
    });

  it('installs itself only as root with apt-get, unless CCR_E2E_NO_APT=1', () => {
    assert.equal(canAptInstall({ uid: 0, which: all.which, env: {} }), true);
    assert.equal(canAptInstall({ uid: 1000, which: all.which, env: {} }), false);
    assert.equal(canAptInstall({ uid: 0, which: () => false, env: {} }), false);
    assert.equal(canAptInstall({ uid: 0, which: all.which, env: { CCR_E2E_NO_APT: '1' } }), false);
  });

  it('says in one line what to install', () => {
    const hint: string = installHint(['ripgrep']);
    assert.equal(
      hint,
      'the e2e suite needs the Debian package ripgrep: run  apt-get install -y ripgrep  as root ' +
        '(or run npm test as root, which installs them)',
    );
    assert.ok(!hint.includes('\n'));
    assert.match(
      installHint(['chromium', 'ripgrep']),
      /packages chromium, ripgrep: run {2}apt-get install -y chromium ripgrep /,
    );
  });

  it('whichIn looks through PATH without a shell', () => {
    const which = whichIn(['/a', '/b'].join(path.delimiter), (f: string) => f === path.join('/b', 'rg'));
    assert.equal(which('rg'), true);
    assert.equal(which('chromium'), false);
  });

  it('the launcher stops at once with that line on a machine without rg (not root)', function () {
    this.timeout(30_000);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-prereq-'));
    try {
      // A PATH with node and nothing else: no rg, no make, no apt-get.
      const bin = path.join(tmp, 'bin');
      spawnSync('mkdir', ['-p', bin]);
      symlinkSync(process.execPath, path.join(bin, 'node'));
      const r = spawnSync(process.execPath, ['test/e2e/run.mjs'], {
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: bin,
          HOME: tmp,
          CODE_SERVER_DIR: path.join(tmp, 'no-code-server'),
          CHROMIUM_PATH: path.join(tmp, 'no-chromium'),
          CCR_E2E_NO_APT: '1',
        },
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      const lines = r.stdout.split('\n').filter((l) => l.includes('apt-get install'));
      // One line; which packages beyond these depends on the machine's headers (libkrb5-dev).
      assert.equal(lines.length, 1, r.stdout);
      assert.match(
        lines[0]!,
        /^\[e2e\] the e2e suite needs the Debian packages chromium, ripgrep, .*: run {2}apt-get install -y chromium ripgrep .* as root \(or run npm test as root, which installs them\)$/,
      );
      assert.match(lines[0]!, / build-essential python3 {2}as root/);
      assert.match(r.stdout, /^e2e: 0 passed, 1 failed$/m);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
