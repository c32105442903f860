import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { useFormat, useSigned } from '../../../base/browser/context.tsx';
import { href } from '../../../base/browser/router.ts';
import { DEFAULT_OVERDUE_DAYS, type SupplierReturnSummary } from '../common/index.ts';

/**
 * On the cases dashboard: supplier returns open longer than 14 days, so faulty goods do not sit in
 * the cage waiting for credit. Nothing is shown while none is.
 */
export function OverdueSupplierReturns() {
  const { t } = useTranslation();
  const format = useFormat();
  const role = useSigned().user.role;
  const [overdue, setOverdue] = useState<SupplierReturnSummary[]>([]);
  useEffect(() => {
    void api['supplierReturns.overdue']({}).then((result) => {
      if (result.ok) setOverdue(result.value);
    });
  }, []);
  if (overdue.length === 0) return null;
  return (
    <section className="panel supplier-overdue" aria-labelledby="supplier-overdue">
      <h2 id="supplier-overdue">{t('supplierReturns.overdueTitle')}</h2>
      <p className="muted">{t('supplierReturns.overdueIntro', { days: DEFAULT_OVERDUE_DAYS })}</p>
      <ul>
        {overdue.map((r) => {
          const text = t('supplierReturns.overdueRow', { number: r.number, vendor: r.vendor, when: format.dateTime(r.openedAt), count: r.items });
          return <li key={r.id}>{role === 'clerk' || role === 'admin' ? <a href={href({ screen: 'supplierReturns' })}>{text}</a> : text}</li>;
        })}
      </ul>
    </section>
  );
}
