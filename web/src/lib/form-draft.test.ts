import { reactive } from 'vue';
import { draftChanges, guardedClose } from './form-draft';

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a form’s unsaved input', () => {
  it('is none until typed into, and none again once the same is typed back', () => {
    const form = reactive({ amount: 850, note: '' });
    const changes = draftChanges(() => form);
    changes.mark();
    expect(changes.changed()).toBe(false);
    form.note = '匯款';
    expect(changes.changed()).toBe(true);
    form.note = '';
    expect(changes.changed()).toBe(false);
  });

  it('counts as saved once marked after a save', () => {
    const form = reactive({ serials: 'AB1234' });
    const changes = draftChanges(() => form);
    changes.mark();
    form.serials = 'AB1234\nAB1235';
    changes.mark();
    expect(changes.changed()).toBe(false);
  });

  it('is none before the form was first filled', () => {
    const form = reactive({ note: '' });
    const changes = draftChanges(() => form);
    form.note = '開啟前';
    expect(changes.changed()).toBe(false);
  });
});

describe('closing a form dialog with Esc or ×', () => {
  it('closes at once, asking nothing, when nothing was typed', () => {
    const ask = jest.fn(async () => false);
    const done = jest.fn();
    guardedClose(() => false, ask)(done);
    expect(ask).not.toHaveBeenCalled();
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('asks first when input is unsaved, and stays open when the user keeps editing', async () => {
    const done = jest.fn();
    guardedClose(() => true, async () => false)(done);
    await settled();
    expect(done).not.toHaveBeenCalled();
  });

  it('closes once the user agrees to throw the input away', async () => {
    const done = jest.fn();
    guardedClose(() => true, async () => true)(done);
    expect(done).not.toHaveBeenCalled();
    await settled();
    expect(done).toHaveBeenCalledTimes(1);
  });
});
