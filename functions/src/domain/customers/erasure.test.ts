import { aCustomer, anOrder } from '../test-support';
import type { Deposit, Payment, Refund } from '../billing';
import { buildEvent } from '../events';
import type { ServiceCall } from '../service-calls';
import { eraseCustomer, erasedCopy, erasedDeposit, erasedEvent, erasedEventData, erasedOrder, erasedPayment, erasedRefund, erasedServiceCall } from './erasure';
import type { Customer } from './customer';

const NOW = new Date('2026-11-30T02:00:00.000Z');
const ADMIN = { uid: 'u-admin', role: 'admin' } as const;
const NOTHING_OPEN = { cylinders: 0, deposit: 0, balance: 0, openOrders: 0 };
const input = { confirmCode: 'C00001', reason: 'asked by phone' };
const left = (c: Customer): Customer => ({ ...c, status: 'inactive', cylindersOnSite: [] });
const household = left(
  aCustomer()
    .withCode('C00001')
    .with({ name: '劉佩君', contactName: '劉小姐', phones: ['0960-327-259'], address: { city: '台北市', district: '大安區', road: '師大路', number: '74', floor: '2' }, notes: '狗會叫', invoice: { carrier: '/ABC1234' } })
    .build(),
);

describe('eraseCustomer', () => {
  it('leaves the code, city and district, and the search finds the customer by code only', () => {
    const erased = eraseCustomer(household, NOTHING_OPEN, input, ADMIN, NOW);
    expect(erased).toMatchObject({ name: 'C00001', phones: [], notes: '', invoice: {}, address: { city: '台北市', district: '大安區', road: '', number: '', full: '台北市大安區' } });
    expect(erased.contactName).toBeUndefined();
    expect(erased.location).toEqual({ lat: 25.03, lng: 121.54 });
    expect(erased.locationPrecision).toBe('district');
    expect(erased.searchTokens.join(' ')).not.toMatch(/劉|0960|師大/);
    expect(erased.erasure).toEqual({ at: NOW.toISOString(), by: ADMIN, reason: 'asked by phone', retention: { vouchers: '2032-12-31', books: '2037-12-31' }, retainUntil: '2037-12-31' });
    expect(erased.version).toBe((household.version ?? 0) + 1);
  });

  it('keeps the vouchers five years and the books ten after the annual closing, done in the next Taipei year (商業會計法 §38)', () => {
    // 2026's last evening in Taipei is 2026's: its books close in 2027, the vouchers stay through 2032 and the books through 2037.
    expect(eraseCustomer(household, NOTHING_OPEN, input, ADMIN, new Date('2026-12-31T15:59:00.000Z')).erasure).toMatchObject({ retention: { vouchers: '2032-12-31', books: '2037-12-31' }, retainUntil: '2037-12-31' });
    // An hour later it is 2027 in Taipei though still 2026 in UTC.
    expect(eraseCustomer(household, NOTHING_OPEN, input, ADMIN, new Date('2026-12-31T16:30:00.000Z')).erasure).toMatchObject({ retention: { vouchers: '2033-12-31', books: '2038-12-31' }, retainUntil: '2038-12-31' });
  });

  it('refuses while anything is open, naming it, and for a mistyped code or an active customer', () => {
    expect(() => eraseCustomer(household, { ...NOTHING_OPEN, balance: -850 }, input, ADMIN, NOW)).toThrow(expect.objectContaining({ code: 'CUSTOMER.ERASE_LEFT_OPEN', details: expect.objectContaining({ balance: -850 }) }));
    expect(() => eraseCustomer(household, { ...NOTHING_OPEN, openOrders: 1 }, input, ADMIN, NOW)).toThrow(expect.objectContaining({ code: 'CUSTOMER.ERASE_LEFT_OPEN' }));
    expect(() => eraseCustomer(household, NOTHING_OPEN, { ...input, confirmCode: 'C00002' }, ADMIN, NOW)).toThrow(expect.objectContaining({ code: 'CUSTOMER.ERASE_CODE_MISMATCH' }));
    expect(() => eraseCustomer({ ...household, status: 'active' }, NOTHING_OPEN, input, ADMIN, NOW)).toThrow(expect.objectContaining({ code: 'CUSTOMER.ERASE_ACTIVE' }));
  });

  it('keeps a company’s tax id and title, the name it goes by afterwards', () => {
    const company = left(aCustomer().withCode('C00001').with({ invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } }).build());
    expect(eraseCustomer(company, NOTHING_OPEN, input, ADMIN, NOW)).toMatchObject({ name: '林記麵館有限公司', invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } });
  });
});

