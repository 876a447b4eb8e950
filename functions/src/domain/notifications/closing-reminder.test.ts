import { closingReminderFor, renderClosingReminder, type ClosingReminderCandidate } from './closing-reminder';

// 2027-02-05 is a Friday.
const eve = { name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' };
const candidate = (over: Partial<ClosingReminderCandidate> = {}): ClosingReminderCandidate => ({ district: '中和區', orders: [], recurringDays: [], ...over });

describe('closingReminderFor', () => {
  it('tells a customer with an open order or a recurring delivery on the day, naming the day', () => {
    expect(closingReminderFor(eve, candidate({ orders: [{ requestedDate: '2027-02-05', status: 'confirmed' }] }))).toEqual({ closure: eve, day: '2027-02-05' });
    expect(closingReminderFor(eve, candidate({ recurringDays: ['2027-02-05'] }))).toEqual({ closure: eve, day: '2027-02-05' });
  });

  it('tells nobody without a delivery that day (another day, or cancelled, delivered) nor in another district', () => {
    const elsewhere = candidate({
      orders: [
        { requestedDate: '2027-02-04', status: 'confirmed' },
        { requestedDate: '2027-02-05', status: 'cancelled' },
        { requestedDate: '2027-02-05', status: 'delivered' },
      ],
      recurringDays: ['2027-02-04'],
    });
    expect(closingReminderFor(eve, elsewhere)).toBe('NO_DELIVERY');
    expect(closingReminderFor({ ...eve, districts: ['烏來區'] }, candidate({ recurringDays: ['2027-02-05'] }))).toBe('NOT_COVERED');
  });
});

describe('renderClosingReminder', () => {
  it('says the day ends at the closing and what becomes of a later delivery, in either language', () => {
    const r = { closure: eve, day: '2027-02-05' };
    expect(renderClosingReminder(r)).toBe('幸福氣提醒：2/5（五）除夕 12:00 提早收工，當天只送到 12:00。您當天的瓦斯會在 12:00 前送達；若原訂時段在 12:00 之後，我們會為您改期並另行通知。');
    expect(renderClosingReminder(r, 'en')).toBe(
      'Lucky Gas reminder: on Fri 2/5 (除夕) we stop delivering at 12:00. You have gas coming that day: it comes by 12:00, and if it was booked for later we will move it and tell you the new time.',
    );
  });
});
