/**
 * A minimal flowing layout on A4 pages for pdf-lib: a cursor that moves down the page, paragraphs
 * wrapped to the width, label/value lists and tables whose header repeats on every page they span.
 * Every string is passed through `toWinAnsi` before it is measured or drawn, so no text can make
 * pdf-lib throw. Headers and footers (which need the page count) are drawn afterwards by the caller.
 */
import { type Color, type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { toWinAnsi, toWinAnsiLines } from './win-ansi.js';

export const PAGE_WIDTH = 595.28; // A4 in points
export const PAGE_HEIGHT = 841.89;
export const MARGIN_X = 56.69; // 20 mm
export const CONTENT_TOP = PAGE_HEIGHT - 72; // below the running header
export const CONTENT_BOTTOM = 64; // above the running footer
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

export const COLORS = {
  text: rgb(0.1, 0.1, 0.12),
  muted: rgb(0.38, 0.4, 0.44),
  rule: rgb(0.72, 0.74, 0.78),
  zebra: rgb(0.955, 0.96, 0.97),
  headerFill: rgb(0.88, 0.91, 0.95),
  accent: rgb(0.08, 0.23, 0.45),
  demo: rgb(0.72, 0.08, 0.08),
  demoFill: rgb(1, 0.93, 0.93),
} as const;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: Color;
}

export interface ParagraphOptions extends TextStyle {
  indent?: number;
  /** Space after the paragraph (points). */
  after?: number;
  /** Text in front of the first line (e.g. a bullet), hanging in the indent. */
  hanging?: string;
}

export interface LabelValue {
  label: string;
  value: string;
  strong?: boolean;
  /** Small grey explanation under the value. */
  note?: string;
}

export interface TableColumn {
  title: string;
  /** Share of the table width (columns are scaled to fill it). */
  width: number;
  align?: 'left' | 'right';
}

export interface TableOptions {
  size?: number;
  /** Drawn above the header when the table continues on a new page. */
  continuationTitle?: string;
  /** Rows drawn bold on a tinted background (e.g. a totals row). */
  strongRows?: ReadonlySet<number>;
  /** A darker rule under these rows (e.g. the end of each year). */
  ruleAfterRows?: ReadonlySet<number>;
  zebra?: boolean;
}

const LEADING = 1.32;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 1.8;

export class PageFlow {
  readonly pages: PDFPage[] = [];
  /** Top of the free space on the current page. */
  y = CONTENT_TOP;
  private current: PDFPage | undefined;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {}

  get page(): PDFPage {
    if (this.current === undefined) this.newPage();
    return this.current as PDFPage;
  }

