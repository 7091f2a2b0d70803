// `npm ci` refuses a lock that lacks any optional platform binary (msgpackr-extract, unrs-resolver)
// even though it would skip them on this platform. A registry mirror that only carries this
// platform's binaries yields exactly such a lock, so this adds the missing entries with their
// os/cpu/libc (which is what npm writes when the registry has them). Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const LOCK = resolve(import.meta.dirname, '..', 'package-lock.json');
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'sunos', 'aix', 'openbsd', 'netbsd'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = path === '' ? `node_modules/${name}` : `${path}/node_modules/${name}`;
    if (lock.packages[at] || lock.packages[`node_modules/${name}`]) continue;
    const tail = name.split('/').pop();
    const os = OS.find((o) => new RegExp(`-${o}(-|$)`).test(tail));
    const cpu = CPU.find((c) => new RegExp(`-${c}(-|$)`).test(tail));
    if (!os || !cpu) continue; // not a platform binary: leave it to npm
    const libc = /-musl/.test(tail) ? ['musl'] : os === 'linux' && /-gnu/.test(tail) ? ['glibc'] : undefined;
    lock.packages[`node_modules/${name}`] = {
      version,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc } : {}),
      optional: true,
      os: [os],
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-stubs: added ${added} optional platform entr${added === 1 ? 'y' : 'ies'}`);
