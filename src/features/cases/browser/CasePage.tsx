import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../common/types.ts';
import type { Address } from '../../../base/common/schemas.ts';
import { roles, type Actor } from '../../../base/common/identity.ts';
import type { Status } from '../common/status.ts';
import { api } from '../../../base/browser/api.ts';
import { useCaseChanges } from '../../../base/browser/live.ts';
import { FormAlert } from '../../../base/browser/Field.tsx';
import { useFormat } from '../../../base/browser/context.tsx';
import { errorMessage, noteInLanguage } from '../../../base/browser/messages.ts';
import { href } from '../../../base/browser/router.ts';
import { BenchPanel } from '../../bench/browser/index.ts';
import { CaseLocation } from '../../locations/browser/index.ts';
import { CaseReturnLine, CaseShelf } from '../../receiving/browser/index.ts';
import { CaseSupplier } from '../../supplier-returns/browser/index.ts';
import { CaseDocuments } from '../../shipping/browser/index.ts';
import { TransitionDialog } from './TransitionDialog.tsx';
import { shippedWord } from '../../../base/browser/shipped.ts';

interface Props {
  rma: string;
}

/** Who made a change the history names by role only: a role, or the portal; anything else is shown as it came. */
const isActor = (actor: string): actor is Actor => actor === 'system' || (roles as readonly string[]).includes(actor);

