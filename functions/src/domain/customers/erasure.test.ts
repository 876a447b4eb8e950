import { aCustomer, anOrder } from '../test-support';
import { eraseCustomer, erasedCopy, erasedOrder } from './erasure';
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

  it('keeps a reason picked from the list, by its code', () => {
    const kept = erasedOrder(order('no_one_home'), erased);
    expect(kept.failureReason).toBe('no_one_home');
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
