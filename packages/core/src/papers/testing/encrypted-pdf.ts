import { createHash } from 'node:crypto';

/**
 * A one-page PDF encrypted with the standard security handler (revision 2, 40-bit RC4), written
 * by hand because pdf-lib cannot encrypt. With a user password a reader must ask for it; with only
 * an owner password (empty user password) it opens normally and its text is readable.
 */

export interface EncryptedPdfOptions {
  /** Needed to open the file; '' (the default) makes an owner-password-only PDF. */
  userPassword?: string;
  ownerPassword?: string;
  /** Lines of text on the page. */
  lines?: string[];
  title?: string;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function padPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);
}

function md5(...parts: Uint8Array[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

function escapePdfString(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}

export function makeEncryptedPdf(opts: EncryptedPdfOptions = {}): Uint8Array {
  const user = opts.userPassword ?? '';
  const owner = opts.ownerPassword ?? 'owner-secret';
  const lines = opts.lines ?? [
    'Confidential Findings on Sealed Archives',
    'Ada Lindqvist and Bruno Okafor',
    'This page is encrypted with RC4.',
  ];
  const title = opts.title ?? lines[0] ?? 'Encrypted';
  const permissions = -44;
  const id = md5(Buffer.from(`folio-test-${user}-${owner}-${title}`));

  const ownerKey = md5(padPassword(owner || user)).subarray(0, 5);
  const O = rc4(ownerKey, padPassword(user));
  const P = Buffer.alloc(4);
  P.writeInt32LE(permissions);
  const fileKey = md5(padPassword(user), O, P, id).subarray(0, 5);
  const U = rc4(fileKey, PAD);
  const objectKey = (num: number) =>
    md5(fileKey, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0])).subarray(0, 10);

  const content = Buffer.from(
    [
      'BT',
      '/F1 20 Tf',
      '72 700 Td',
      ...lines.flatMap((line, i) => [...(i ? ['0 -28 Td'] : []), `(${escapePdfString(line)}) Tj`]),
      'ET',
    ].join('\n'),
    'latin1',
  );
  const encryptedContent = rc4(objectKey(5), content);
  const encryptedTitle = rc4(objectKey(6), Buffer.from(title, 'latin1')).toString('hex');

  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>'),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
    Buffer.concat([
      Buffer.from(`<< /Length ${encryptedContent.length} >>\nstream\n`),
      encryptedContent,
      Buffer.from('\nendstream'),
    ]),
    Buffer.from(`<< /Title <${encryptedTitle}> >>`),
    Buffer.from(`<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${permissions} >>`),
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    offset += chunk.length;
    chunks.push(chunk);
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R /Encrypt 7 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
