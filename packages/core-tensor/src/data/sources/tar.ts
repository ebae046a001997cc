import { DatasetError } from '../errors.js';

/** One regular file of a tar archive. */
export interface TarFile {
  path: string;
  data: Uint8Array;
}

const BLOCK = 512;
const decoder = new TextDecoder();

/**
 * The regular files of a POSIX (ustar) tar archive, as npm writes them: 512-byte headers
 * (name, octal size, checksum, type, prefix), data padded to 512 bytes, two zero blocks at the
 * end. PAX ('x') and GNU ('L') long names are honoured; directories, links and global headers
 * are skipped. A bad checksum or a truncated entry throws a DatasetError.
 */
export function readTar(archive: Uint8Array): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let longPath: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return files;
    checkChecksum(header, offset);
    const size = parseOctal(header.subarray(124, 136), 'size', offset);
    const type = String.fromCharCode(header[156]!);
    const dataStart = offset + BLOCK;
    if (dataStart + size > archive.length) {
      throw new DatasetError(
        `readTar: entry at byte ${offset} needs ${size} bytes of data but the archive ends at byte ${archive.length} (truncated)`,
      );
    }
    const data = archive.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') longPath = paxPath(data) ?? longPath;
    else if (type === 'L') longPath = cString(data);
    else if (type === 'g') continue;
    else {
      const path = longPath ?? headerPath(header);
      longPath = undefined;
      if (type === '0' || type === '\0' || type === '7') files.push({ path, data });
    }
  }
  throw new DatasetError(
    `readTar: the archive ends at byte ${archive.length} without its end-of-archive blocks (truncated)`,
  );
}

function headerPath(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = decoder.decode(header.subarray(257, 262)) === 'ustar';
  const prefix = isUstar ? cString(header.subarray(345, 500)) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** The `path` record of a PAX extended header ("<len> path=<value>\n" records). */
function paxPath(data: Uint8Array): string | undefined {
  let path: string | undefined;
  for (const record of decoder.decode(data).split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(record);
    if (match) path = match[1];
  }
  return path;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function parseOctal(field: Uint8Array, name: string, offset: number): number {
  const text = cString(field).trim();
  if (!/^[0-7]+$/.test(text))
    throw new DatasetError(`readTar: header at byte ${offset} has a malformed ${name} field '${text}'`);
  return Number.parseInt(text, 8);
}

/** The header checksum: the byte sum of the header with its checksum field read as spaces. */
function checkChecksum(header: Uint8Array, offset: number): void {
  const stored = parseOctal(header.subarray(148, 156), 'checksum', offset);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  if (sum !== stored)
    throw new DatasetError(
      `readTar: header at byte ${offset} has checksum ${stored} but its bytes sum to ${sum} (corrupt archive)`,
    );
}
