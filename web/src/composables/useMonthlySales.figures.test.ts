import { changeMark, shareOf } from './useMonthlySales.figures';

describe('monthly sales figures on screen', () => {
  it('marks a rise ▲ and a fall ▼ with one decimal, nothing against an empty month', () => {
    expect(changeMark(12.5)).toEqual({ arrow: '▲', text: '12.5%', trend: 'up' });
    expect(changeMark(-3)).toEqual({ arrow: '▼', text: '3.0%', trend: 'down' });
    expect(changeMark(0)).toEqual({ arrow: '', text: '0%', trend: 'flat' });
    expect(changeMark(null)).toEqual({ arrow: '', text: '—', trend: 'none' });
  });

  it('gives a row’s share of the month’s revenue, none of an empty month', () => {
    expect(shareOf(2550, 5290)).toBe('48.2%');
    expect(shareOf(0, 0)).toBe('0.0%');
  });
});
