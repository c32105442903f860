import { useTranslation } from 'react-i18next';
import type { Remedy, RemedyDecision } from '../common/index.ts';
import { wordReason } from '../../../base/browser/messages.ts';

/** Beside the warranty decision: what the customer may ask for, and each regional rule that gives it, with its clause. */
export function Remedies({ decision }: { decision: RemedyDecision | null }) {
  const { t, i18n } = useTranslation();
  if (!decision) return null;
  const words = (remedies: readonly Remedy[]) => remedies.map((r) => t(`remedies.kind.${r}`)).join(' · ');
  return (
    <div aria-labelledby="bench-remedies">
      <h3 id="bench-remedies">{t('remedies.title')}</h3>
      <p>
        {t('remedies.mayAsk')}: <strong>{words(decision.remedies)}</strong>
      </p>
      {decision.grants.length > 0 ? (
        <ul className="remedy-grants">
          {decision.grants.map((grant) => (
            <li key={`${grant.rule}-${grant.reason.code}`}>
              <strong>{words(grant.remedies)}</strong> ({t(`remedies.rule.${grant.rule}`)}): {wordReason(grant.reason, grant.reason.text, i18n.language)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('remedies.warrantyOnly')}</p>
      )}
    </div>
  );
}
