import { buildEvent } from '../events';
import { INSPECTION_SUPPLY_STOPPED } from '../safety';
import { renderSupplyStopNotice, supplyStopNoticeFor, supplyStopNoticeId } from './supply-stop-notice';

const event = buildEvent({
  id: 'si-1-supply-stop-notice',
  type: INSPECTION_SUPPLY_STOPPED,
  occurredAt: new Date('2026-12-01T02:00:00Z'),
  actor: { uid: 'u-office', role: 'office' },
  subject: 'safetyInspections/si-1',
  sequence: 1,
  data: { customerId: 'cust-1', inspectionId: 'si-1' },
});
const leak = { inspectionId: 'si-1', since: '2026-12-01', items: ['leakTest' as const] };

describe('停止供氣通知 of an inspection', () => {
  it('tells a failed leak test as a leak, that the gas is stopped and how to book the re-check, in zh-TW and English', () => {
    const notice = supplyStopNoticeFor(event, leak);
    expect(notice && renderSupplyStopNotice(notice)).toBe(
      '幸福氣安全通知：12/1（二）用戶安全檢查發現瓦斯漏氣（漏氣測試（肥皂水或檢知器））。為了您的安全，已暫停供應瓦斯，請勿自行接用。請先完成改善，再來電或於幸福氣網站「我要報修」申請複查，複查合格即恢復送氣。',
    );
    expect(notice && renderSupplyStopNotice(notice, 'en')).toBe(
      'Lucky Gas safety notice: the safety inspection on Tue 12/1 found a gas leak (Leak test (soapy water or detector)). For your safety we have stopped your gas supply; please do not use the installation. Once it is fixed, call us or use Report a problem on our website to book a re-check: your gas comes again when it passes.',
    );
  });

  it('names the items and the inspector’s words for a stop they chose by hand', () => {
    const notice = supplyStopNoticeFor(event, { inspectionId: 'si-1', since: '2026-12-01', items: ['hose'], reason: '橡皮管龜裂嚴重' });
    expect(notice && renderSupplyStopNotice(notice)).toMatch(/^幸福氣安全通知：12\/1（二）用戶安全檢查發現瓦斯設備不安全（橡皮管（老化、長度、管束／安全夾）：橡皮管龜裂嚴重）。為了您的安全，已暫停供應瓦斯/);
    expect(notice && renderSupplyStopNotice(notice, 'en')).toMatch(/^Lucky Gas safety notice: the safety inspection on Tue 12\/1 found an unsafe installation \(Hose \(ageing, length, clips\): 橡皮管龜裂嚴重\)\./);
  });

  it('says nothing once the stop is lifted or is another record’s, and one message per event', () => {
    expect(supplyStopNoticeFor(event, undefined)).toBeNull();
    expect(supplyStopNoticeFor(event, { serviceCallId: 'svc-1', since: '2026-12-01', items: ['hose'] })).toBeNull();
    expect(supplyStopNoticeFor({ ...event, type: 'service_call.closed' }, leak)).toBeNull();
    expect(supplyStopNoticeId(event.id)).toBe('supply-stop-si-1-supply-stop-notice');
  });
});
