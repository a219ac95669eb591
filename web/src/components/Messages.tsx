import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, type Problem } from '../api/client';
import type { components } from '../api/schema';
import { formatDateTime } from '../format';
import { ProblemAlert } from './Field';
import './Messages.css';

type Message = components['schemas']['RequestMessage'];

/**
 * The conversation between a request's borrower and the platform's advisors. Both sides use it: the
 * borrower on the request page, advisors on the case page. Opening it marks the other side's messages read.
 */
export function Messages({ requestId, viewer, onChange }: { requestId: string; viewer: 'borrower' | 'staff'; onChange?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [items, setItems] = useState<Message[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const load = useCallback(async () => {
    const path = { params: { path: { id: requestId } } };
    const { data, error } = await api.GET('/api/v1/financing-requests/{id}/messages', path);
    if (error) return setProblem(error as Problem);
    setItems(data.items);
    setUnread(data.unread);
    if (data.unread > 0) {
      await api.POST('/api/v1/financing-requests/{id}/messages/read', path);
      onChange?.();
    }
  }, [requestId, onChange]);

  useEffect(() => {
    void load();
    // New messages arrive live (the server publishes each one on the request's event stream).
    const source = new EventSource(`/api/v1/financing-requests/${requestId}/events`);
    source.addEventListener('message_posted', () => void load());
    return () => source.close();
  }, [requestId, load]);

  async function send(e: FormEvent) {
    e.preventDefault();
    setSending(true);
    const { data, error } = await api.POST('/api/v1/financing-requests/{id}/messages', { params: { path: { id: requestId } }, body: { body } });
    setSending(false);
    if (error) return setProblem(error as Problem);
    setProblem(null);
    setBody('');
    setStatus(t('advisor.messages.sent'));
    setItems((prev) => [...(prev ?? []).filter((m) => m.id !== data.id), data]);
    onChange?.();
  }

  const errors = fieldErrors(problem ?? undefined);
  const own = (m: Message) => m.side === viewer;
  const authorOf = (m: Message) =>
    own(m) ? t('advisor.messages.you') : viewer === 'borrower' ? `${m.author.name} · ${t('advisor.messages.advisor')}` : `${m.author.name} · ${t('advisor.messages.customer')}`;
  return (
    <section className="card" id="messages" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>{viewer === 'borrower' ? t('advisor.messages.titleBorrower') : t('advisor.messages.title')}</h2>
        {unread > 0 && (
          <span className="badge" data-testid="messages-unread">
            {t('advisor.messages.unread', { count: unread })}
          </span>
        )}
      </div>
      {!items && !problem && <p>{t('common.loading')}</p>}
      {items?.length === 0 && <p className="muted">{t('advisor.messages.none')}</p>}
      {items && items.length > 0 && (
        <ol className="messages" data-testid="messages">
          {items.map((m) => (
            <li key={m.id} className={`message${own(m) ? ' own' : ''}`}>
              <div className="message-meta">
                <strong>{authorOf(m)}</strong>
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                {!own(m) && !m.readAt && <span className="badge">{t('advisor.messages.new_badge')}</span>}
              </div>
              <p className="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={send} noValidate>
        <div className={`field${errors.body ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-body`}>{t('advisor.messages.new')}</label>
          <textarea
            id={`${id}-body`}
            rows={3}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={!!errors.body}
            aria-describedby={`${id}-hint`}
          />
          <small id={`${id}-hint`}>{viewer === 'borrower' ? t('advisor.messages.hintBorrower') : t('advisor.messages.hintStaff')}</small>
          {errors.body && (
            <small className="error" role="alert">
              {errors.body}
            </small>
          )}
        </div>
        {problem && !errors.body && <ProblemAlert problem={problem} />}
        <button className="primary" type="submit" disabled={sending || body.trim() === ''}>
          {t('advisor.messages.send')}
        </button>{' '}
        <span role="status">{status}</span>
      </form>
    </section>
  );
}
