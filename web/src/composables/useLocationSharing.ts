import { onScopeDispose, ref } from 'vue';
import { createThrottle } from '../lib/throttle';
import { api } from './useApi';

const MIN_INTERVAL_MS = 30_000;

/**
 * Shares the driver's position while switched on: at most one POST /api/driver/location per 30 s.
 * A failed send is dropped, not queued: a stale position is worth nothing.
 */
export function useLocationSharing() {
  const sharing = ref(false);
  const lastSentAt = ref<string | null>(null);
  const unavailable = ref(false);
  const throttle = createThrottle(MIN_INTERVAL_MS);
  let watchId: number | null = null;

  function onPosition(position: GeolocationPosition) {
    if (!throttle.tryAcquire()) return;
    const at = new Date(position.timestamp).toISOString();
    api
      .post('/api/driver/location', { lat: position.coords.latitude, lng: position.coords.longitude, at })
      .then(() => (lastSentAt.value = at))
      .catch(() => undefined);
  }

  function stop() {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    sharing.value = false;
  }

  function start() {
    if (!('geolocation' in navigator)) {
      unavailable.value = true;
      return;
    }
    watchId = navigator.geolocation.watchPosition(onPosition, () => (unavailable.value = true), {
      enableHighAccuracy: true,
      maximumAge: MIN_INTERVAL_MS,
    });
    sharing.value = true;
    unavailable.value = false;
  }

  onScopeDispose(stop);
  return { sharing, lastSentAt, unavailable, toggle: (on: boolean) => (on ? start() : stop()) };
}
