import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseReturn, ShelfParcel } from '../common/receiving.ts';
import { api } from '../../../base/browser/api.ts';
import { useFormat } from '../../../base/browser/context.tsx';
import { href } from '../../../base/browser/router.ts';
import { shelfReasonText } from './Unmatched.tsx';

/** The case page's section of parcels on the shelf that came for the case; nothing when there are none. */
export function CaseShelf({ rma }: { rma: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [parcels, setParcels] = useState<ShelfParcel[]>([]);

  useEffect(() => {
    let current = true;
    void api['parcels.ofCase']({ rma }).then((result) => {
      if (current && result.ok) setParcels(result.value);
    });
    return () => {
      current = false;
    };
  }, [rma]);

  if (parcels.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="case-shelf-title">
      <h2 id="case-shelf-title">{t('unmatched.ofCaseTitle')}</h2>
      <table className="shelf">
        <thead>
          <tr>
            <th scope="col">{t('field.tracking')}</th>
            <th scope="col">{t('unmatched.reasonTitle')}</th>
            <th scope="col">{t('unmatched.shelf')}</th>
            <th scope="col">{t('receiving.when')}</th>
            <th scope="col">{t('unmatched.loggedBy')}</th>
            <th scope="col" className="num">
              {t('unmatched.photos')}
            </th>
            <th scope="col">{t('field.note')}</th>
          </tr>
        </thead>
        <tbody>
          {parcels.map((p) => (
            <tr key={p.id}>
              <td className="mono">{p.tracking}</td>
              <td>{shelfReasonText({ ...p, forRma: null }, t)}</td>
              <td>{p.shelf ?? ''}</td>
              <td className="nowrap">{format.dateTime(p.createdAt)}</td>
              <td>{p.createdBy ?? ''}</td>
              <td className="num">{p.photos}</td>
              <td className="pre">{p.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={href({ screen: 'unmatched' })}>{t('receiving.openShelf')}</a>
      </p>
    </section>
  );
}

/** The case page's line about the return of many units the case came in; nothing for a case on its own. */
export function CaseReturnLine({ rma }: { rma: string }) {
  const { t } = useTranslation();
  const [ret, setRet] = useState<CaseReturn | null>(null);
  useEffect(() => {
    let current = true;
    void api['returns.ofCase']({ rma }).then((result) => {
      if (current && result.ok) setRet(result.value.ret);
    });
    return () => {
      current = false;
    };
  }, [rma]);
  if (!ret) return null;
  return (
    <p className="case-return">
      <a href={href({ screen: 'return', number: ret.number })}>{t('returns.ofCase', { number: ret.number, count: ret.units })}</a>
      {ret.missing ? <span className="badge badge-missing">{t('returns.missingFromBox')}</span> : null}
    </p>
  );
}
