import { z } from 'zod';

/** The portal connection as stored in the site settings: the address only (the token never is). */
export const portalSettingSchema = z.object({ url: z.string().nullable() });
export type PortalSetting = z.output<typeof portalSettingSchema>;
export const defaultPortalSetting: PortalSetting = { url: null };
