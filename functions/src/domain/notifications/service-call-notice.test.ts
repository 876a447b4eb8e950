import { buildEvent, type EventEnvelope } from '../events';
import { assignServiceCall, closeServiceCall, openServiceCall, openServiceCallInputSchema, serviceCallCustomerEvents, type ServiceCall } from '../service-calls';
import { renderServiceCallNotice, serviceCallNoticeFor, serviceCallNoticeId, technicianName } from './service-call-notice';

const office = { uid: 'u-office', role: 'office' } as const;
const customer = { code: 'C00001', name: '林家', address: '新北市板橋區文化路一段 1 號', phone: '0912-345-678' };
const open = (kind: string): ServiceCall =>
  openServiceCall(openServiceCallInputSchema.parse({ customerId: 'cust-1', kind, description: '說明', someoneHome: true }), { id: 'svc-1', customer, by: office, now: new Date('2026-12-01T01:00:00Z') });
const DRIVERS = { 'drv-1': '陳志豪', 'drv-2': '歐陽明德' } as const;
const assign = (call: ServiceCall, scheduledAt: string, now = '2026-12-01T01:05:00Z', driverId: keyof typeof DRIVERS = 'drv-1') =>
  assignServiceCall(call, { driverId, scheduledAt }, { driver: { id: driverId, name: DRIVERS[driverId], active: true }, by: office, now: new Date(now) });
const eventOf = (before: ServiceCall, after: ServiceCall): EventEnvelope => {
  const [entry] = serviceCallCustomerEvents(before, after);
  if (!entry) throw new Error('no event');
  return entry.event;
};
const told = (before: ServiceCall, after: ServiceCall, locale: 'zh-TW' | 'en' = 'zh-TW') => {
  const notice = serviceCallNoticeFor(eventOf(before, after), after);
  return notice && renderServiceCallNotice(notice, locale);
};

