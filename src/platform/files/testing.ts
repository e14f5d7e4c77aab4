/** Sample contents for tests (here and in modules that upload files). */
export const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

export const SAMPLES = {
  pdf: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n'),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
  html: bytes('<!DOCTYPE html><html><script>alert(1)</script></html>'),
  exe: bytes('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'This program cannot be run in DOS mode'),
  zip: bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0], 'word/document.xml'),
  svg: bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  /** a PDF header that is not at the start: refused */
  pdfLater: bytes('junk before %PDF-1.4\n'),
};
