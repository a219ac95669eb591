import { useEffect, useId, useState, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { components } from '../../api/schema';

type Lender = components['schemas']['Lender'];

/** A labelled textarea with hint and inline error, like `Field` for inputs. */
export function TextAreaField({
  label,
  hint,
  error,
  ...textarea
}: { label: string; hint?: string; error?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} aria-invalid={!!error} aria-describedby={`${id}-hint ${id}-err`} {...textarea} />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-err`} className="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The lender the signed-in lender user belongs to (`GET /lenders` answers only its own). */
export function useOwnLender(): Lender | null {
  const [lender, setLender] = useState<Lender | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/lenders', { params: { query: {} } }).then(({ data }) => setLender(data?.items[0] ?? null));
  }, []);
  return lender;
}

/** "Kreissparkasse Musterstadt · Kreditrichtlinie ansehen" under a portal page's heading. */
export function OwnLenderLine() {
  const { t } = useTranslation();
  const lender = useOwnLender();
  if (!lender) return null;
  return (
    <p>
      {lender.name}
      {lender.demo && (
        <>
          {' '}
          <span className="badge">{t('lenders.demo')}</span>
        </>
      )}{' '}
      · <Link to={`/lenders/${lender.id}`}>{t('lender.common.policy')}</Link>
    </p>
  );
}

/**
 * A secret shown exactly once: highlighted, with a warning, a copy button and a button to hide it.
 * `testId` names the element holding the secret for tests.
 */
export function SecretBox({ title, warning, secret, testId, onDismiss, children }: {
  title: string;
  warning: string;
  secret: string;
  testId: string;
  onDismiss: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const headingId = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('ok');
    } catch {
      // No clipboard (plain http, or permission denied): the text stays selectable.
      setCopied('failed');
    }
  }
  return (
    <div className="notice" role="region" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p>
        <strong>{warning}</strong>
      </p>
      <p>
        <code data-testid={testId}>{secret}</code>
      </p>
      {children}
      <div className="actions">
        <button type="button" onClick={copy}>
          {t('lender.secret.copy')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('lender.secret.dismiss')}
        </button>
        <span role="status">{copied === 'ok' ? t('lender.secret.copied') : copied === 'failed' ? t('lender.secret.copyFailed') : ''}</span>
      </div>
    </div>
  );
}