/** One case: every field, its history, and the status changes the signed-in role may make. */
export function CasePage({ rma }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [moving, setMoving] = useState<Status | null>(null);

  // Typed into since the case was last read: a change made elsewhere then waits for "Reload".
  const edited = useRef(false);
  const [changedBy, setChangedBy] = useState<{ by: string | null } | null>(null);

  /**
   * Reads the case and shows it. A read that follows a change made elsewhere (`after`) is dropped if
   * something was typed meanwhile, while it waited or was on its way: it would write over the typing,
   * so the page says who changed the case and waits for "Reload".
   */
  const load = useCallback(async (after?: { by: string | null }) => {
    const result = await api['cases.get']({ rma });
    if (result.ok) {
      if (after && edited.current) {
        setChangedBy(after);
        return true;
      }
      edited.current = false;
      setChangedBy(null);
      setDetail(result.value);
      return true;
    }
    setAlert(errorMessage(result.error, t));
    return false;
  }, [rma, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const shownVersion = useRef(0);
  shownVersion.current = detail?.version ?? 0;
  const refetch = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(refetch.current), []);
  useCaseChanges((change) => {
    // Its own saves are read back already: only a newer version is news.
    if (change.rma !== rma || change.version <= shownVersion.current) return;
    if (edited.current) {
      setChangedBy({ by: change.by });
      return;
    }
    clearTimeout(refetch.current);
    refetch.current = setTimeout(() => void load({ by: change.by }), 300);
  });

  const none = t('common.none');
  const track = (x: { carrier: string | null; tracking: string | null }) =>
    x.tracking ? [shippedWord(i18n.language, 'carrier', x.carrier), x.tracking].filter(Boolean).join(' · ') : none;

  return (
    <main className="case-page" aria-labelledby="case-title" onInput={() => (edited.current = true)}>
      <div className="screen-head">
        <a className="back" href={href({ screen: 'cases' })}>
          ← {t('case.back')}
        </a>
        <h1 id="case-title" className="mono">
          {rma}
        </h1>
        {detail ? <span className={`badge badge-${detail.status}`}>{t(`status.${detail.status}`)}</span> : null}
        {detail ? (
          <div className="actions" role="group" aria-label={t('case.actions')}>
            {detail.nextStatuses.length > 0 ? (
              detail.nextStatuses.map((to) => (
                <button
                  key={to}
                  type="button"
                  className={to === 'cancelled' || to === 'rejected' ? 'danger' : 'primary'}
                  onClick={() => {
                    setAlert(null);
                    setMoving(to);
                  }}
                >
                  {t('case.moveTo', { status: t(`status.${to}`) })}
                </button>
              ))
            ) : (
              <span className="muted">{t('case.noActions')}</span>
            )}
          </div>
        ) : null}
      </div>
      <FormAlert message={alert} />
      {changedBy ? (
        <div className="notice" role="status">
          <span>{changedBy.by ? t('case.changedBy', { name: changedBy.by }) : t('case.changedElsewhere')}</span>{' '}
          <button type="button" onClick={() => void load()}>
            {t('case.reload')}
          </button>
        </div>
      ) : null}
      {detail ? (
        <>
          {/* The bench's work comes first: at 1024 × 700 the technician's next action is on screen without scrolling. */}
          <BenchPanel detail={detail} onChanged={() => void load()} />
          <div className="case-columns">
            <section className="panel" aria-labelledby="case-fields">
              <h2 id="case-fields">{t('case.summary')}</h2>
              <dl className="facts">
                <Fact label={t('case.customer')}>
                  <span lang={detail.customer.locale ?? undefined}>{detail.customer.name}</span>
                </Fact>
                <Fact label={t('case.email')}>{detail.customer.email ?? none}</Fact>
                <Fact label={t('case.phone')}>{detail.customer.phone ?? none}</Fact>
                <Fact label={t('case.returnAddress')}>
                  {detail.returnAddress ? <AddressLines address={detail.returnAddress} /> : none}
                </Fact>
                <Fact label={t('case.product')}>
                  {detail.product
                    ? `${detail.product.name} (${shippedWord(i18n.language, 'productLine', detail.product.productLine)}) · ${t('case.warrantyMonths', { count: detail.product.warrantyMonths })}`
                    : (detail.model ?? none)}
                </Fact>
                <Fact label={t('case.model')}>{detail.model ?? none}</Fact>
                <Fact label={t('case.serial')}>
                  <span className="mono">{detail.serial}</span>
                </Fact>
                <Fact label={t('case.purchaseDate')}>{format.date(detail.purchaseDate)}</Fact>
                <Fact label={t('case.problemCategory')}>{shippedWord(i18n.language, 'problem', detail.problemCategory) ?? none}</Fact>
                <Fact label={t('case.problem')}>
                  <span className="pre">{detail.problemDescription}</span>
                </Fact>
                <Fact label={t('case.inbound')}>
                  <span className="mono">{track(detail.inbound)}</span>
                </Fact>
                <Fact label={t('case.outbound')}>
                  <span className="mono">{track(detail.outbound)}</span>
                </Fact>
                <Fact label={t('case.resolution')}>
                  {detail.resolution ? t(`resolution.${detail.resolution}`) : none}
                </Fact>
                <Fact label={t('case.assigned')}>{detail.assignedTo ?? none}</Fact>
                <Fact label={t('case.source')}>
                  {t(detail.source === 'portal' ? 'case.sourcePortal' : 'case.sourceDesk')}
                </Fact>
                <Fact label={t('case.created')}>{format.dateTime(detail.createdAt)}</Fact>
                <Fact label={t('case.received')}>{format.dateTime(detail.receivedAt)}</Fact>
                <Fact label={t('case.updated')}>{format.dateTime(detail.updatedAt)}</Fact>
              </dl>
            </section>
            <section className="panel" aria-labelledby="case-history">
              <h2 id="case-history">{t('case.history')}</h2>
              <table className="history">
                <thead>
                  <tr>
                    <th scope="col">{t('case.when')}</th>
                    <th scope="col">{t('case.who')}</th>
                    <th scope="col">{t('case.change')}</th>
                    <th scope="col">{t('case.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.history.map((h) => (
                    <tr key={h.id}>
                      <td className="nowrap">{format.dateTime(h.at)}</td>
                      <td>{h.userName ?? (isActor(h.actor) ? t(`role.${h.actor}`) : h.actor)}</td>
                      <td>
                        {h.from ? `${t(`status.${h.from}`)} → ` : ''}
                        {t(`status.${h.to}`)}
                      </td>
                      <td className="pre">{noteInLanguage(h.noteParts, h.note, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <CaseDocuments detail={detail} />
          <CaseReturnLine rma={detail.rma} />
          <CaseLocation rma={detail.rma} />
          <CaseSupplier rma={detail.rma} />
          <CaseShelf rma={detail.rma} />
          {moving ? (
            <TransitionDialog
              detail={detail}
              to={moving}
              onClose={() => setMoving(null)}
              onDone={(updated) => {
                setMoving(null);
                setDetail(updated);
              }}
              onConflict={async () => {
                setMoving(null);
                await load();
                setAlert(t('transition.conflict', { rma: detail.rma }));
              }}
            />
          ) : null}
        </>
      ) : null}
    </main>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function AddressLines({ address: a }: { address: Address }) {
  const lines = [
    a.name,
    a.line1,
    a.line2,
    [a.postalCode, a.city, a.region].filter(Boolean).join(' '),
    a.country,
    a.phone,
  ].filter(Boolean);
  return (
    <address>
      {lines.map((l, i) => (
        <div key={i}>{l}</div>
      ))}
    </address>
  );
}
