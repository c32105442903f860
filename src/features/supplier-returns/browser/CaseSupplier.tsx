import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../base/browser/api.ts';
import { useFormat } from '../../../base/browser/context.tsx';
import type { CaseSupplierItem } from '../common/index.ts';

/** The case page's section: where the case's faulty unit or parts went. Nothing while none went back. */
export function CaseSupplier({ rma }: { rma: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [items, setItems] = useState<CaseSupplierItem[]>([]);

  useEffect(() => {
    let current = true;
    void api['supplierReturns.ofCase']({ rma }).then((result) => {
      if (current && result.ok) setItems(result.value);
    });
    return () => {
      current = false;
    };
  }, [rma]);

  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="case-supplier-title">
      <h2 id="case-supplier-title">{t('supplierReturns.ofCase.title')}</h2>
      <ul>
        {items.map((item) => {
          const sent = item.status !== 'open';
          const key = item.kind === 'unit' ? (sent ? 'unit' : 'unitOpen') : sent ? 'part' : 'partOpen';
          return (
            <li key={`${item.number}-${item.kind}-${item.sku ?? ''}`}>
              {t(`supplierReturns.ofCase.${key}`, { vendor: item.vendor, number: item.number, sku: item.sku ?? '', quantity: item.quantity })}
              {item.shippedAt ? t('supplierReturns.ofCase.on', { when: format.dateTime(item.shippedAt) }) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
