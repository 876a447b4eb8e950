import {
  closureReminderFor,
  closureReminderId,
  closuresToRemind,
  REMIND_DAYS,
  renderClosureReminder,
  type ReminderCandidate,
} from './closure-reminder';

// 2026-12-02 is a Wednesday, 12-06 a Sunday, 12-01 a Tuesday.
const today = '2026-11-27';
const lny = { name: '春節', from: '2026-12-02', to: '2026-12-06' };
const ctx = { today, closures: [lny] };
const candidate = (over: Partial<ReminderCandidate> = {}): ReminderCandidate => ({
  safeDeliveryDate: '2026-12-01',
  closedDays: [],
  district: '中和區',
  orders: [],
  supplyStopped: false,
  ...over,
});

describe('closuresToRemind', () => {
  it('takes closures starting from tomorrow up to a week ahead, by start', () => {
    const at = (from: string) => ({ name: from, from, to: from });
    const closures = [at('2026-12-05'), at('2026-11-27'), at('2026-11-28'), at('2026-12-04'), at('2026-11-26')];
    expect(REMIND_DAYS).toBe(7);
    expect(closuresToRemind(closures, today).map((c) => c.from)).toEqual(['2026-11-28', '2026-12-04']);
  });

  it('leaves out a closure already begun, even one still running', () => {
    expect(closuresToRemind([{ name: '盤點', from: '2026-11-26', to: '2026-11-30' }], today)).toEqual([]);
  });
});

