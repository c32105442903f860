import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepairDelayWatch } from '../common/bench.ts';
import { api } from '../../../base/browser/api.ts';
import { href } from '../../../base/browser/router.ts';

/**
 * On the dashboard: the covered units about to pass (or past) the days in repair their region's
 * rules allow, so the depot finishes or offers the exchange before the customer has to ask.
 * Nothing is shown while no unit is near its limit.
 */
export function RepairDelays() {
  const { t, i18n } = useTranslation();
  const [watch, setWatch] = useState<RepairDelayWatch[]>([]);
  useEffect(() => {
    void api['bench.delayWatch']({}).then((result) => {
      if (result.ok) setWatch(result.value);
    });
  }, []);
  if (watch.length === 0) return null;
  const regionName = (code: string) => new Intl.DisplayNames([i18n.language], { type: 'region' }).of(code) ?? code;
  return (
    <section className="panel repair-delays" aria-labelledby="repair-delays">
      <h2 id="repair-delays">{t('bench.delays.title')}</h2>
      <p className="muted">{t('bench.delays.intro')}</p>
      <table aria-labelledby="repair-delays">
        <thead>
          <tr>
            <th>{t('bench.delays.rma')}</th>
            <th>{t('bench.delays.status')}</th>
            <th>{t('bench.delays.region')}</th>
            <th>{t('bench.delays.repairDays')}</th>
            <th>{t('bench.delays.limit')}</th>
            <th>{t('bench.delays.left')}</th>
            <th>{t('bench.delays.clause')}</th>
          </tr>
        </thead>
        <tbody>
          {watch.map((w) => (
            <tr key={w.rma} className={w.daysLeft < 0 ? 'late' : undefined}>
              <td>
                <a href={href({ screen: 'case', rma: w.rma })}>{w.rma}</a>
              </td>
              <td>{t(`status.${w.status}`)}</td>
              <td>{regionName(w.region)}</td>
              <td>{w.repairDays}</td>
              <td>{w.overDays}</td>
              <td>{w.daysLeft < 0 ? t('bench.delays.passed', { days: -w.daysLeft }) : w.daysLeft}</td>
              <td>{w.clause}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
