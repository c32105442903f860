import type { TFunction } from 'i18next';
import { statuses, type Status } from '../common/index.ts';

const isStatus = (value: string): value is Status => (statuses as readonly string[]).includes(value);

/** A case status in the reader's language, for screens that get it as a plain string; one this UI does not know, as it came. */
export const statusLabel = (status: string, t: TFunction): string => (isStatus(status) ? t(`status.${status}`) : status);
