import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { cellText, csvUrl } from './analyst-utils';

type AnalystView = components['schemas']['AnalystView'];
type Rows = components['schemas']['AnalystViewRows'];

const PAGE = 25;

/**
 * The analyst's page: the pseudonymised views with their descriptions and columns, a preview of the rows
 * and CSV downloads. The server decides who may see it (analyst, admin) and logs every export.
 */
export function AnalystViews() {
  const { t, i18n } = useTranslation();
  const { name } = useParams();
  const [views, setViews] = useState<AnalystView[] | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/analyst/views').then(({ data }) => setViews(data?.items ?? []));
  }, []);
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const selected = views?.find((v) => v.name === name);
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('analyst.title')}</h1>
        <p className="lead">{t('analyst.intro')}</p>
        <p className="notice">{t('analyst.auditNotice')}</p>
      </section>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1.25rem', alignItems: 'flex-start' }}>
        <nav className="card" aria-labelledby="analyst-views-heading" style={{ flex: '1 1 14rem' }}>
          <h2 id="analyst-views-heading">{t('analyst.views')}</h2>
          {!views && <p>{t('analyst.loading')}</p>}
          <ul className="list">
            {views?.map((v) => (
              <li key={v.name} style={{ marginBottom: '0.4rem' }}>
                <Link to={`/analyst/${v.name}`} aria-current={v.name === name ? 'page' : undefined} style={v.name === name ? { fontWeight: 700 } : undefined}>
                  <code>{v.name}</code>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div style={{ flex: '999 1 30rem', minWidth: 0 }} className="stack">
          {views && !name && <p className="card">{t('analyst.chooseView')}</p>}
          {views && name && !selected && <p className="card alert">{t('analyst.notFound')}</p>}
          {selected && <ViewDetail key={selected.name} view={selected} lang={lang} />}
        </div>
      </div>
    </div>
  );
}

function ViewDetail({ view, lang }: { view: AnalystView; lang: 'de' | 'en' }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Rows | null>(null);
  useEffect(() => {
    void api
      .GET('/api/v1/analyst/views/{name}', { params: { path: { name: view.name }, query: { limit: PAGE, offset } } })
      .then(({ data }) => setPage(data ?? null));
  }, [view.name, offset]);
  const texts = { yes: t('analyst.yes'), no: t('analyst.no') };
  const captionId = `analyst-preview-${view.name}`;
  return (
    <>
      <section className="card" aria-labelledby="analyst-view-heading">
        <h2 id="analyst-view-heading">
          <code>{view.name}</code>
        </h2>
        <p>{view.description[lang]}</p>
        <h3>{t('analyst.download')}</h3>
        <p className="actions">
          <a className="button" href={csvUrl(view.name, 'rfc4180')} download>
            {t('analyst.csv')}
          </a>
          <a className="button" href={csvUrl(view.name, 'de')} download>
            {t('analyst.csvDe')}
          </a>
        </p>
        <h3>{t('analyst.columns')}</h3>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('analyst.column')}</th>
                <th scope="col">{t('analyst.type')}</th>
                <th scope="col">{t('analyst.description')}</th>
              </tr>
            </thead>
            <tbody>
              {view.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>{t(`analyst.types.${c.type}`)}</td>
                  <td>{c.description[lang]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="analyst-preview-heading">
        <div className="card-head">
          <h2 id="analyst-preview-heading">{t('analyst.preview')}</h2>
          {page && <span className="muted">{t('analyst.rows', { count: page.total })}</span>}
        </div>
        {!page && <p>{t('analyst.loading')}</p>}
        {page && page.total === 0 && <p>{t('analyst.empty')}</p>}
        {page && page.total > 0 && (
          <>
            <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table>
                <caption id={captionId} className="muted" style={{ textAlign: 'left' }}>
                  {t('analyst.previewCaption', { from: page.offset + 1, to: page.offset + page.rows.length, total: page.total, name: view.name })}
                </caption>
                <thead>
                  <tr>
                    {view.columns.map((c) => (
                      <th key={c.name} scope="col" className={isNumeric(c.type) ? 'num' : undefined} style={{ whiteSpace: 'nowrap' }}>
                        <code style={{ wordBreak: 'normal' }}>{c.name}</code>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((row, i) => (
                    <tr key={i}>
                      {view.columns.map((c) => (
                        <td key={c.name} className={isNumeric(c.type) ? 'num' : undefined} style={{ whiteSpace: 'nowrap' }}>
                          {cellText(row[c.name], c.type, lang, texts)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">{t('analyst.timesNote')}</p>
            <p className="actions">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('analyst.previous')}
              </button>
              <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                {t('analyst.next')}
              </button>
            </p>
          </>
        )}
      </section>
    </>
  );
}

const isNumeric = (type: string) => type === 'integer' || type === 'bigint' || type === 'decimal';
