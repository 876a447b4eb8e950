import { formatNtd, HEAD_OFFICE_CHANGE, renderOrderNotice } from './templates';

describe('renderOrderNotice in zh-TW', () => {
  it('confirms with the delivery window and the Taipei weekday', () => {
    expect(
      renderOrderNotice({ kind: 'confirmed', orderCode: 'A1029', window: { date: '2026-11-29', from: '09:00', to: '12:00' } }),
    ).toBe('幸福氣通知：您的訂單 #A1029 已確認，預計 11/29（日）09:00–12:00 送達。');
  });

  it('tells a moved delivery its new day and hours', () => {
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'A1029', window: { date: '2027-02-04', from: '08:00', to: '18:00' } })).toBe(
      '幸福氣通知：您的訂單 #A1029 配送時間已改為 2/4（四）08:00–18:00。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'A1', window: { date: '2027-02-04', from: '09:00', to: '12:00' } }, 'en')).toBe(
      'Lucky Gas: your order #A1 has been moved to Thu 2/4, 09:00–12:00. Please call us with any questions.',
    );
  });

  it('says why a delivery moved off a closure (休息日), whatever the closure is called', () => {
    const window = { date: '2027-02-04', from: '08:00', to: '18:00' };
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'A1029', window, closure: { name: '春節', from: '2027-02-05', to: '2027-02-09' } })).toBe(
      '幸福氣通知：您的訂單 #A1029 因春節（2/5（五）–2/9（二））不配送，配送時間已改為 2/4（四）08:00–18:00。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'A1', window, closure: { name: '年終休息', from: '2027-02-05', to: '2027-02-05' } }, 'en')).toBe(
      'Lucky Gas: your order #A1 has been moved to Thu 2/4, 08:00–18:00 as we are closed Fri 2/5 (年終休息). Please call us with any questions.',
    );
  });

  it('says a delivery a closure moved is back on its day once the closure is called off there (恢復配送)', () => {
    const window = { date: '2026-12-02', from: '08:00', to: '10:30' };
    const closure = { name: '颱風停班停課', from: '2026-12-02', to: '2026-12-02' };
    expect(renderOrderNotice({ kind: 'closure_lifted', orderCode: 'A1029', window, closure })).toBe(
      '幸福氣通知：您的訂單 #A1029 因颱風停班停課取消，配送恢復為 12/2（三）08:00–10:30。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'closure_lifted', orderCode: 'A1', window, closure }, 'en')).toBe(
      'Lucky Gas: your order #A1 is back on Wed 12/2, 08:00–10:30, as 颱風停班停課 has been called off. Please call us with any questions.',
    );
  });

  it('says a delivery moved off a day closing early (提早收工) for the closing, not as a day closed', () => {
    const window = { date: '2027-02-04', from: '14:00', to: '17:00' };
    const closure = { name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' };
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'A1029', window, closure })).toBe(
      '幸福氣通知：您的訂單 #A1029 因除夕（2/5（五））12:00 提早收工，配送時間已改為 2/4（四）14:00–17:00。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'A1', window, closure }, 'en')).toBe(
      'Lucky Gas: your order #A1 has been moved to Thu 2/4, 14:00–17:00 as we stop delivering at 12:00 on Fri 2/5 (除夕). Please call us with any questions.',
    );
  });

  it('says why the office moved a delivery: a picked reason in the reader\'s language, a typed one as typed', () => {
    const window = { date: '2026-12-05', from: '08:00', to: '18:00' };
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: '0311-1', window, reason: 'plant_shortage' })).toBe(
      '幸福氣通知：您的訂單 #0311-1 因分裝場供氣不足，配送時間已改為 12/5（六）08:00–18:00。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: '0311-1', window, reason: 'plant_shortage' }, 'en')).toBe(
      'Lucky Gas: your order #0311-1 has been moved to Sat 12/5, 08:00–18:00 because of a gas shortage at the filling plant. Please call us with any questions.',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: '0311-1', window, reason: '道路施工封閉' })).toBe(
      '幸福氣通知：您的訂單 #0311-1 因道路施工封閉，配送時間已改為 12/5（六）08:00–18:00。如有疑問請來電洽詢。',
    );
  });

  it('tells a branch its head office moved its delivery (分店／總公司付款), in the branch\'s language', () => {
    const window = { date: '2026-12-05', from: '09:00', to: '12:00' };
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'B7', window, reason: HEAD_OFFICE_CHANGE })).toBe(
      '幸福氣通知：您的訂單 #B7 因總店修改訂單，配送時間已改為 12/5（六）09:00–12:00。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'B7', window, reason: HEAD_OFFICE_CHANGE }, 'en')).toBe(
      'Lucky Gas: your order #B7 has been moved to Sat 12/5, 09:00–12:00 because of a change made by your head office. Please call us with any questions.',
    );
  });

  it('tells a branch the cylinders its head office changed, alone on the day that stays or with the new day, in the branch\'s language', () => {
    const window = { date: '2026-12-05', from: '09:00', to: '12:00' };
    const items = [{ size: 20, quantity: 2 }, { size: 16, quantity: 1 }] as const;
    expect(renderOrderNotice({ kind: 'cylinders_changed', orderCode: 'B7', window, items })).toBe(
      '幸福氣通知：您的訂單 #B7 因總店修改訂單，本次配送改為 20kg×2、16kg×1，預計 12/5（六）09:00–12:00 送達。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'cylinders_changed', orderCode: 'B7', window, items }, 'en')).toBe(
      'Lucky Gas: your order #B7 has been changed to 20kg×2, 16kg×1 because of a change made by your head office, still due Sat 12/5, 09:00–12:00. Please call us with any questions.',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'B7', window, reason: HEAD_OFFICE_CHANGE, items: [{ size: 20, quantity: 1 }] })).toBe(
      '幸福氣通知：您的訂單 #B7 因總店修改訂單，配送時間已改為 12/5（六）09:00–12:00，本次配送改為 20kg×1。如有疑問請來電洽詢。',
    );
    expect(renderOrderNotice({ kind: 'rescheduled', orderCode: 'B7', window, reason: HEAD_OFFICE_CHANGE, items: [{ size: 20, quantity: 1 }] }, 'en')).toBe(
      'Lucky Gas: your order #B7 has been moved to Sat 12/5, 09:00–12:00 and changed to 20kg×1 because of a change made by your head office. Please call us with any questions.',
    );
  });

  it('renders the ETA on the Taipei clock, including across the UTC date line', () => {
    // 2026-11-29T16:30Z is 00:30 on Monday 11/30 in Taipei.
    expect(renderOrderNotice({ kind: 'out_for_delivery', orderCode: 'A1029', eta: '2026-11-29T16:30:00Z' })).toBe(
      '幸福氣通知：您的訂單 #A1029 已出車配送，預計 11/30（一）00:30 左右抵達。',
    );
  });

  it('tells a customer the driver is running late, with the new time on the Taipei clock', () => {
    // 03:40Z is 11:40 in Taipei.
    expect(renderOrderNotice({ kind: 'delayed', orderCode: 'A1029', eta: '2026-11-29T03:40:00Z' })).toBe(
      '幸福氣通知：您的訂單 #A1029 因前面的配送耽擱，預計延至 11/29（日）11:40 左右抵達，造成不便，敬請見諒。',
    );
    expect(renderOrderNotice({ kind: 'delayed', orderCode: 'A1', eta: '2026-11-29T03:40:00Z' }, 'en')).toBe(
      'Lucky Gas: your order #A1 is running late: we now expect to arrive around 11:40 on Sun 11/29. Sorry for the wait.',
    );
  });

  it('tells a planned arrival as the hour around it, on half hours, in Taipei time', () => {
    // 02:20Z is 10:20 in Taipei: rounded to 10:30, told as 10:00–11:00.
    expect(renderOrderNotice({ kind: 'scheduled', orderCode: 'A1029', eta: '2026-11-29T02:20:00Z' })).toBe(
      '幸福氣通知：您的訂單 #A1029 已排入配送，預計 11/29（日）10:00–11:00 之間送達。',
    );
    expect(renderOrderNotice({ kind: 'scheduled', orderCode: 'A1', eta: '2026-12-01T06:05:00Z' }, 'en')).toBe(
      'Lucky Gas: your order #A1 is on the delivery plan: expect us on Tue 12/1 between 13:30 and 14:30.',
    );
  });

  it('shows the delivered amount as NT$ with thousands separators', () => {
    expect(renderOrderNotice({ kind: 'delivered', orderCode: 'B7', amount: 1250 })).toBe(
      '幸福氣通知：您的訂單 #B7 已送達，金額 NT$1,250。感謝您的惠顧！',
    );
  });

  it('translates a known failure reason code and keeps free text as given', () => {
    expect(renderOrderNotice({ kind: 'failed', orderCode: 'C3', reason: 'no_one_home' })).toContain('（原因：無人在家）');
    expect(renderOrderNotice({ kind: 'failed', orderCode: 'C3', reason: '巷口施工' })).toContain('（原因：巷口施工）');
  });

  it('mentions the cancellation reason only when there is one', () => {
    expect(renderOrderNotice({ kind: 'cancelled', orderCode: 'D4' })).toBe('幸福氣通知：您的訂單 #D4 已取消。如有疑問請來電洽詢。');
    expect(renderOrderNotice({ kind: 'cancelled', orderCode: 'D4', reason: '客戶改期' })).toContain('已取消（原因：客戶改期）。');
  });

  it('translates the reason a customer picked when cancelling, in their language', () => {
    expect(renderOrderNotice({ kind: 'cancelled', orderCode: 'D4', reason: 'still_have_gas' })).toContain('已取消（原因：瓦斯還有）。');
    expect(renderOrderNotice({ kind: 'cancelled', orderCode: 'D4', reason: 'order_later' }, 'en')).toContain('cancelled (reason: will order another day).');
    // Only a reason's own code is one: a word inherited by every object is text like any other.
    expect(renderOrderNotice({ kind: 'failed', orderCode: 'C3', reason: 'toString' })).toContain('（原因：toString）');
  });

  it('says an order was cancelled because the customer was deactivated in words, not the code', () => {
    expect(renderOrderNotice({ kind: 'cancelled', orderCode: 'D4', reason: 'customer_deactivated' })).toContain('已取消（原因：客戶帳戶已停用）。');
    expect(renderOrderNotice({ kind: 'cancelled', orderCode: 'D4', reason: 'customer_deactivated' }, 'en')).toContain('cancelled (reason: customer account closed).');
  });
});

