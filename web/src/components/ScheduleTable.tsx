import { useTranslation } from 'react-i18next';
import { formatDate, formatEur } from '../format';

export interface ScheduleRowView {
  number: number;
  dueDate: string;
  interest: string;
  principal: string;
  fees: string;
  payment: string;
  balance: string;
}

/** A repayment schedule, one row per instalment, German formats. */
export function ScheduleTable({ rows }: { rows: ScheduleRowView[] }) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('calculator.dueDate')}</th>
          <th scope="col" className="num">{t('calculator.interest')}</th>
          <th scope="col" className="num">{t('calculator.principal')}</th>
          <th scope="col" className="num">{t('calculator.feesCol')}</th>
          <th scope="col" className="num">{t('calculator.payment')}</th>
          <th scope="col" className="num">{t('calculator.balance')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.number}>
            <td>{r.number}</td>
            <td>{formatDate(r.dueDate)}</td>
            <td className="num">{formatEur(r.interest)}</td>
            <td className="num">{formatEur(r.principal)}</td>
            <td className="num">{formatEur(r.fees)}</td>
            <td className="num">{formatEur(r.payment)}</td>
            <td className="num">{formatEur(r.balance)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
