import { orderMessages } from '../../../functions/src/domain/orders/messages';
import { ORDER_STATUSES } from '../../../functions/src/domain/orders';
import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';

describe('order status names in the API’s messages', () => {
  it('are the names the screens show, word for word, in both languages', () => {
    for (const [locale, messages] of [['zh-TW', zhTW], ['en', en]] as const) {
      const api = Object.fromEntries(ORDER_STATUSES.map((status) => [status, orderMessages[`ORDER.STATUS.${status}`]?.[locale]]));
      expect(api).toEqual(messages.status);
    }
  });
});