describe('erasedCopy', () => {
  it('keeps only what a copy had of code, name and district, the phone emptied', () => {
    const erased = eraseCustomer(household, NOTHING_OPEN, input, ADMIN, NOW);
    expect(erasedCopy({ id: 'x', code: 'C00001', name: '劉佩君', address: '台北市大安區師大路74號2樓', phone: '0960-327-259' }, erased)).toEqual({ id: 'x', code: 'C00001', name: 'C00001', address: '台北市大安區', phone: '' });
    expect(erasedCopy({ id: 'x', code: 'C00001', name: '劉佩君' }, erased)).toEqual({ id: 'x', code: 'C00001', name: 'C00001' });
  });
});

describe('erasedOrder', () => {
  const erased = eraseCustomer(household, NOTHING_OPEN, input, ADMIN, NOW);
  const by = { uid: 'u-driver1', role: 'driver' } as const;
  const order = (reason: string) => ({
    ...anOrder().forCustomer({ ...household, status: 'active' }).inStatus('failed').build(),
    failureReason: reason,
    timeline: [{ at: NOW.toISOString(), by, from: 'out_for_delivery' as const, to: 'failed' as const, reason, note: '鄰居說她搬去台中' }],
  });

  it('drops the words typed as why a delivery failed, was cancelled or came on a closed day, on the order and its timeline', () => {
    const typed = erasedOrder({ ...order('劉小姐說搬家了'), cancelReason: '劉小姐來電取消', closureOverride: { reason: '獨居長者瓦斯用完', by: ADMIN, at: NOW.toISOString(), closure: '春節' } }, erased);
    expect(typed.failureReason).toBeUndefined();
    expect(typed.cancelReason).toBeUndefined();
    expect(typed.closureOverride).toEqual({ reason: '', by: ADMIN, at: NOW.toISOString(), closure: '春節' });
    expect(typed.timeline).toEqual([{ at: NOW.toISOString(), by, from: 'out_for_delivery', to: 'failed' }]);
    expect(JSON.stringify(typed)).not.toMatch(/劉|獨居|台中/);
  });

  it('keeps a reason picked from the list, by its code, and drops the driver’s words beside it', () => {
    const kept = erasedOrder({ ...order('no_one_home'), failureNote: '鄰居說她搬去台中' }, erased);
    expect(kept.failureReason).toBe('no_one_home');
    expect(kept).not.toHaveProperty('failureNote');
    expect(kept.timeline[0]).toEqual({ at: NOW.toISOString(), by, from: 'out_for_delivery', to: 'failed', reason: 'no_one_home' });
  });

  it('keeps a move to another day (延後) with its picked reason, and drops the words typed for one', () => {
    const move = (reason: string) => ({ at: NOW.toISOString(), by, from: 'pending' as const, to: 'pending' as const, reason, rescheduled: { from: '2026-12-02', to: '2026-12-05' } });
    const orderMoved = (reason: string) => ({ ...order('no_one_home'), timeline: [move(reason)] });
    expect(erasedOrder(orderMoved('plant_shortage'), erased).timeline).toEqual([move('plant_shortage')]);
    const { reason: _typed, ...withoutReason } = move('劉小姐住院');
    expect(erasedOrder(orderMoved('劉小姐住院'), erased).timeline).toEqual([withoutReason]);
  });
});

