/**
 * Reads back the text that this module draws, for tests: per page, the lines of text in reading
 * order (top to bottom, left to right; strings on one baseline joined by a space). It understands what
 * pdf-lib writes for standard fonts (`1 0 0 1 x y Tm` then `<hex> Tj`, WinAnsi bytes, Flate-compressed
 * content streams) and is no general PDF text extractor.
 */
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import { decodeWinAnsi } from './win-ansi.js';

interface Run {
  x: number;
  y: number;
  text: string;
}

const OPERATION = /1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm|<([0-9A-Fa-f]*)> Tj/g;

function pageContent(pdf: PDFDocument, index: number): string {
  const resolve = (object: PDFObject | undefined): PDFObject | undefined => (object instanceof PDFRef ? pdf.context.lookup(object) : object);
  const contents = resolve(pdf.getPage(index).node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map(resolve) : [contents];
  let text = '';
  for (const stream of streams) {
    if (stream instanceof PDFRawStream) text += `${Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')}\n`;
  }
  return text;
}

function runsOf(content: string): Run[] {
  const runs: Run[] = [];
  let x = 0;
  let y = 0;
  for (const match of content.matchAll(OPERATION)) {
    if (match[3] === undefined) {
      x = Number(match[1]);
      y = Number(match[2]);
    } else {
      runs.push({ x, y, text: decodeWinAnsi(Buffer.from(match[3], 'hex')) });
    }
  }
  return runs;
}

/** The lines of text of every page. */
export async function extractPageLines(pdfBytes: Uint8Array): Promise<string[][]> {
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const pages: string[][] = [];
  for (let i = 0; i < pdf.getPageCount(); i++) {
    const byLine = new Map<number, Run[]>();
    for (const run of runsOf(pageContent(pdf, i))) {
      const key = Math.round(run.y * 2) / 2;
      byLine.set(key, [...(byLine.get(key) ?? []), run]);
    }
    const lines = [...byLine.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, runs]) =>
        runs
          .sort((a, b) => a.x - b.x)
          .map((r) => r.text)
          .join(' '),
      );
    pages.push(lines);
  }
  return pages;
}

/** All text of the document, pages separated by a form feed, lines by a line break. */
export async function extractText(pdfBytes: Uint8Array): Promise<string> {
  return (await extractPageLines(pdfBytes)).map((lines) => lines.join('\n')).join('\f');
}
