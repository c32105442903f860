import { defineMessages } from '../../../base/common/messages.ts';

/** What the photos feature says about a photo it is given. */
export const photosMessages = defineMessages('photos', {
  needsName: 'The file needs a name',
  tooBig: 'A photo may be at most 10 MiB',
  notBase64: 'The photo data is not base64',
  oneOwner: 'A photo belongs to one case or one parcel',
  noDataFolder: 'This database has no data folder for photos',
  empty: 'The photo is empty',
  heic: 'HEIC photos cannot be shown on every workstation: export the photo as JPEG and add it again',
  type: 'Only JPEG and PNG photos can be added',
  noParcel: 'No such parcel',
  noPhoto: 'No such photo',
});