describe('closureReminderFor', () => {
  it('reminds a customer whose deliver-by day was moved before the closure, to order by the last open day', () => {
    expect(closureReminderFor(lny, candidate(), ctx)).toEqual({ closure: lny, orderBy: '2026-12-01' });
  });

  it('reminds on the closure\'s last day and on today, the edges of the window', () => {
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: '2026-12-06' }), ctx)).toMatchObject({ orderBy: '2026-12-01' });
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: today }), ctx)).toMatchObject({ orderBy: today });
  });

  it('tells a customer due days before the closure their own deliver-by day, not the eve of the break', () => {
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: '2026-11-29' }), ctx)).toMatchObject({ orderBy: '2026-11-29' });
    // Closed on Sundays: the Saturday before.
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: '2026-11-29', closedDays: [0] }), ctx)).toMatchObject({ orderBy: '2026-11-28' });
    // Due today, a Friday it is closed on: the next open day, Saturday.
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: today, closedDays: [5] }), ctx)).toMatchObject({ orderBy: '2026-11-28' });
  });

  it('moves the order-by day past the customer\'s closed weekday before the closure', () => {
    // Closed on Tuesdays (2) and Mondays (1): the last open day before Wednesday 12/2 is Sunday 11/29.
    expect(closureReminderFor(lny, candidate({ closedDays: [2] }), ctx)).toMatchObject({ orderBy: '2026-11-30' });
    expect(closureReminderFor(lny, candidate({ closedDays: [1, 2] }), ctx)).toMatchObject({ orderBy: '2026-11-29' });
  });

  it('reminds only customers in the districts a closure holds in, and steps over no closure of other districts', () => {
    const typhoon = { ...lny, name: '颱風假', districts: ['烏來區'] };
    expect(closureReminderFor(typhoon, candidate({ district: '烏來區' }), { today, closures: [typhoon] })).toEqual({ closure: typhoon, orderBy: '2026-12-01' });
    expect(closureReminderFor(typhoon, candidate(), { today, closures: [typhoon] })).toBe('NOT_COVERED');
    const stocktakeElsewhere = { name: '盤點休息', from: '2026-12-01', to: '2026-12-01', districts: ['三峽區'] };
    expect(closureReminderFor(lny, candidate(), { today, closures: [stocktakeElsewhere, lny] })).toMatchObject({ orderBy: '2026-12-01' });
  });

  it('moves the order-by day before a closure right before this one too', () => {
    const stocktake = { name: '盤點休息', from: '2026-12-01', to: '2026-12-01' };
    expect(closureReminderFor(lny, candidate(), { today, closures: [stocktake, lny] })).toMatchObject({ orderBy: '2026-11-30' });
  });

  it('skips a customer whose supply a service call stopped (停止供氣): an order would be refused until an inspection passes', () => {
    expect(closureReminderFor(lny, candidate({ supplyStopped: true }), ctx)).toBe('SUPPLY_STOPPED');
  });

  it('skips a customer without a prediction', () => {
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: null }), ctx)).toBe('NO_PREDICTION');
  });

  it('skips a customer whose gas lasts past the closure, or whose prediction is stale', () => {
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: '2026-12-07' }), ctx)).toBe('NOT_DUE');
    expect(closureReminderFor(lny, candidate({ safeDeliveryDate: '2026-11-26' }), ctx)).toBe('NOT_DUE');
  });

  it('skips a customer with an open order on or before the closure\'s last day, whatever its status, a failed one awaiting its new day too', () => {
    for (const status of ['pending', 'confirmed', 'scheduled', 'out_for_delivery', 'failed'] as const) {
      expect(closureReminderFor(lny, candidate({ orders: [{ requestedDate: '2026-11-30', status }] }), ctx)).toBe('OPEN_ORDER');
    }
    expect(closureReminderFor(lny, candidate({ orders: [{ requestedDate: '2026-12-06', status: 'pending' }] }), ctx)).toBe('OPEN_ORDER');
  });

  it('still reminds when the only orders are done, cancelled or after the closure', () => {
    const orders = [
      { requestedDate: '2026-11-20', status: 'delivered' },
      { requestedDate: '2026-11-30', status: 'cancelled' },
      { requestedDate: '2026-12-07', status: 'pending' },
    ] as const;
    expect(closureReminderFor(lny, candidate({ orders }), ctx)).toMatchObject({ orderBy: '2026-12-01' });
  });

  it('still reminds a customer holding only a pending nightly suggestion, naming its day, and not one the office confirmed', () => {
    const suggestion = { requestedDate: '2026-11-30', status: 'pending', source: 'forecast' } as const;
    expect(closureReminderFor(lny, candidate({ orders: [suggestion] }), ctx)).toEqual({ closure: lny, orderBy: '2026-12-01', suggested: '2026-11-30' });
    expect(closureReminderFor(lny, candidate({ orders: [{ ...suggestion, status: 'confirmed' }] }), ctx)).toBe('OPEN_ORDER');
    expect(closureReminderFor(lny, candidate({ orders: [suggestion, { requestedDate: '2026-12-01', status: 'pending', source: 'portal' }] }), ctx)).toBe('OPEN_ORDER');
  });

  it('names the 需求調整 raising the use when it alone brings the run-out into the closure, not when the usual use would run out in it too', () => {
    const coldWave = { reason: '寒流', factor: 3 };
    const cooler = { reason: '回暖', factor: 0.8 };
    // Due 12/8 at the usual use, after the break: the cold wave brings it to 12/1.
    const onlyInTheCold = candidate({ usual: { safeDeliveryDate: '2026-12-08', adjustedBy: [coldWave, cooler, { ...coldWave, factor: 2 }] } });
    expect(closureReminderFor(lny, onlyInTheCold, ctx)).toEqual({ closure: lny, orderBy: '2026-12-01', heavierUseDuring: ['寒流'] });
    // Due 12/5 at the usual use, in the break anyway: the cold wave only brings it earlier.
    expect(closureReminderFor(lny, candidate({ usual: { safeDeliveryDate: '2026-12-05', adjustedBy: [coldWave] } }), ctx)).toEqual({ closure: lny, orderBy: '2026-12-01' });
  });

  it('skips a customer with no open day left before the closure', () => {
    // Tomorrow's closure; the customer is closed today (Friday 11/27 = 5).
    const tomorrow = { name: '春節', from: '2026-11-28', to: '2026-12-02' };
    expect(closureReminderFor(tomorrow, candidate({ safeDeliveryDate: today, closedDays: [5] }), { today, closures: [tomorrow] })).toBe('NO_OPEN_DAY');
    expect(closureReminderFor(lny, candidate({ closedDays: [0, 1, 2, 3, 4, 5, 6] }), ctx)).toBe('NO_OPEN_DAY');
  });
});

describe('closureReminderId', () => {
  it('is the same for the same customer and closure, and differs otherwise', () => {
    expect(closureReminderId('cl-2026-12-02-abc', 'cust-1')).toBe('closure-cl-2026-12-02-abc-cust-1');
    expect(closureReminderId('cl-2026-12-02-abc', 'cust-2')).not.toBe(closureReminderId('cl-2026-12-02-abc', 'cust-1'));
  });
});

