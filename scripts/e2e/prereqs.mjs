// What the e2e suite needs from the machine, and how it gets it: Debian's chromium always, and, to
// build code-server's native modules on its first install, ripgrep, the Kerberos headers, a C/C++
// toolchain and python3. As root on a machine with apt-get, `npm test` installs what is missing
// itself; anywhere else it stops with one line that says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Debian package → how to see it is there. `forInstall`: needed only to install code-server. */
export const PACKAGES = [
  { pkg: 'chromium', forInstall: false, commands: ['chromium'], files: ['/usr/bin/chromium'] },
  { pkg: 'ripgrep', forInstall: true, commands: ['rg'] },
  { pkg: 'libkrb5-dev', forInstall: true, files: ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'] },
  { pkg: 'build-essential', forInstall: true, commands: ['make', 'g++'] },
  { pkg: 'python3', forInstall: true, commands: ['python3'] },
];

/** `which` over a PATH string, without a shell. */
export function whichIn(pathVar, exists = existsSync) {
  const dirs = (pathVar ?? '').split(path.delimiter).filter(Boolean);
  return (cmd) => dirs.some((d) => exists(path.join(d, cmd)));
}

/**
 * The Debian packages missing for the e2e run. `codeServerInstalled`: only chromium is needed then.
 * `chromiumPath`: where the suite will look for the browser (CHROMIUM_PATH).
 */
export function missingPackages({ which, exists = existsSync, codeServerInstalled, chromiumPath }) {
  const missing = [];
  for (const p of PACKAGES) {
    if (p.forInstall && codeServerInstalled) continue;
    if (p.pkg === 'chromium') {
      if (!exists(chromiumPath ?? '/usr/bin/chromium')) missing.push(p.pkg);
      continue;
    }
    const haveCommands = (p.commands ?? []).every((c) => which(c));
    const haveFile = !p.files || p.files.some((f) => exists(f));
    if (!haveCommands || !haveFile) missing.push(p.pkg);
  }
  return missing;
}

/** May this process install Debian packages itself? Root, apt-get on PATH, not turned off. */
export function canAptInstall({ uid, which, env }) {
  return uid === 0 && which('apt-get') && env.CCR_E2E_NO_APT !== '1';
}

/** The one line printed when the packages cannot be installed here. */
export function installHint(missing) {
  return (
    `the e2e suite needs the Debian package${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ` +
    `run  apt-get install -y ${missing.join(' ')}  as root (or run npm test as root, which installs them)`
  );
}

/** apt-get update + install, output shown; returns true when apt-get succeeded. */
export function aptInstall(missing, log) {
  log(`installing Debian packages: ${missing.join(' ')} (apt-get, as root)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  return install.status === 0;
}

/**
 * Makes sure the packages are there: installs them as root, else returns the hint line.
 * Returns { ok: true } or { ok: false, message }.
 */
export function ensurePackages({ codeServerInstalled, chromiumPath, env = process.env, log = () => {} }) {
  const which = whichIn(env.PATH);
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  let missing = missingPackages({ which, codeServerInstalled, chromiumPath });
  if (missing.length === 0) return { ok: true };
  if (!canAptInstall({ uid, which, env })) return { ok: false, message: installHint(missing) };
  if (!aptInstall(missing, log)) return { ok: false, message: `apt-get failed; ${installHint(missing)}` };
  missing = missingPackages({ which, codeServerInstalled, chromiumPath });
  return missing.length === 0 ? { ok: true } : { ok: false, message: installHint(missing) };
}
