import { defineMessages } from '../../../base/common/messages.ts';

/** What defining locations, moving units and finding them say. */
export const locationsMessages = defineMessages('locations', {
  codeFormat: 'A location code is 1 to 32 letters, digits and - _ . / (it is printed as a barcode)',
  nameRequired: 'Name the location',
  kind: 'Choose a kind of location',
  codeExists: 'Location code {code} is already in use',
  chooseLocation: 'Choose a location',
  noLocation: 'No location {id}',
  versionRequired: "The location's version is required",
  changed: 'Location {code} was changed by another admin meanwhile; the list now shows the change, try again',
  alreadyActive: 'Location {code} is already active',
  alreadyRetired: 'Location {code} is already retired',
  unknownUnit: 'No unit has the code {code}: scan the RMA barcode on the unit tag',
  unknownLocation: 'No location has the code {code}',
  retiredLocation: 'Location {code} is retired: scan another location',
  stationLocationUnknown: 'No location has the code {code}: choose where this station puts units',
  stationLocationRetired: 'Location {code} is retired: choose another place for this station to put units',
  alreadyThere: '{rma} is already at {code}',
  movedMeanwhile: '{rma} was moved to {code} by {name} meanwhile: scan the unit again',
  findTerm: 'Type or scan an RMA number or a serial',
});