  newPage(): PDFPage {
    this.current = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.current);
    this.y = CONTENT_TOP;
    return this.current;
  }

  /** Starts a new page unless `height` points fit between the cursor and the bottom margin. */
  ensure(height: number): void {
    if (this.current === undefined || this.y - height < CONTENT_BOTTOM) this.newPage();
  }

  gap(height: number): void {
    this.y -= height;
  }

  font(style: TextStyle = {}): PDFFont {
    return style.bold ? this.fonts.bold : this.fonts.regular;
  }

  width(text: string, style: TextStyle = {}): number {
    return this.font(style).widthOfTextAtSize(toWinAnsi(text), style.size ?? 10);
  }

  /** Draws one line with its baseline at `y` (no wrapping, no cursor movement). */
  drawLine(text: string, x: number, y: number, style: TextStyle = {}, page: PDFPage = this.page): void {
    const safe = toWinAnsi(text);
    if (safe === '') return;
    page.drawText(safe, { x, y, font: this.font(style), size: style.size ?? 10, color: style.color ?? COLORS.text });
  }

  /** Draws one line right-aligned to `right`. */
  drawLineRight(text: string, right: number, y: number, style: TextStyle = {}, page: PDFPage = this.page): void {
    this.drawLine(text, right - this.width(text, style), y, style, page);
  }

  /** The lines of `text` wrapped to `width` (explicit line breaks kept; over-long words broken). */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const font = this.font(style);
    const size = style.size ?? 10;
    const measure = (s: string): number => font.widthOfTextAtSize(s, size);
    const lines: string[] = [];
    for (const paragraph of toWinAnsiLines(text)) {
      const words = paragraph.split(' ').filter((w) => w !== '');
      if (words.length === 0) {
        lines.push('');
        continue;
      }
      let line = '';
      for (let word of words) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (measure(candidate) <= width) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        // A word wider than the line: break it where it has to.
        while (measure(word) > width) {
          let cut = 1;
          while (cut < word.length && measure(word.slice(0, cut + 1)) <= width) cut++;
          lines.push(word.slice(0, cut));
          word = word.slice(cut);
        }
        line = word;
      }
      lines.push(line);
    }
    return lines;
  }

  lineHeight(style: TextStyle = {}): number {
    return (style.size ?? 10) * LEADING;
  }

  /** A wrapped paragraph at the cursor; breaks across pages line by line. */
  paragraph(text: string, options: ParagraphOptions = {}): void {
    const indent = options.indent ?? 0;
    const size = options.size ?? 10;
    const lineHeight = this.lineHeight(options);
    const lines = this.wrap(text, CONTENT_WIDTH - indent, options);
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      const baseline = this.y - size * 0.9;
      if (i === 0 && options.hanging) this.drawLine(options.hanging, MARGIN_X + indent - this.width(options.hanging, options) - 4, baseline, options);
      this.drawLine(line, MARGIN_X + indent, baseline, options);
      this.y -= lineHeight;
    });
    this.gap(options.after ?? 4);
  }

  /** A section heading, kept on the page together with `keepWith` points of what follows. */
  heading(text: string, options: { size?: number; keepWith?: number; before?: number } = {}): void {
    const size = options.size ?? 11.5;
    this.gap(this.current === undefined || this.y === CONTENT_TOP ? 0 : (options.before ?? 8));
    this.ensure(size * LEADING + (options.keepWith ?? 30));
    this.drawLine(text, MARGIN_X, this.y - size * 0.9, { bold: true, size, color: COLORS.accent });
    this.y -= size * LEADING + 3;
  }

  /** Label/value rows: labels in a left column, values wrapped in the right one. */
  labelValues(rows: readonly LabelValue[], options: { labelWidth?: number; size?: number } = {}): void {
    const size = options.size ?? 9.5;
    const labelWidth = options.labelWidth ?? 200;
    const valueWidth = CONTENT_WIDTH - labelWidth;
    const lineHeight = size * LEADING;
    for (const row of rows) {
      const labelLines = this.wrap(row.label, labelWidth - 10, { size });
      const valueLines = this.wrap(row.value, valueWidth, { size, bold: row.strong });
      const noteLines = row.note ? this.wrap(row.note, valueWidth, { size: size - 1.5 }) : [];
      const height = Math.max(labelLines.length, valueLines.length) * lineHeight + noteLines.length * (size - 1.5) * LEADING + 3;
      this.ensure(height);
      const top = this.y;
      labelLines.forEach((line, i) => this.drawLine(line, MARGIN_X, top - size * 0.9 - i * lineHeight, { size, color: COLORS.muted }));
      valueLines.forEach((line, i) =>
        this.drawLine(line, MARGIN_X + labelWidth, top - size * 0.9 - i * lineHeight, { size, bold: row.strong }),
      );
      const noteTop = top - valueLines.length * lineHeight;
      noteLines.forEach((line, i) =>
        this.drawLine(line, MARGIN_X + labelWidth, noteTop - (size - 1.5) * 0.9 - i * (size - 1.5) * LEADING, {
          size: size - 1.5,
          color: COLORS.muted,
        }),
      );
      this.y = top - height;
      this.page.drawLine({
        start: { x: MARGIN_X, y: this.y + 1 },
        end: { x: MARGIN_X + CONTENT_WIDTH, y: this.y + 1 },
        thickness: 0.3,
        color: COLORS.rule,
      });
      this.gap(2);
    }
    this.gap(4);
  }

  /** A table; rows never split, the header repeats on every page the table spans. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
    const size = options.size ?? 8.5;
    const lineHeight = size * LEADING;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const lefts = widths.map((_, i) => MARGIN_X + widths.slice(0, i).reduce((a, b) => a + b, 0));

    const cellLines = (cells: readonly string[], bold: boolean): string[][] =>
      columns.map((_, i) => this.wrap(cells[i] ?? '', widths[i] - 2 * CELL_PAD_X, { size, bold }));
    const heightOf = (lines: string[][]): number => Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * CELL_PAD_Y;

    const drawRow = (lines: string[][], height: number, style: { bold?: boolean; fill?: Color }): void => {
      const top = this.y;
      if (style.fill) {
        this.page.drawRectangle({ x: MARGIN_X, y: top - height, width: CONTENT_WIDTH, height, color: style.fill });
      }
      lines.forEach((cell, c) => {
        cell.forEach((line, l) => {
          const baseline = top - CELL_PAD_Y - size * 0.88 - l * lineHeight;
          const textStyle = { size, bold: style.bold };
          if (columns[c].align === 'right') this.drawLineRight(line, lefts[c] + widths[c] - CELL_PAD_X, baseline, textStyle);
          else this.drawLine(line, lefts[c] + CELL_PAD_X, baseline, textStyle);
        });
      });
      this.y = top - height;
    };

    const headerLines = cellLines(
      columns.map((c) => c.title),
      true,
    );
    const headerHeight = heightOf(headerLines);
    const drawHeader = (): void => {
      drawRow(headerLines, headerHeight, { bold: true, fill: COLORS.headerFill });
      this.page.drawLine({
        start: { x: MARGIN_X, y: this.y },
        end: { x: MARGIN_X + CONTENT_WIDTH, y: this.y },
        thickness: 0.6,
        color: COLORS.accent,
      });
    };

    const bodies = rows.map((row, i) => cellLines(row, options.strongRows?.has(i) ?? false));
    // Keep the header together with at least the first row.
    this.ensure(headerHeight + (bodies.length > 0 ? heightOf(bodies[0]) : 0));
    drawHeader();
    bodies.forEach((lines, i) => {
      const height = heightOf(lines);
      if (this.y - height < CONTENT_BOTTOM) {
        this.newPage();
        if (options.continuationTitle) {
          this.drawLine(options.continuationTitle, MARGIN_X, this.y - 9.5 * 0.9, { bold: true, size: 9.5, color: COLORS.accent });
          this.y -= 9.5 * LEADING + 3;
        }
        drawHeader();
      }
      const strong = options.strongRows?.has(i) ?? false;
      const fill = strong ? COLORS.headerFill : options.zebra && i % 2 === 1 ? COLORS.zebra : undefined;
      drawRow(lines, height, { bold: strong, fill });
      const ruled = options.ruleAfterRows?.has(i) ?? false;
      this.page.drawLine({
        start: { x: MARGIN_X, y: this.y },
        end: { x: MARGIN_X + CONTENT_WIDTH, y: this.y },
        thickness: ruled ? 0.6 : 0.25,
        color: ruled ? COLORS.muted : COLORS.rule,
      });
    });
    this.gap(8);
  }
}
