import { useTranslation } from 'react-i18next';

/** Previous/next for a paged list, with where we are. */
export function Paging({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="paging">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('admin.paging.previous')}
      </button>
      <span role="status">{t('admin.paging.page', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('admin.paging.next')}
      </button>
    </div>
  );
}
