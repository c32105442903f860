import { defineMessages } from '../../../base/common/messages.ts';

/**
 * What portal sync says. Depot's own sentences, also those it stores for staff (a case flag, why an
 * event was parked), which are kept as messages and worded in the reader's language; the portal's
 * own answers (an update's last error) are kept as data.
 */
export const portalSyncMessages = defineMessages('portal-sync', {
  // The connection form.
  urlRequired: 'The portal address is required',
  urlTooLong: 'The portal address must be at most 500 characters',
  urlFormat: 'Give the portal API address, e.g. https://portal.example.com/api/v1',
  httpsRequired: 'The portal address must start with https:// (plain http:// only for this machine: localhost, 127.0.0.1 or ::1)',
  urlCredentials: 'Leave the user name and password out of the address; the token has its own field',
  tokenTooLong: 'The token must be at most 1000 characters',
  tokenChars: 'A token has no spaces or special characters',
  chooseEntry: 'Choose an entry',
  urlFixed: 'This Depot was started with a fixed portal address (--portal-url or DEPOT_PORTAL_URL).',
  noSyncForToken: 'Portal sync does not run in this Depot; the token cannot be stored here.',
  syncNotRunning: 'Portal sync does not run in this Depot.',
  urlFirst: 'Give the portal address first',
  tokenForNewAddress: 'The token was entered for {origin}: enter it again to use it with another portal address',
  notStartedToken: 'This is not the token this Depot was started with (DEPOT_PORTAL_TOKEN or the token file)',
  tokenBoundElsewhere: 'The portal token was entered for {bound}, not for {origin}; enter the token again on the Portal sync page.',
  tokenFirst: 'Give the API token first',
  // Where the token is kept.
  tokenFileShared: 'The portal token file {file} can be read by other users; make it private (chmod 600 {file}).',
  tokenFileOwner: 'The portal token file {file} belongs to another user.',
  tokenFromEnvOnly:
    'In browser mode and the depot command the token comes from DEPOT_PORTAL_TOKEN or a private token file (DEPOT_PORTAL_TOKEN_FILE), not from this page.',
  keychainUnavailable: 'The system keychain is not available to decrypt the portal token.',
  noKeychain: 'This system has no keychain to keep the token safely; start Depot with DEPOT_PORTAL_TOKEN instead.',
  // Entries of the sync page that are gone.
  noParked: 'No parked event {id}',
  noFlag: 'No open flag {id}',
  noDeadLetter: 'No dead-letter update {id}',
  shippedByCustomer: 'Shipped by the customer on {date}',
  cancelledByCustomer: 'Cancelled by the customer on the portal',
  cancelledByCustomerBecause: 'Cancelled by the customer on the portal: {reason}',
  // Case flags: what staff must look at.
  flagPortalClosed: 'The portal refused an update: the case is closed there ({detail}).',
  flagShipmentUnexpected: 'The customer reported shipping ({carrier} {tracking}) while the case is {status}.',
  flagAddressAfterShipment: 'The customer changed the return address after the case was {status}: {address}',
  flagAddressChanged: 'The customer changed the return address; reprint the label if it was printed: {address}',
  flagCustomerCancelled: 'Cancelled by the customer on the portal. The case is {status}; decide how to return the unit.',
  flagCustomerCancelledBecause: 'Cancelled by the customer on the portal ({reason}). The case is {status}; decide how to return the unit.',
  flagUnknownModel: 'The portal named model "{model}", which is not in the product catalog; choose the product.',
  // Why an event from the portal was parked.
  parkedNotRma: '"{rma}" is not an RMA number',
  parkedNoCase: 'No case {rma} in Depot',
  parkedInvalid: 'Invalid {type} data ({path}: {detail})',
  parkedExists: '{rma} already exists in Depot',
  parkedUnknownType: 'Unknown event type "{type}"',
  parkedFailed: 'Could not apply: {detail}',
  // What the portal's answers and failures mean, as staff read them on the sync page.
  noAddress: 'No portal address is set.',
  noToken: 'No portal API token is set.',
  requestFailed: 'Depot could not make the request: {detail}',
  portalTimeout: 'The portal did not answer in time',
  portalUnreachable: 'Cannot reach the portal: {detail}',
  portalOversized: 'The portal sent an oversized response',
  portalNotJson: 'The portal sent a response that is not JSON ({status})',
  portalUnexpected: 'The portal sent an unexpected response ({path}: {detail})',
  portalRedirect: '{status} redirect: the portal sent Depot to {location}, where the token is not sent. Set the new address in the portal settings.',
  portalRefused: '{status} {code}: {detail}',
  tokenRefused: 'The portal refused the API token ({status} {code}). Fix the token in the portal settings, then resume sync.',
  testTokenRefused: 'The portal refused the API token (401).',
  connectedWithEvents: 'Connected: the portal answered with its event feed.',
  connectedNoEvents: 'Connected: the portal answered (no events yet).',
  pausedBy: 'Paused by {name}',
  pausedBecause: 'Paused by {name}: {reason}',
});