describe('erasedServiceCall', () => {
  const erased = eraseCustomer(household, NOTHING_OPEN, input, ADMIN, NOW);
  const driver = { uid: 'u-driver1', role: 'driver' } as const;
  const call: ServiceCall = {
    id: 'sc-1',
    customerId: household.id,
    customer: { code: 'C00001', name: '劉佩君', address: household.address.full, phone: '0960-327-259' },
    kind: 'regulator',
    urgent: false,
    description: '劉小姐說調整器漏氣，她一個人住',
    someoneHome: true,
    preferredTime: '劉小姐下午三點後在家',
    status: 'closed',
    openedAt: NOW.toISOString(),
    openedBy: ADMIN,
    driverId: 'drv-1',
    assignment: { driverId: 'drv-1', driverName: '陳大明', scheduledAt: NOW.toISOString(), at: NOW.toISOString(), by: ADMIN },
    result: { outcome: 'unsafe', note: '劉小姐家鋼瓶沒有固定', unsafeItems: ['cylinderSecured'], at: NOW.toISOString(), by: driver },
  };

  it('drops the caller’s words, the time asked for and the driver’s note, and keeps the kind, times, who went and the outcome by its codes', () => {
    const after = erasedServiceCall(call, erased);
    const { preferredTime: _asked, ...kept } = call;
    expect(after).toEqual({
      ...kept,
      description: '',
      customer: { code: 'C00001', name: 'C00001', address: '台北市大安區', phone: '' },
      result: { outcome: 'unsafe', unsafeItems: ['cylinderSecured'], at: NOW.toISOString(), by: driver },
    });
    expect(JSON.stringify(after)).not.toMatch(/劉|0960|師大路|鋼瓶沒有|漏氣/);
  });

  it('leaves an open call without a result', () => {
    const { result: _result, ...open } = call;
    expect(erasedServiceCall({ ...open, status: 'open' }, erased)).not.toHaveProperty('result');
  });
});

describe('erased payments, refunds and deposits', () => {
  const at = NOW.toISOString();
  it('keep the amounts, days and method for the books, and lose the words typed beside them', () => {
    const payment: Payment = { id: 'pay-1', customerId: 'c', amount: 850, method: 'transfer', receivedOn: '2026-11-01', reference: '54321', note: '劉小姐的兒子代付', status: 'voided', by: ADMIN, at, voidedAt: at, voidedBy: ADMIN, voidReason: '劉小姐說匯錯帳戶' };
    const { voidReason: _void, ...kept } = payment;
    expect(erasedPayment(payment)).toEqual({ ...kept, note: '' });

    const refund: Refund = { id: 'ref-1', customerId: 'c', amount: 880, method: 'cash', paidOn: '2026-11-02', reason: '劉小姐搬家退款', status: 'voided', by: ADMIN, at, voidedAt: at, voidedBy: ADMIN, voidReason: '劉小姐不收' };
    const { voidReason: _refundVoid, ...keptRefund } = refund;
    expect(erasedRefund(refund)).toEqual({ ...keptRefund, reason: '' });

    const deposit: Deposit = { id: 'dep-1', customerId: 'c', kind: 'collect', size: 20, count: 2, amount: 2400, method: 'cash', receivedOn: '2026-11-03', note: '劉小姐付的', by: '陳會計', at };
    const { note: _note, ...keptDeposit } = deposit;
    expect(erasedDeposit(deposit)).toEqual(keptDeposit);
  });
});

describe('erasedEvent', () => {
  const event = (reason: string) =>
    buildEvent({ id: 'ev-1', type: 'route.stop_failed', occurredAt: NOW, actor: { uid: 'u-driver1', role: 'driver' }, subject: 'routes/r-1', sequence: 3001, data: { routeId: 'r-1', orderId: 'o-1', at: NOW.toISOString(), reason } });

  it('drops the words typed as why and keeps the rest of the event as its consumers know it', () => {
    const { reason: _reason, ...data } = event('劉小姐不在家').data;
    expect(erasedEvent(event('劉小姐不在家'))).toEqual({ ...event('x'), data });
  });

  it('keeps a reason picked from the list, by its code', () => {
    expect(erasedEvent(event('no_one_home'))).toEqual(event('no_one_home'));
  });

  it('scrubs the same data where an alert keeps it', () => {
    expect(erasedEventData({ orderId: 'o-1', to: 'failed', reason: '劉小姐不在家' })).toEqual({ orderId: 'o-1', to: 'failed' });
  });
});
