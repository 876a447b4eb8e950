import { serialSchema } from '../../../../functions/src/domain/cylinders/register';
import { appendSerial, blankSerialTexts, deliverySerials, isSerial, normaliseSerial, parseSerials } from './cylinder-serials';

describe('a cylinder serial as typed', () => {
  it('is made upper-case, half-width and without spaces, dashes of any kind becoming "-"', () => {
    expect(normaliseSerial(' ab-12345 ')).toBe('AB-12345');
    expect(normaliseSerial('ＴＷ１２３４５')).toBe('TW12345');
    expect(normaliseSerial('tw－1234')).toBe('TW-1234');
    expect(normaliseSerial('TW–1234')).toBe('TW-1234');
    expect(normaliseSerial('TW 12 345')).toBe('TW12345');
  });

  it('counts as a serial with 4 to 20 letters, digits and dashes only', () => {
    expect(isSerial('A123')).toBe(true);
    expect(isSerial('A12')).toBe(false);
    expect(isSerial('A'.repeat(20))).toBe(true);
    expect(isSerial('A'.repeat(21))).toBe(false);
    expect(isSerial('AB_1234')).toBe(false);
    expect(isSerial('鋼瓶1234')).toBe(false);
  });
});

describe('a serial as the API keeps it', () => {
  it.each(['tw20-123456', ' AB12 ', 'a-1-2-3', 'Z'.repeat(20)])('%j becomes what the API stores', (raw) => {
    expect(normaliseSerial(raw)).toBe(serialSchema.parse(raw));
  });
  it.each(['ab', 'AB_1234', 'X'.repeat(21), 'TW/1234'])('%j is refused here as the API refuses it', (raw) => {
    expect(isSerial(normaliseSerial(raw))).toBe(serialSchema.safeParse(raw).success);
  });
});

describe('a pasted list of serials', () => {
  it('takes one per line from a spreadsheet column, in order, each once', () => {
    expect(parseSerials('tw0001\r\nTW0002\n\n  TW0003  \nTW0001\n')).toEqual({ serials: ['TW0001', 'TW0002', 'TW0003'], invalid: [], repeated: ['TW0001'] });
  });

  it('splits at commas, semicolons, tabs and the Chinese list marks too', () => {
    expect(parseSerials('AA0001,AA0002;AA0003\tAA0004、AA0005，AA0006；AA0007').serials).toEqual(['AA0001', 'AA0002', 'AA0003', 'AA0004', 'AA0005', 'AA0006', 'AA0007']);
  });

  it('names the entries that are not serials, as they were typed', () => {
    expect(parseSerials('TW0001\nab\n鋼瓶一號\nTW0002')).toEqual({ serials: ['TW0001', 'TW0002'], invalid: ['ab', '鋼瓶一號'], repeated: [] });
  });

  it('gives nothing for an empty or blank text', () => {
    expect(parseSerials('  \n\n ')).toEqual({ serials: [], invalid: [], repeated: [] });
  });

  it('adds a scanned serial on a line of its own unless it is listed already', () => {
    expect(appendSerial('', 'tw0001')).toBe('TW0001');
    expect(appendSerial('TW0001\n', 'TW0002')).toBe('TW0001\nTW0002');
    expect(appendSerial('tw0001', 'TW0001')).toBe('tw0001');
  });
});

describe('the serials of a delivery', () => {
  it('sends nothing when none were entered, so the delivery is recorded as before', () => {
    const result = deliverySerials({ delivered: '', collected: ' ' });
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty('cylinderSerials');
  });

  it('sends both lists once anything was entered', () => {
    expect(deliverySerials({ delivered: 'tw0001\nTW0002', collected: '' }).cylinderSerials).toEqual({ delivered: ['TW0001', 'TW0002'], collected: [] });
  });

  it('holds the delivery back for an entry that is not a serial or a cylinder both left and taken back', () => {
    expect(deliverySerials({ delivered: 'TW0001\nx', collected: '' }).ok).toBe(false);
    const both = deliverySerials({ delivered: 'TW0001', collected: 'tw0001\nTW0009' });
    expect(both.inBoth).toEqual(['TW0001']);
    expect(both.ok).toBe(false);
  });

  it('refuses at the door, without signal, a cylinder left past its deadline, naming it and its deadline; one on its deadline or unknown goes', () => {
    const door = { deadlines: [{ serial: 'TW20-LATE01', nextInspectionDue: '2026-11-20' }, { serial: 'TW20-EDGE01', nextInspectionDue: '2026-11-30' }], day: '2026-11-30' };
    const late = deliverySerials({ delivered: 'tw20-late01\nTW20-EDGE01\nTW20-NEW001', collected: '' }, door);
    expect(late.overdue).toEqual([{ serial: 'TW20-LATE01', code: 'CYLINDER.INSPECTION_OVERDUE', nextInspectionDue: '2026-11-20' }]);
    expect(late.ok).toBe(false);
    expect(deliverySerials({ delivered: 'TW20-EDGE01\nTW20-NEW001', collected: '' }, door)).toMatchObject({ overdue: [], ok: true });
    // Taken back, an overdue one is what the stop asks for.
    expect(deliverySerials({ delivered: '', collected: 'TW20-LATE01' }, door)).toMatchObject({ overdue: [], ok: true });
    // After midnight the one due on the route's day is past it too, as the server judges the upload.
    expect(deliverySerials({ delivered: 'TW20-EDGE01', collected: '' }, { ...door, day: '2026-12-01' }).overdue.map((r) => r.serial)).toEqual(['TW20-EDGE01']);
  });
});

describe('the register’s cylinders to bring back', () => {
  it('starts a stop with them ticked as collected, before the typed ones, each once; unticked, they are not sent', () => {
    const texts = blankSerialTexts(['YL13-103129', 'TF20-103591']);
    expect(deliverySerials(texts).cylinderSerials).toEqual({ delivered: [], collected: ['YL13-103129', 'TF20-103591'] });
    expect(deliverySerials({ ...texts, collected: 'tf20-103591\nTW0009' }).cylinderSerials?.collected).toEqual(['YL13-103129', 'TF20-103591', 'TW0009']);
    expect(deliverySerials({ ...texts, toCollect: ['TF20-103591'] }).cylinderSerials).toEqual({ delivered: [], collected: ['TF20-103591'] });
    expect(deliverySerials({ ...texts, toCollect: [] }).cylinderSerials).toBeUndefined();
    expect(deliverySerials({ ...texts, delivered: 'YL13-103129' })).toMatchObject({ inBoth: ['YL13-103129'], ok: false });
  });
});
