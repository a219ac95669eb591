/** Mail machinery: SMTP sending, the in-process SMTP catcher and the borrower's notification texts. */
export { createMailer, MailSendError } from './mailer.js';
export type { Mailer, MailerOptions, OutgoingMail, MailAttachment, SentMail } from './mailer.js';
export { startSmtpCatcher, DEFAULT_MAX_MESSAGE_BYTES } from './smtp-catcher.js';
export type { CaughtMail, SmtpCatcher, SmtpCatcherOptions, MailLogger } from './smtp-catcher.js';
export type { MimeAttachment, MimeHeader } from './parse-mime.js';
export {
  requestDispatched,
  firstOfferArrived,
  allOffersIn,
  contractReady,
  contractSigned,
  advisorMessage,
  mailLinks,
} from './templates.js';
export type {
  RequestDispatchedInput,
  FirstOfferArrivedInput,
  AllOffersInInput,
  ContractReadyInput,
  ContractSignedInput,
  AdvisorMessageInput,
} from './templates.js';
export type { RenderedMail } from './layout.js';
export { formatAmount, formatRate, escapeHtml, type MailLanguage } from './format.js';
