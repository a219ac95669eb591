/**
 * The running header and footer of every page: document title left, broker right, the demo notice
 * across the top when the data are demo data, "Seite 3 von 9" in the footer.
 */
import type { PDFPage } from 'pdf-lib';
import { COLORS, CONTENT_WIDTH, MARGIN_X, PAGE_HEIGHT, type PageFlow } from './page-flow.js';

export const DEMO_NOTICE = 'Demo-Daten: kein echtes Vertragsangebot';

export interface PageFrame {
  /** Left of the header, e.g. "Darlehensvertrag Nr. KP-2026-000123". */
  title: string;
  /** Right of the header, e.g. "vermittelt über Kreditplatz". */
  headerRight: string;
  /** Left of the footer. */
  footerLeft: string;
  demo: boolean;
}

/** Draws header and footer on `page`; `pageLabel` e.g. "Seite 3 von 9". */
export function drawPageFrame(flow: PageFlow, page: PDFPage, frame: PageFrame, pageLabel: string): void {
  const right = MARGIN_X + CONTENT_WIDTH;
  if (frame.demo) {
    const top = PAGE_HEIGHT - 16;
    const height = 17;
    page.drawRectangle({
      x: MARGIN_X,
      y: top - height,
      width: CONTENT_WIDTH,
      height,
      color: COLORS.demoFill,
      borderColor: COLORS.demo,
      borderWidth: 0.8,
    });
    const style = { bold: true, size: 9, color: COLORS.demo };
    const width = flow.width(DEMO_NOTICE, style);
    flow.drawLine(DEMO_NOTICE, MARGIN_X + (CONTENT_WIDTH - width) / 2, top - 12, style, page);
  }
  const headerBaseline = PAGE_HEIGHT - 48;
  flow.drawLine(frame.title, MARGIN_X, headerBaseline, { bold: true, size: 8.5, color: COLORS.accent }, page);
  flow.drawLineRight(frame.headerRight, right, headerBaseline, { size: 8.5, color: COLORS.muted }, page);
  page.drawLine({
    start: { x: MARGIN_X, y: headerBaseline - 6 },
    end: { x: right, y: headerBaseline - 6 },
    thickness: 0.6,
    color: COLORS.accent,
  });

  const footerRule = 48;
  page.drawLine({ start: { x: MARGIN_X, y: footerRule }, end: { x: right, y: footerRule }, thickness: 0.4, color: COLORS.rule });
  flow.drawLine(frame.footerLeft, MARGIN_X, footerRule - 12, { size: 8, color: COLORS.muted }, page);
  flow.drawLineRight(pageLabel, right, footerRule - 12, { size: 8, color: COLORS.muted }, page);
}