describe('報修通知', () => {
  const call = open('regulator');
  // 14:30 Taipei on Tuesday 1 December 2026.
  const sent = assign(call, '2026-12-01T06:30:00.000Z');

  it('tells who comes and when, then the new time when it moves, in zh-TW and English', () => {
    expect(told(call, sent)).toBe('幸福氣報修通知（調整器）：已安排陳師傅於 12/1（二）14:30 到府處理，屆時請留人在家應門；如需改時間，請來電告知。');
    expect(told(call, sent, 'en')).toBe(
      'Lucky Gas service call (regulator): our technician 陳志豪 will be with you at 14:30 on Tue 12/1. Please have someone home to let us in; to change the time, please call us.',
    );
    const moved = assign(sent, '2026-12-02T02:00:00.000Z', '2026-12-01T03:00:00Z');
    expect(told(sent, moved)).toBe('幸福氣報修通知（調整器）：到府時間已改為 12/2（三）10:00，由陳師傅前往，屆時請留人在家應門；如需改時間，請來電告知。');
    expect(told(sent, moved, 'en')).toBe(
      'Lucky Gas service call (regulator): the visit has moved to 10:00 on Wed 12/2, and our technician 陳志豪 will come. Please have someone home to let us in; to change the time, please call us.',
    );
  });

  it('names the new driver when the call is handed over, at the same time or another', () => {
    const handedOver = assign(sent, '2026-12-01T06:30:00.000Z', '2026-12-01T03:00:00Z', 'drv-2');
    expect(told(sent, handedOver)).toBe('幸福氣報修通知（調整器）：改由歐陽師傅於 12/1（二）14:30 到府處理，屆時請留人在家應門；如需改時間，請來電告知。');
    expect(told(sent, handedOver, 'en')).toMatch(/^Lucky Gas service call \(regulator\): our technician 歐陽明德 will come instead, at 14:30 on Tue 12\/1\. /);
    const both = assign(sent, '2026-12-02T02:00:00.000Z', '2026-12-01T03:00:00Z', 'drv-2');
    expect(told(sent, both)).toMatch(/^幸福氣報修通知（調整器）：到府時間已改為 12\/2（三）10:00，改由歐陽師傅前往，/);
    expect(told(sent, both, 'en')).toMatch(/: the visit has moved to 10:00 on Wed 12\/2, and our technician 歐陽明德 will come instead\. /);
  });

  it('calls a Chinese-named driver by surname and 師傅 (a compound surname whole), any other name as written', () => {
    expect([technicianName('陳志豪', 'zh-TW'), technicianName('林立', 'zh-TW'), technicianName('張簡志明', 'zh-TW'), technicianName(' 司馬光 ', 'zh-TW')]).toEqual(['陳師傅', '林師傅', '張簡師傅', '司馬師傅']);
    expect([technicianName('阿明 Lin', 'zh-TW'), technicianName('司機 drv-1', 'zh-TW'), technicianName('陳志豪', 'en')]).toEqual(['阿明 Lin', '司機 drv-1', '陳志豪']);
  });

  it('takes a joined compound surname (張簡, 范姜 …) whole only before a two-character given name, a classical one (歐陽 …) before any', () => {
    const names = ['張簡明', '張簡嘉宏', '范姜新', '范姜光宇', '歐陽修', '上官婉兒'];
    expect(names.map((n) => technicianName(n, 'zh-TW'))).toEqual(['張師傅', '張簡師傅', '范師傅', '范姜師傅', '歐陽師傅', '上官師傅']);
  });

  it("tells the driver's 對客稱呼 as written, in either language, when 車隊 sets one, and derives from the name without it", () => {
    const named = assignServiceCall(call, { driverId: 'drv-3', scheduledAt: '2026-12-01T06:30:00.000Z' }, {
      driver: { id: 'drv-3', name: '張簡明', addressedAs: '簡明師傅', active: true },
      by: office,
      now: new Date('2026-12-01T01:05:00Z'),
    });
    expect(told(call, named)).toMatch(/^幸福氣報修通知（調整器）：已安排簡明師傅於 12\/1（二）14:30 到府處理，/);
    expect(told(call, named, 'en')).toMatch(/: our technician 簡明師傅 will be with you at 14:30 on Tue 12\/1\. /);
    const unnamed = assignServiceCall(call, { driverId: 'drv-3', scheduledAt: '2026-12-01T06:30:00.000Z' }, { driver: { id: 'drv-3', name: '張簡明', active: true }, by: office, now: new Date('2026-12-01T01:05:00Z') });
    expect(unnamed.assignment).not.toHaveProperty('driverAddressedAs');
    expect(told(call, unnamed)).toMatch(/：已安排張師傅於 /);
  });

  it('says nothing of a time moved or a driver changed since, or of a call closed before its dispatch went out', () => {
    const moved = assign(sent, '2026-12-02T02:00:00.000Z', '2026-12-01T03:00:00Z');
    expect(serviceCallNoticeFor(eventOf(call, sent), moved)).toBeNull();
    expect(serviceCallNoticeFor(eventOf(call, sent), assign(sent, '2026-12-01T06:30:00.000Z', '2026-12-01T03:00:00Z', 'drv-2'))).toBeNull();
    expect(serviceCallNoticeFor(eventOf(call, sent), closeServiceCall(sent, { outcome: 'fixed' }, { by: office, now: new Date('2026-12-01T04:00:00Z') }))).toBeNull();
    expect(serviceCallNoticeFor(eventOf(call, sent), undefined)).toBeNull();
  });

  it('says how the call ended in plain words, per outcome', () => {
    const close = (input: Parameters<typeof closeServiceCall>[1]) => closeServiceCall(sent, input, { by: office, now: new Date('2026-12-01T07:00:00Z') });
    expect(told(sent, close({ outcome: 'fixed' }))).toBe('幸福氣報修通知（調整器）：已於 12/1（二）處理完成並結案。如仍有問題，請隨時來電。');
    expect(told(sent, close({ outcome: 'parts_replaced', note: '更換調整器一只' }))).toBe('幸福氣報修通知（調整器）：已於 12/1（二）更換零件、處理完成並結案。如仍有問題，請隨時來電。');
    expect(told(sent, close({ outcome: 'follow_up', note: '需更換熱水器' }), 'en')).toBe('Lucky Gas service call (regulator): we visited on Tue 12/1; more work is needed, and we will call you to arrange it.');
  });

  it('an unsafe close says what was found, that the gas is stopped and how it comes back: an inspection asked for by phone or in the portal (我要報修), with no codes', () => {
    const unsafe = closeServiceCall(sent, { outcome: 'unsafe', unsafeItems: ['regulator', 'hose'] }, { by: office, now: new Date('2026-12-01T07:00:00Z') });
    expect(told(sent, unsafe)).toBe(
      '幸福氣安全通知（調整器）：12/1（二）到府檢查時發現下列項目不安全：調整器、橡皮管（老化、長度、管束／安全夾）。為了您的安全，已暫停供應瓦斯，請勿自行接用。請先完成改善，再來電或於幸福氣網站「我要報修」申請安全檢查，檢查合格即恢復送氣。',
    );
    expect(told(sent, unsafe, 'en')).toBe(
      'Lucky Gas safety notice (regulator): on Tue 12/1 we found these unsafe: Regulator; Hose (ageing, length, clips). For your safety we have stopped your gas supply; please do not use the installation. Once it is fixed, call us or use Report a problem on our website to ask for a safety inspection: your gas comes again when it passes.',
    );
  });

  it('one dispatch record per event, and nothing for another event', () => {
    expect(serviceCallNoticeId('svc-1-closed')).toBe('service-call-svc-1-closed');
    const other = buildEvent({ id: 'x', type: 'system.service_call_unsafe', occurredAt: new Date(), actor: office, subject: 'serviceCalls/svc-1', sequence: 1, data: { serviceCallId: 'svc-1' } });
    expect(serviceCallNoticeFor(other, sent)).toBeNull();
  });
});
