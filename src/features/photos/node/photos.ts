import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { MAX_PHOTO_BYTES, type PhotoInfo, type addPhotoInput } from '../../receiving/common/index.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { casesMessages } from '../../cases/common/index.ts';
import { photosMessages as m } from '../common/index.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { findCaseRow } from '../../cases/node/index.ts';

/** Recognises a photo by its first bytes, never by the name it came with. */
export function photoType(bytes: Buffer): 'image/jpeg' | 'image/png' | 'heic' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  const brand = bytes.subarray(4, 12).toString('latin1');
  if (/^ftyp(heic|heix|hevc|heim|heis|mif1|msf1)/.test(brand)) return 'heic';
  return null;
}

/** Files live by content hash: the same photo added twice is stored once, and a name can never be a path. */
function photoPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

export async function addPhoto(ctx: ServiceContext, input: z.output<typeof addPhotoInput>): Promise<PhotoInfo> {
  const { caller } = ctx;
  if (!ctx.core.dataDir) throw new DepotError('internal', m.noDataFolder());
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) throw fieldError('dataBase64', m.empty());
  if (bytes.length > MAX_PHOTO_BYTES) throw fieldError('dataBase64', m.tooBig());
  const type = photoType(bytes);
  if (type === 'heic') throw fieldError('dataBase64', m.heic());
  if (!type) throw fieldError('dataBase64', m.type());
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const file = photoPath(ctx.core.dataDir, sha256);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, file); // the stored file is whole or absent
  }
  const now = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    let caseId: number | null = null;
    if (input.rma) {
      const kase = await findCaseRow(trx, input.rma);
      if (!kase) throw fieldError('rma', casesMessages.noCase({ rma: input.rma }));
      caseId = kase.id;
    } else {
      const parcel = await trx.selectFrom('unmatched_parcels').select('id').where('id', '=', input.parcelId!).executeTakeFirst();
      if (!parcel) throw fieldError('parcelId', m.noParcel());
    }
    const row = await trx
      .insertInto('attachments')
      .values({
        case_id: caseId,
        parcel_id: input.parcelId ?? null,
        sha256,
        name: input.name,
        content_type: type,
        size: bytes.length,
        created_at: now,
        created_by: caller.kind === 'user' ? caller.user.id : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
  return { id, name: input.name, contentType: type, size: bytes.length, createdAt: now };
}

/** The photos attached to a case, in the order they were added. */
export async function photoRowsOf(db: Db, rma: string) {
  return db
    .selectFrom('attachments')
    .innerJoin('cases', 'cases.id', 'attachments.case_id')
    .select(['attachments.id', 'attachments.name', 'attachments.content_type', 'attachments.size', 'attachments.created_at'])
    .where('cases.rma', '=', rma)
    .orderBy('attachments.id')
    .execute();
}

export async function listPhotos(ctx: ServiceContext, rma: string): Promise<PhotoInfo[]> {
  const rows = await photoRowsOf(ctx.db, rma);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, contentType: r.content_type, size: r.size, createdAt: r.created_at }));
}

/** A photo as a data URL, for thumbnails under the strict content policy. */
export async function photoData(ctx: ServiceContext, id: number): Promise<{ dataUrl: string }> {
  const row = await ctx.db.selectFrom('attachments').select(['sha256', 'content_type']).where('id', '=', id).executeTakeFirst();
  if (!row || !ctx.core.dataDir) throw new DepotError('not_found', m.noPhoto());
  const bytes = fs.readFileSync(photoPath(ctx.core.dataDir, row.sha256));
  return { dataUrl: `data:${row.content_type};base64,${bytes.toString('base64')}` };
}

/** Gives a parcel's photos to the case the parcel was linked to, in the caller's transaction. */
export async function movePhotosOfParcel(trx: Tx, parcelId: number, caseId: number): Promise<void> {
  await trx.updateTable('attachments').set({ case_id: caseId }).where('parcel_id', '=', parcelId).execute();
}

/**
 * Gives photos taken of a case at the dock to the parcel it was set aside in, in the caller's
 * transaction: they stay the case's and count as the parcel's. Returns how many it gave.
 */
export async function givePhotosToParcel(trx: Tx, caseId: number, photoIds: readonly number[], parcelId: number): Promise<number> {
  if (photoIds.length === 0) return 0;
  const result = await trx
    .updateTable('attachments')
    .set({ parcel_id: parcelId })
    .where('id', 'in', [...photoIds])
    .where('case_id', '=', caseId)
    .where((eb) => eb.or([eb('parcel_id', 'is', null), eb('parcel_id', '=', parcelId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
