/**
 * QR codes of the game's links and codes, made in the page (qrcode-generator, no request off the
 * origin): a class link to project, so students join with a phone's camera; a code to hand in.
 * No Phaser here: the module matrix is tested in Node, and a canvas draws it.
 */
import qrcode from 'qrcode-generator';

/** The quiet zone around a QR code, in modules (the standard's minimum). */
export const QUIET = 4;

/** The modules of a QR code of `text` (error correction M: a projected or slightly smudged code still reads), row by row; true is dark. */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  // Links and codes are ASCII (URLs with base64url parameters); any other character is sent as its UTF-8 bytes.
  qr.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** Draws a QR code on a canvas `size` pixels square: dark modules on white, with the quiet zone. */
export function drawQr(canvas: HTMLCanvasElement, text: string, size: number) {
  const m = qrModules(text);
  const cells = m.length + 2 * QUIET;
  const cell = Math.max(1, Math.floor(size / cells));
  canvas.width = canvas.height = cell * cells;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000000';
  m.forEach((row, r) => row.forEach((dark, c) => dark && g.fillRect((c + QUIET) * cell, (r + QUIET) * cell, cell, cell)));
}