describe('renderOrderNotice in English', () => {
  it('renders every kind with the same facts as zh-TW', () => {
    expect(
      renderOrderNotice({ kind: 'confirmed', orderCode: 'A1', window: { date: '2026-12-01', from: '13:00', to: '17:00' } }, 'en'),
    ).toBe('Lucky Gas: your order #A1 is confirmed for delivery on Tue 12/1, 13:00–17:00.');
    expect(renderOrderNotice({ kind: 'out_for_delivery', orderCode: 'A1', eta: '2026-12-01T06:05:00Z' }, 'en')).toBe(
      'Lucky Gas: your order #A1 is out for delivery, arriving around 14:05 on Tue 12/1.',
    );
    expect(renderOrderNotice({ kind: 'delivered', orderCode: 'A1', amount: 12_800 }, 'en')).toContain('Amount: NT$12,800.');
    expect(renderOrderNotice({ kind: 'failed', orderCode: 'A1', reason: 'address_not_found' }, 'en')).toContain(
      '(reason: address not found)',
    );
    expect(renderOrderNotice({ kind: 'cancelled', orderCode: 'A1' }, 'en')).toBe(
      'Lucky Gas: your order #A1 has been cancelled. Please call us with any questions.',
    );
  });
});

describe('formatNtd', () => {
  it.each([
    [0, 'NT$0'],
    [950, 'NT$950'],
    [1250, 'NT$1,250'],
    [1234567, 'NT$1,234,567'],
    [799.6, 'NT$800'],
    [-300, '-NT$300'],
  ])('formats %d as %s', (amount, text) => {
    expect(formatNtd(amount)).toBe(text);
  });

  it('refuses a non-finite amount', () => {
    expect(() => formatNtd(Number.NaN)).toThrow(RangeError);
  });
});

describe('invalid inputs', () => {
  it('refuses a malformed date or instant instead of printing NaN', () => {
    expect(() =>
      renderOrderNotice({ kind: 'confirmed', orderCode: 'X', window: { date: '29/11/2026', from: '09:00', to: '12:00' } }),
    ).toThrow(RangeError);
    expect(() => renderOrderNotice({ kind: 'out_for_delivery', orderCode: 'X', eta: 'soon' })).toThrow(RangeError);
  });
});
