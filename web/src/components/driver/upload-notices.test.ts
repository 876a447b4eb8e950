import { uploadNotice, withNotice } from './upload-notices';

const action = { actionId: 'a-1', label: '鋼瓶測試麵店' };

describe('upload notices for the driver', () => {
  it('tells the driver which collected cylinders the register does not know', () => {
    expect(uploadNotice(action, { status: 'delivered', unknownSerials: ['TW20-X1', 'TW20-X2'] })).toEqual({ actionId: 'a-1', label: '鋼瓶測試麵店', serials: ['TW20-X1', 'TW20-X2'] });
  });

  it('tells the driver a delivery synced after its month was closed is booked on the first open day (補登)', () => {
    const answer = { status: 'delivered', deliveryPostedLate: { deliveredOn: '2026-10-31', bookedOn: '2026-11-01' } };
    expect(uploadNotice(action, answer)).toEqual({ actionId: 'a-1', label: '鋼瓶測試麵店', serials: [], bookedOn: '2026-11-01' });
  });

  it('has nothing to say for a delivery without unknown cylinders, a failed stop or an empty answer', () => {
    expect(uploadNotice(action, { status: 'delivered', unknownSerials: [] })).toBeNull();
    expect(uploadNotice(action, { status: 'failed' })).toBeNull();
    expect(uploadNotice(action, undefined)).toBeNull();
  });

  it('notes an upload once though its answer comes twice', () => {
    const notice = uploadNotice(action, { unknownSerials: ['TW20-X1'] });
    expect(withNotice(withNotice([], notice), notice)).toHaveLength(1);
    expect(withNotice([], null)).toEqual([]);
  });
});
