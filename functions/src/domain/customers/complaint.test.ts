import { assertComplaintOrder, complaintSchema, complaintView, complaintViewSchema, createComplaintInputSchema, recordComplaint, resolveComplaint } from './complaint';

const office = { uid: 'u-office', role: 'office' } as const;
const recorded = recordComplaint(createComplaintInputSchema.parse({ category: 'late_delivery', note: ' 下午才到 ' }), {
  id: 'cmp-1',
  customerId: 'cust-1',
  by: { uid: 'u-c', role: 'customer' },
  now: new Date('2026-11-28T02:00:00Z'),
});

describe('complaints', () => {
  it('keep what was said, trimmed, with who recorded it and when', () => {
    expect(recorded).toEqual({ id: 'cmp-1', customerId: 'cust-1', category: 'late_delivery', note: '下午才到', at: '2026-11-28T02:00:00.000Z', by: { uid: 'u-c', role: 'customer' } });
    expect(complaintSchema.parse(recorded)).toEqual(recorded);
  });

  it('refuse an unknown category and a blank note', () => {
    const result = createComplaintInputSchema.safeParse({ category: 'rude', note: '  ' });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['category', 'note']);
  });

  it('name only an order of the complaining customer’s own, another’s or a made-up one refused as not found', () => {
    expect(() => assertComplaintOrder('ord-1', { customerId: 'cust-1' }, 'cust-1')).not.toThrow();
    for (const order of [{ customerId: 'cust-2' }, null]) {
      expect(() => assertComplaintOrder('ord-1', order, 'cust-1')).toThrow(expect.objectContaining({ code: 'ORDER.NOT_FOUND', kind: 'not_found' }));
    }
  });

  it('name their order as people know it: the Taipei day delivered and what it brought, else the day asked for and what was ordered', () => {
    const about = { ...recorded, orderId: 'ord-1' };
    const line = { size: 20 as const, quantity: 2, unitPrice: 850, subtotal: 1700 };
    // Delivered at 00:30 on 12/2 in Taipei (16:30 UTC on 12/1), the day after it was asked for.
    const delivered = { requestedDate: '2026-12-01', items: [line], emptiesToCollect: [{ size: 20 as const, quantity: 2 }], delivery: { at: '2026-12-01T16:30:00.000Z', emptiesCollected: [{ size: 20 as const, quantity: 1 }] } };
    const view = complaintView(about, delivered);
    expect(view.order).toEqual({ date: '2026-12-02', items: [{ size: 20, quantity: 2 }], empties: [{ size: 20, quantity: 1 }] });
    expect(complaintViewSchema.parse(view)).toEqual(view);
    expect(complaintView(about, { requestedDate: '2026-12-03', items: [], emptiesToCollect: [{ size: 50, quantity: 1 }] }).order).toEqual({ date: '2026-12-03', items: [], empties: [{ size: 50, quantity: 1 }] });
    // No order named, or none on record by that id: the complaint as it is.
    expect(complaintView(recorded, delivered)).toEqual(recorded);
    expect(complaintView(about, null)).toEqual(about);
  });

  it('close once with what was done, leaving what was said as it was', () => {
    const resolved = resolveComplaint(recorded, { resolution: '已致電道歉' }, { by: office, now: new Date('2026-11-28T05:00:00Z') });
    expect(resolved).toEqual({ ...recorded, resolution: '已致電道歉', resolvedAt: '2026-11-28T05:00:00.000Z', resolvedBy: office });
    expect(() => resolveComplaint(resolved, { resolution: '再一次' }, { by: office, now: new Date() })).toThrow(
      expect.objectContaining({ code: 'COMPLAINT.ALREADY_RESOLVED' }),
    );
  });
});
