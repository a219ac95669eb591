export { caughtMails } from './schema.js';
export { mailBorrower, sendBorrowerMail, MAIL_QUEUE, type BorrowerMail } from './mail-jobs.js';
export { storeCaughtMail, listCaughtMails } from './caught-mails.js';
export { notificationRoutes } from './routes.js';
export { onOfferReceived } from './offer-mails.js';
