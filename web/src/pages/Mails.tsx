import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime } from '../format';

type CaughtMail = components['schemas']['CaughtMail'];

/** Development and demo: the mails the in-process SMTP catcher received (no mail leaves the machine). */
export function Mails() {
  const { t } = useTranslation();
  const [items, setItems] = useState<CaughtMail[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/dev/mails').then(({ data }) => setItems(data?.items ?? []));
  }, []);
  return (
    <section className="card">
      <h1>{t('mails.title')}</h1>
      <p className="muted">{t('mails.lead')}</p>
      {items?.length === 0 && <p>{t('common.none')}</p>}
      <ul className="list">
        {items?.map((m) => (
          <li key={m.id}>
            <button className="link" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>
              {m.subject}
            </button>{' '}
            <small>
              {t('mails.to')} {m.to.join(', ')} · {formatDateTime(m.receivedAt)}
            </small>
            {open === m.id && (
              // The catcher shows mails as the sender wrote them: HTML only in a sandboxed frame.
              m.html ? (
                <iframe title={m.subject} sandbox="" srcDoc={m.html} className="mail-frame" />
              ) : (
                <pre className="mail-text">{m.text}</pre>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
