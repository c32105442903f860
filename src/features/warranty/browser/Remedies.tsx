import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Remedy, RemedyDecision } from '../common/index.ts';
import type { Result } from '../../../base/common/result.ts';
import { FormAlert } from '../../../base/browser/Field.tsx';
import { useAnnounce, useFormat } from '../../../base/browser/context.tsx';
import { errorMessage, saidIn } from '../../../base/browser/messages.ts';

interface Props {
  decision: RemedyDecision | null;
  chosen: { remedy: Remedy; at: string; by: string | null } | null;
  /** Records the customer's choice; null when the reader may not record it or the case is past choosing. */
  onChoose: ((remedy: Remedy) => Promise<Result<unknown>>) | null;
}

/** Beside the warranty decision: what the customer may ask for, each regional rule that gives it with its clause, and the choice. */
export function Remedies({ decision, chosen, onChoose }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const announce = useAnnounce();
  const [alert, setAlert] = useState<string | null>(null);
  if (!decision) return null;
  const word = (remedy: Remedy) => t(`remedies.kind.${remedy}`);
  const words = (remedies: readonly Remedy[]) => remedies.map(word).join(' · ');
  const choose = async (remedy: Remedy) => {
    setAlert(null);
    const result = await onChoose!(remedy);
    if (result.ok) announce(t('remedies.recorded', { remedy: word(remedy) }));
    else setAlert(errorMessage(result.error, t));
  };
  return (
    <div aria-labelledby="bench-remedies">
      <h3 id="bench-remedies">{t('remedies.title')}</h3>
      <div className="remedy-line">
        <p>
          {t('remedies.mayAsk')}: <strong>{words(decision.remedies)}</strong>
        </p>
        {onChoose
          ? decision.remedies.map((remedy) => (
              <button key={remedy} type="button" onClick={() => void choose(remedy)}>
                {t('remedies.choose', { remedy: word(remedy) })}
              </button>
            ))
          : null}
      </div>
      {decision.grants.length > 0 ? (
        <ul className="remedy-grants">
          {decision.grants.map((grant) => (
            <li key={`${grant.rule}-${grant.reason.code}`}>
              <strong>{words(grant.remedies)}</strong> {t('remedies.ruleNamed', { rule: t(`remedies.rule.${grant.rule}`) })}:{' '}
              {saidIn(grant.reason, i18n.language)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {decision.region
            ? t('remedies.noneApplies', { region: new Intl.DisplayNames([i18n.language], { type: 'region' }).of(decision.region) ?? decision.region })
            : t('remedies.noRules')}
        </p>
      )}
      {chosen ? (
        <p className="notice">
          {t('remedies.chosen', { remedy: word(chosen.remedy), when: format.dateTime(chosen.at), name: chosen.by ?? t('common.none') })}
        </p>
      ) : null}
      {onChoose ? (
        <>
          <FormAlert message={alert} />
          {decision.remedies.includes('refund') ? <p className="muted">{t('remedies.refundCloses')}</p> : null}
        </>
      ) : null}
    </div>
  );
}
