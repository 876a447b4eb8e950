import { deliveryFailureMessages, deliveryFailureReason } from './delivery-failure';

describe('why a message never reached the customer, as 通知紀錄 says it', () => {
  it('says each refusal the senders name in the reader’s language, never the provider’s words', () => {
    expect(deliveryFailureReason('SMS.INVALID_NUMBER', 'zh-TW')).toBe('未送達：簡訊商表示此手機號碼無效，請向客戶確認號碼');
    expect(deliveryFailureReason('SMS.INVALID_NUMBER', 'en')).toBe('Not delivered: the SMS gateway says the mobile number is not valid; check it with the customer');
    expect(deliveryFailureReason('LINE.INVALID_RECIPIENT', 'zh-TW')).toContain('LINE 帳號無法接收');
    expect(deliveryFailureReason('INBOX.NO_ACCOUNT', 'en')).toBe('Not delivered: the customer has no portal account, LINE or mobile to text; phone them');
    expect(deliveryFailureReason('SMS.NO_CREDIT', 'zh-TW')).toBe('未送達：簡訊點數不足，請通知系統管理員儲值');
  });

  it('says plainly not delivered for a code it does not know and a failure without one, guessing no reason', () => {
    expect(deliveryFailureReason('SMS.SOMETHING_NEW', 'zh-TW')).toBe('未送達');
    expect(deliveryFailureReason(undefined, 'en')).toBe('Not delivered');
  });

  it('has every permanent refusal of the LINE, SMS and inbox senders in both languages', () => {
    const codes = ['INBOX.NO_ACCOUNT', 'INBOX.INVALID', 'LINE.INVALID_RECIPIENT', 'LINE.INVALID_TEXT', 'LINE.ACCOUNT_REFUSED', 'LINE.REJECTED', 'SMS.INVALID_RECIPIENT', 'SMS.INVALID_NUMBER', 'SMS.INVALID_TEXT', 'SMS.ACCOUNT_REFUSED', 'SMS.NO_CREDIT', 'SMS.REJECTED'];
    expect(Object.keys(deliveryFailureMessages).sort()).toEqual([...codes].sort());
    for (const entry of Object.values(deliveryFailureMessages)) {
      expect(entry['zh-TW']).toMatch(/^未送達：/);
      expect(entry.en).toMatch(/^Not delivered: /);
    }
  });
});
