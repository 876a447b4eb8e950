import type { Pickup } from '../../lib/types';
import { itemsText, type Translate } from '../orders/items-text';

/**
 * What a pickup (改派) asks of the driver, a line each: the fulls to take off the first driver's truck, and those to load at
 * the depot (a later trip's, never loaded). Shared by the card on the list and the hand-over's notice.
 */
export function pickupLines(pickup: Pickup, t: Translate): string[] {
  return [
    ...(pickup.fromTruck.length > 0 ? [t('driver.pickup.fromTruck', { name: pickup.fromDriverName, plate: pickup.fromPlate ?? '', cylinders: itemsText(pickup.fromTruck, t) })] : []),
    ...(pickup.fromDepot.length > 0 ? [t('driver.pickup.fromDepot', { cylinders: itemsText(pickup.fromDepot, t) })] : []),
  ];
}

/** Directions to a place on the phone's map app: a stop, or where to meet the truck a pickup's fulls are on. */
export const directionsUrl = (to: { lat: number; lng: number }): string => `https://www.google.com/maps/dir/?api=1&destination=${to.lat},${to.lng}`;
