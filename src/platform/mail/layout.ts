/**
 * Renders a mail, described as plain-text blocks, to its text and HTML bodies. Every string in a block is
 * text, escaped here — templates never write markup, so user-provided names cannot inject any.
 *
 * HTML: one centred column, inline styles only, no images, `lang` set, real headings, a data table with
 * row headers for facts, link text that says where it goes, contrast above WCAG AA.
 */
import { escapeHtml, type MailLanguage } from './format.js';

export type MailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'quote'; text: string };

export interface MailDocument {
  lang: MailLanguage;
  subject: string;
  /** "Guten Tag Anna Beispiel," — the salutation line. */
  greeting: string;
  blocks: MailBlock[];
  action: { label: string; url: string };
  /** Footer paragraphs (broker notice, why the mail came, preferences). */
  footer: { text: string; link?: { label: string; url: string } }[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const COLOR_TEXT = '#1f2933';
const COLOR_MUTED = '#4a5561'; // 7.6:1 on white
const COLOR_LINK = '#0b5cad'; // 6.4:1 on white; white on it likewise
const FONT = 'Arial,Helvetica,sans-serif';

function renderText(doc: MailDocument): string {
  const out: string[] = [doc.greeting, ''];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'paragraph':
        out.push(block.text);
        break;
      case 'list':
        out.push(...block.items.map((item) => `- ${item}`));
        break;
      case 'facts':
        out.push(...block.rows.map(([label, value]) => `${label}: ${value}`));
        break;
      case 'quote':
        out.push(...block.text.split('\n').map((line) => (line ? `> ${line}` : '>')));
        break;
    }
    out.push('');
  }
  out.push(`${doc.action.label}: ${doc.action.url}`, '', '-- ');
  for (const part of doc.footer) {
    out.push(part.text);
    if (part.link) out.push(`${part.link.label}: ${part.link.url}`);
  }
  return `${out.join('\n')}\n`;
}

function renderBlockHtml(block: MailBlock): string {
  const p = `margin:0 0 16px 0;`;
  switch (block.kind) {
    case 'paragraph':
      return `<p style="${p}">${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul style="margin:0 0 16px 0;padding:0 0 0 24px;">${block.items
        .map((item) => `<li style="margin:0 0 4px 0;">${escapeHtml(item)}</li>`)
        .join('')}</ul>`;
    case 'facts':
      return `<table style="margin:0 0 16px 0;border-collapse:collapse;">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;font-weight:normal;color:${COLOR_MUTED};padding:4px 16px 4px 0;vertical-align:top;">${escapeHtml(label)}</th>` +
            `<td style="padding:4px 0;font-weight:bold;">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'quote':
      return `<blockquote style="margin:0 0 16px 0;padding:12px 16px;border-left:4px solid ${COLOR_LINK};background-color:#f4f5f7;">${escapeHtml(
        block.text,
      ).replace(/\n/g, '<br>')}</blockquote>`;
  }
}

function renderHtml(doc: MailDocument): string {
  const subject = escapeHtml(doc.subject);
  const url = escapeHtml(doc.action.url);
  const fallback =
    doc.lang === 'de' ? 'Falls der Knopf nicht funktioniert, öffnen Sie diese Adresse:' : 'If the button does not work, open this address:';
  const footer = doc.footer
    .map(
      (part) =>
        `<p style="margin:0 0 8px 0;">${escapeHtml(part.text)}${
          part.link ? ` <a href="${escapeHtml(part.link.url)}" style="color:${COLOR_LINK};">${escapeHtml(part.link.label)}</a>` : ''
        }</p>`,
    )
    .join('');
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${subject}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:#f4f5f7;">`,
    `<div role="article" aria-label="${subject}" lang="${doc.lang}" style="background-color:#f4f5f7;padding:24px 12px;">`,
    `<div style="max-width:600px;margin:0 auto;background-color:#ffffff;border:1px solid #d8dce3;border-radius:6px;padding:32px 28px;font-family:${FONT};font-size:16px;line-height:1.5;color:${COLOR_TEXT};">`,
    `<p style="margin:0 0 24px 0;font-size:20px;font-weight:bold;color:${COLOR_LINK};">Kreditplatz</p>`,
    `<h1 style="margin:0 0 16px 0;font-size:22px;line-height:1.3;color:${COLOR_TEXT};">${subject}</h1>`,
    `<p style="margin:0 0 16px 0;">${escapeHtml(doc.greeting)}</p>`,
    ...doc.blocks.map(renderBlockHtml),
    `<p style="margin:24px 0;"><a href="${url}" style="display:inline-block;background-color:${COLOR_LINK};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:4px;">${escapeHtml(doc.action.label)}</a></p>`,
    `<p style="margin:0 0 16px 0;font-size:14px;color:${COLOR_MUTED};">${escapeHtml(fallback)} <a href="${url}" style="color:${COLOR_LINK};word-break:break-all;">${url}</a></p>`,
    `<div style="margin:24px 0 0 0;padding:16px 0 0 0;border-top:1px solid #d8dce3;font-size:13px;line-height:1.5;color:${COLOR_MUTED};">${footer}</div>`,
    '</div>',
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

export function renderMail(doc: MailDocument): RenderedMail {
  return { subject: doc.subject, text: renderText(doc), html: renderHtml(doc) };
}
