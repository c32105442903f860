import i18next, { type TFunction } from 'i18next';
import { useCallback, useEffect, useId, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES, type PhotoInfo } from '../../receiving/common/index.ts';
import type { ApiError } from '../../../base/common/result.ts';
import { api } from '../../../base/browser/api.ts';
import { useAnnounce } from '../../../base/browser/context.tsx';
import { errorMessage, wordReason } from '../../../base/browser/messages.ts';
import { FileInput } from '../../../base/browser/FileInput.tsx';

/** Where a photo goes: the case being received, or a parcel on the unmatched shelf. */
export type PhotoTarget = { rma: string } | { parcelId: number };

/** Why the core refused a photo, in the reader's language: what it said of the photo's data, else its general message. */
function photoMessage(error: ApiError, t: TFunction): string {
  const reason = error.fieldReasons?.dataBase64;
  const english = error.fields?.dataBase64;
  return reason && english !== undefined ? wordReason(reason, english, i18next.language) : errorMessage(error, t);
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

export interface UploadResult {
  added: PhotoInfo[];
  /** One line per refused file: its name and why, as the server said. */
  refused: string[];
}

/** Sends the files one by one; a refused file does not stop the others. */
export async function uploadPhotos(target: PhotoTarget, files: readonly File[], t: TFunction): Promise<UploadResult> {
  const result: UploadResult = { added: [], refused: [] };
  for (const file of files) {
    const refuse = (message: string) => result.refused.push(t('photos.refused', { name: file.name, message }));
    if (file.size > MAX_PHOTO_BYTES) {
      refuse(t('photos.tooBig'));
      continue;
    }
    let dataBase64: string;
    try {
      dataBase64 = await readBase64(file);
    } catch (error) {
      refuse(String(error));
      continue;
    }
    const answer = await api['photos.add']({ ...target, name: file.name, dataBase64 });
    if (answer.ok) result.added.push(answer.value);
    else refuse(photoMessage(answer.error, t));
  }
  return result;
}

const filesOf = (list: FileList | null): File[] => (list ? Array.from(list) : []);

interface DropProps {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  error?: string[];
  children?: ReactNode;
}

/** The "Add photos" file input, which also takes photos dropped anywhere on it. */
function PhotoDrop({ onFiles, disabled, error, children }: DropProps) {
  const { t } = useTranslation();
  const id = useId();
  const [over, setOver] = useState(false);
  const errorId = error?.length ? `${id}-error` : undefined;

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) onFiles(filesOf(event.dataTransfer.files));
  };

  return (
    <div
      className={`field photo-drop${over ? ' photo-drop-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <label htmlFor={id}>{t('photos.add')}</label>
      <FileInput
        id={id}
        accept="image/jpeg,image/png"
        multiple
        disabled={disabled}
        aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
        aria-invalid={Boolean(errorId)}
        onChange={(e) => {
          onFiles(filesOf(e.target.files));
          e.target.value = '';
        }}
      />
      <div className="hint" id={`${id}-hint`}>
        {t('photos.hint')}
      </div>
      {children}
      <div className="error" id={errorId} role="alert">
        {error?.map((line) => (
          <div key={line}>{line}</div>
        ))}
      </div>
    </div>
  );
}

/** Photos of a case: the ones it has (a linked parcel's included), and new ones added at once (`onAdded` hears of them). */
export function CasePhotos({ rma, onAdded }: { rma: string; onAdded?: (photos: PhotoInfo[]) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [photos, setPhotos] = useState<{ id: number; name: string; src: string | null }[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);

  const show = useCallback(async (infos: PhotoInfo[]) => {
    setPhotos((before) => [...before, ...infos.map((p) => ({ id: p.id, name: p.name, src: null }))]);
    for (const info of infos) {
      const data = await api['photos.get']({ id: info.id });
      if (data.ok) setPhotos((before) => before.map((p) => (p.id === info.id ? { ...p, src: data.value.dataUrl } : p)));
    }
  }, []);

  useEffect(() => {
    setPhotos([]);
    void api['photos.list']({ rma }).then((result) => {
      if (result.ok) void show(result.value);
    });
  }, [rma, show]);

  const add = async (files: File[]) => {
    if (files.length === 0) return;
    setRefused([]);
    setBusy(t('photos.adding', { name: files.map((f) => f.name).join(', ') }));
    const result = await uploadPhotos({ rma }, files, t);
    setBusy(null);
    setRefused(result.refused);
    if (result.added.length > 0) {
      announce(t('photos.added', { count: result.added.length }));
      onAdded?.(result.added);
    }
    await show(result.added);
  };

  return (
    <PhotoDrop onFiles={(files) => void add(files)} disabled={busy !== null} error={refused}>
      {busy ? <div className="hint">{busy}</div> : null}
      {photos.length > 0 ? (
        <ul className="thumbs" aria-label={t('photos.listLabel')}>
          {photos.map((p) => (
            <li key={p.id}>{p.src ? <img src={p.src} alt={p.name} /> : <span className="thumb-wait">{p.name}</span>}</li>
          ))}
        </ul>
      ) : null}
    </PhotoDrop>
  );
}

/** Photos chosen for a parcel that is not logged yet; they are sent once it is. */
export function PendingPhotos({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  return (
    <PhotoDrop onFiles={(more) => onChange([...files, ...more])}>
      {files.length > 0 ? <div className="hint">{t('photos.chosen', { names: files.map((f) => f.name).join(', ') })}</div> : null}
    </PhotoDrop>
  );
}
