import type { Firestore } from '@google-cloud/firestore';
import { checkFirestore } from '../adapters/firestore/client';

/**
 * The first calls of a new client into a freshly started emulator JVM are slow (seconds on a busy
 * machine). Make them before anyone measures: the health probe's timeout is deliberately short.
 */
export async function warmUpFirestore(db: Firestore, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await checkFirestore(db);
    } catch (err) {
      if (attempt >= attempts) throw err;
    }
  }
}
