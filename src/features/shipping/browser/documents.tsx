import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Status } from '../../cases/common/index.ts';
import type { Result } from '../../../base/common/result.ts';
import type { DocumentKind } from '../common/shipping.ts';
import { api } from '../../../base/browser/api.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { errorMessage } from '../../../base/browser/messages.ts';
import { showPdf, type ShownPdf } from '../../../base/browser/pdf.ts';

/** Builds one document of a case and shows it (see `showPdf`); nothing is printed or kept as a job. */
export async function openCaseDocument(rma: string, kind: DocumentKind): Promise<Result<ShownPdf>> {
  const result = await api['shipping.document']({ rma, kind });
  return result.ok ? { ok: true, value: showPdf(result.value) } : result;
}

interface DocumentButtonProps {
  rma: string;
  kind: DocumentKind;
  /** The button's text; "<document> (PDF)" when not given. */
  label?: string;
  className?: string;
  /** Called once the document is open, so a screen can put focus back where work goes on (the dock's scan field). */
  onOpened?: () => void;
}

/**
 * A button that builds one document of a case and opens it, saying so while it is made and why
 * when it cannot be. It keeps focus while it works, so a screen (the dock) can drop it in anywhere.
 */
export function DocumentButton({ rma, kind, label, className, onOpened }: DocumentButtonProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<ShownPdf | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const open = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    announce(t('shipping.documents.making'));
    const result = await openCaseDocument(rma, kind);
    setBusy(false);
    if (!result.ok) {
      setError(errorMessage(result.error, t));
      return;
    }
    urls.current.push(result.value.url);
    setShown(result.value);
    const file = result.value.fileName;
    announce(result.value.shownIn === 'tab' ? t('shipping.documents.openedInTab', { file }) : t('shipping.documents.ready', { file }));
    onOpened?.();
  };

  return (
    <span className="document-button">
      {/* aria-disabled rather than disabled: a disabled button drops the focus. */}
      <button type="button" className={className} aria-disabled={busy} aria-busy={busy} onClick={() => void open()}>
        {label ?? t('shipping.documents.open', { document: t(`shipping.kind.${kind}`) })}
      </button>
      {busy ? <span className="muted"> {t('shipping.documents.making')}</span> : null}
      {shown && !busy ? (
        <a href={shown.url} download={shown.fileName}>
          {t('shipping.download', { file: shown.fileName })}
        </a>
      ) : null}
      {error ? (
        <span className="tag-warning" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

const parcelStatuses: readonly Status[] = ['ready_to_ship', 'return_unrepaired', 'shipped', 'closed'];

/** The documents that make sense for a case now: the receipt once received, the estimate once issued, the parcel's once it goes back. */
export function caseDocumentKinds(detail: CaseDetail): DocumentKind[] {
  const kinds: DocumentKind[] = [];
  if (detail.receivedAt) kinds.push('intake_receipt', 'unit_tag');
  // Issuing an estimate is what puts a case in awaiting_customer.
  if (detail.history.some((h) => h.to === 'awaiting_customer')) kinds.push('estimate');
  if (parcelStatuses.includes(detail.status)) {
    kinds.push('repair_report');
    if (detail.returnAddress) kinds.push('packing_slip', 'label');
  }
  return kinds;
}

/** The case page's documents: one button per document that makes sense for the case's status. */
export function CaseDocuments({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const kinds = caseDocumentKinds(detail);
  if (kinds.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="case-documents">
      <h2 id="case-documents">{t('shipping.documents.title')}</h2>
      <div className="documents">
        {kinds.map((kind) => (
          <DocumentButton key={kind} rma={detail.rma} kind={kind} />
        ))}
      </div>
    </section>
  );
}