describe('renderClosureReminder', () => {
  it('tells the closure and the order-by day in zh-TW with Taipei weekdays', () => {
    expect(renderClosureReminder({ closure: lny, orderBy: '2026-12-01' })).toBe(
      '幸福氣提醒：12/2（三）–12/6（日）春節休息。依您的用量，瓦斯可能在假期中用完，請於 12/1（二）前訂購。',
    );
  });

  it('shows a one-day closure as its day alone, and does not repeat 休息 a name already says', () => {
    expect(renderClosureReminder({ closure: { name: '盤點休息', from: '2026-12-02', to: '2026-12-02' }, orderBy: '2026-11-30' })).toBe(
      '幸福氣提醒：12/2（三）盤點休息。依您的用量，瓦斯可能在假期中用完，請於 11/30（一）前訂購。',
    );
  });

  it('names the hour the serving depot stops taking orders for that day, when it keeps a cut-off', () => {
    expect(renderClosureReminder({ closure: lny, orderBy: '2026-12-01', cutoff: '14:30' })).toBe(
      '幸福氣提醒：12/2（三）–12/6（日）春節休息。依您的用量，瓦斯可能在假期中用完，請於 12/1（二）14:30 前訂購。',
    );
    expect(renderClosureReminder({ closure: lny, orderBy: '2026-12-01', cutoff: '14:30' }, 'en')).toContain('please order by 14:30 on Tue 12/1.');
  });

  it('tells a customer with a pending suggestion that it is pencilled in and the office will call, not to order again', () => {
    expect(renderClosureReminder({ closure: lny, orderBy: '2026-12-01', cutoff: '14:30', suggested: '2026-11-30' })).toBe(
      '幸福氣提醒：12/2（三）–12/6（日）春節休息。依您的用量，瓦斯可能在假期中用完，我們已為您預排 11/30（一）送氣，將由專人來電確認，不必另外訂購。',
    );
    expect(renderClosureReminder({ closure: lny, orderBy: '2026-12-01', suggested: '2026-11-30' }, 'en')).toBe(
      'Lucky Gas reminder: we are closed Wed 12/2–Sun 12/6 (春節). At your usual use your gas may run out during the break: we have pencilled in a delivery for you on Mon 11/30 and will call to confirm it, so there is no need to order.',
    );
  });

  it('says the higher use under the 需求調整 that brings the run-out into the break, instead of the usual use', () => {
    const coldWave = { closure: lny, orderBy: '2026-12-01', heavierUseDuring: ['寒流'] };
    expect(renderClosureReminder(coldWave)).toBe('幸福氣提醒：12/2（三）–12/6（日）春節休息。寒流期間用量較大，瓦斯可能在假期中用完，請於 12/1（二）前訂購。');
    expect(renderClosureReminder(coldWave, 'en')).toBe(
      'Lucky Gas reminder: we are closed Wed 12/2–Sun 12/6 (春節). With higher use during 寒流, your gas may run out during the break: please order by Tue 12/1.',
    );
    expect(renderClosureReminder({ ...coldWave, heavierUseDuring: ['寒流', '颱風前囤貨'] })).toContain('。寒流、颱風前囤貨期間用量較大，瓦斯可能在假期中用完，');
  });

  it('says the same in English', () => {
    expect(renderClosureReminder({ closure: lny, orderBy: '2026-12-01' }, 'en')).toBe(
      'Lucky Gas reminder: we are closed Wed 12/2–Sun 12/6 (春節). At your usual use your gas may run out during the break: please order by Tue 12/1.',
    );
  });

  it('reads dates as calendar days, whatever the server\'s time zone', () => {
    // A New Year's Eve closure: a UTC offset applied to the date would move it into the previous year.
    const newYear = { name: '元旦', from: '2027-01-01', to: '2027-01-01' };
    expect(renderClosureReminder({ closure: newYear, orderBy: '2026-12-31' })).toContain('1/1（五）元旦休息。');
    expect(renderClosureReminder({ closure: newYear, orderBy: '2026-12-31' }, 'en')).toContain('please order by Thu 12/31.');
  });
});
