import { formFieldMessages } from './form-errors';

describe('formFieldMessages', () => {
  it('keys body fields by their path inside the body, and keeps other places as sent', () => {
    expect(
      formFieldMessages([
        { path: 'body.username', message: '必填' },
        { path: 'body.items.0.quantity', message: '至少 1' },
        { path: 'query.date', message: '日期格式錯誤' },
      ]),
    ).toEqual({ username: '必填', 'items.0.quantity': '至少 1', 'query.date': '日期格式錯誤' });
  });
});
