import { nodeBuiltin } from '../../platform/node-builtin.js';
import { DatasetError } from '../errors.js';
import { shinkeiCacheDir } from './cache.js';
import { readTar } from './tar.js';

export interface FetchNpmTarballOptions {
  /** The cache folder (default: shinkeiCacheDir(), i.e. $SHINKEI_CACHE or ~/.cache/shinkei). */
  cacheDir?: string;
  /** The tarball's expected npm integrity (`sha512-…`, as `npm view <pkg> dist.integrity` prints). */
  integrity?: string;
}

const COMPLETE_MARKER = '.shinkei-complete';
const FEATURE = 'fetchNpmTarball';

/**
 * The folder holding the files of the npm package `name@version`, fetched once with
 * `npm pack` (the tarball only: no install, no dependencies; npm checks it against the
 * registry's integrity) and extracted into <cache>/npm/<name>@<version>/. Later calls read the
 * cache. Paths inside the folder are the package's own (`package/` stripped).
 */
export function fetchNpmTarball(name: string, version: string, options: FetchNpmTarballOptions = {}): string {
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name))
    throw new RangeError(`fetchNpmTarball: '${name}' is not an npm package name`);
  if (!/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(version))
    throw new RangeError(`fetchNpmTarball: '${version}' is not an exact version`);
  const { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } = nodeBuiltin('fs', FEATURE);
  const { dirname, join } = nodeBuiltin('path', FEATURE);
  const { gunzipSync } = nodeBuiltin('zlib', FEATURE);
  const cacheDir = options.cacheDir ?? shinkeiCacheDir();
  const target = join(cacheDir, 'npm', `${name.replace('/', '+')}@${version}`);
  if (existsSync(join(target, COMPLETE_MARKER))) return target;

  mkdirSync(join(cacheDir, 'npm'), { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'npm', '.fetch-'));
  try {
    const tarball = packTarball(`${name}@${version}`, work);
    if (options.integrity !== undefined) checkIntegrity(tarball, options.integrity, `${name}@${version}`);
    const extracted = join(work, 'package');
    for (const file of readTar(gunzipSync(tarball))) {
      const path = stripTopFolder(file.path);
      if (path === '') continue;
      const destination = safeJoin(extracted, path);
      mkdirSync(dirname(destination), { recursive: true });
      writeFileSync(destination, file.data);
    }
    writeFileSync(join(extracted, COMPLETE_MARKER), `${name}@${version}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(extracted, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

/** Run `npm pack <spec>` in `folder` and return the tarball's bytes. */
function packTarball(spec: string, folder: string): Uint8Array {
  const { execFileSync } = nodeBuiltin('child_process', FEATURE);
  const { readFileSync } = nodeBuiltin('fs', FEATURE);
  const { join } = nodeBuiltin('path', FEATURE);
  let output: string;
  try {
    output = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', spec, '--json', '--silent'], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new DatasetError(
      `fetchNpmTarball: 'npm pack ${spec}' failed (is npm installed and the npm registry reachable?): ${stderr.trim()}`,
    );
  }
  const report = JSON.parse(output.slice(output.indexOf('['))) as { filename: string }[];
  const filename = report[0]?.filename;
  if (filename === undefined) throw new DatasetError(`fetchNpmTarball: 'npm pack ${spec}' reported no tarball`);
  return readFileSync(join(folder, filename.replace(/^@/, '').replace('/', '-')));
}

function checkIntegrity(tarball: Uint8Array, integrity: string, spec: string): void {
  const { createHash } = nodeBuiltin('crypto', FEATURE);
  const [algorithm, expected] = integrity.split('-', 2) as [string, string | undefined];
  const actual = createHash(algorithm).update(tarball).digest('base64');
  if (actual !== expected)
    throw new DatasetError(
      `fetchNpmTarball: ${spec} tarball has integrity ${algorithm}-${actual}, expected ${integrity}`,
    );
}

function stripTopFolder(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? '' : path.slice(slash + 1);
}

/** `folder/path`, refusing paths that would leave the folder. */
function safeJoin(folder: string, path: string): string {
  const { join, normalize, sep } = nodeBuiltin('path', FEATURE);
  const joined = normalize(join(folder, path));
  if (!joined.startsWith(folder + sep))
    throw new DatasetError(`fetchNpmTarball: the archive entry '${path}' points outside the package folder`);
  return joined;
}
