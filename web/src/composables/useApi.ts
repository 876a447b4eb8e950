import { ElMessage } from 'element-plus';
import { computed, nextTick, ref, watch, type Ref, type WatchSource } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError, createApiClient, type Query } from '../lib/api-client';
import { formFieldMessages } from '../lib/form-errors';
import { draftChanges } from '../lib/form-draft';
import { retryKeys } from '../lib/retry-key';
import { currentLocale } from '../modules/i18n';
import { useCloseGuard } from './useCloseGuard';
import { bearerToken, endSession } from './useSession';

/** The one HTTP client of the app: bearer token (local or Firebase ID token), Accept-Language, Idempotency-Key on POST. */
export const api = createApiClient({
  baseUrl: '',
  getToken: bearerToken,
  getLocale: currentLocale,
  onUnauthenticated: (code) => endSession(code === 'AUTH.ACCOUNT_DISABLED' ? 'accountDisabled' : 'expired'),
});

export function useApi() {
  const { t, te } = useI18n();

  /** The text to show for a failed call: the API's localised message, else ours for the code. */
  function errorText(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.message) return error.message;
      const key = `errors.${error.code}`;
      return te(key) ? t(key) : t('errors.generic');
    }
    return t('errors.generic');
  }

  /** Body field path → message, for showing validation errors beside the inputs. */
  function fieldErrors(error: unknown): Record<string, string> {
    return error instanceof ApiError ? formFieldMessages(error.fields) : {};
  }

  return { api, errorText, fieldErrors };
}

/** Saves what a GET answers (a CSV) as a file the browser downloads under `fileName`. */
export async function downloadFile(path: string, query: Query, fileName: string): Promise<void> {
  const url = URL.createObjectURL(await api.getBlob(path, query));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * A download button's state: busy while the file comes, and when it does not, the reason in a message (the page itself
 * stays as it was).
 */
export function useDownload() {
  const { errorText } = useApi();
  const downloading = ref(false);
  async function download(work: () => Promise<void>): Promise<void> {
    downloading.value = true;
    try {
      await work();
    } catch (e) {
      ElMessage.error(errorText(e));
    } finally {
      downloading.value = false;
    }
  }
  return { downloading, download };
}

/**
 * One API read held in refs, with the loading and error state screens show; `reload` after a change. Only the latest
 * read's answer is applied, and `loading` stays on until it comes: stepping quickly through days never shows a slow
 * answer for a day already left. `source`: what the read asks for (a day, a month, a customer), read again whenever it
 * changes; when that read fails, the data of the one before goes too rather than pass for this one's (a failed
 * `reload` of the same keeps what it shows). `lazy`: not read until `reload` is first called (what the user has to ask for).
 */
export function useApiResource<T>(read: () => Promise<T>, initial: T, opts: { lazy?: boolean; source?: WatchSource<unknown> } = {}) {
  const data = ref(initial) as Ref<T>;
  const loading = ref(false);
  const error = ref<unknown>(null);
  let latest = 0;
  /** Whether `data` answers what was asked before the source last changed. */
  let stale = false;

  async function reload() {
    const call = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const answer = await read();
      if (call !== latest) return;
      data.value = answer;
      stale = false;
    } catch (e) {
      if (call !== latest) return;
      error.value = e;
      if (stale) data.value = initial;
    } finally {
      if (call === latest) loading.value = false;
    }
  }

  if (opts.source) {
    watch(opts.source, () => {
      stale = true;
      void reload();
    });
  }
  if (!opts.lazy) void reload();
  return { data, loading, error, reload };
}

/**
 * The state of a form posting to the API: `busy` while it runs, the failure's text and its
 * field-level messages. `submit(work)` resets them, runs the work and keeps its errors.
 */
export function useSubmission() {
  const { errorText, fieldErrors } = useApi();
  const busy = ref(false);
  const error = ref<string | null>(null);
  const fields = ref<Record<string, string>>({});
  /** The refusal's `details` (ApiError), for a form that lists what was wrong item by item. */
  const details = ref<Record<string, unknown> | null>(null);

  function clear() {
    error.value = null;
    fields.value = {};
    details.value = null;
  }

  async function submit(work: () => Promise<void>): Promise<void> {
    busy.value = true;
    clear();
    try {
      await work();
    } catch (e) {
      error.value = errorText(e);
      fields.value = fieldErrors(e);
      details.value = e instanceof ApiError ? (e.details ?? null) : null;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, fields, details, clear, submit };
}

/**
 * A form dialog's plumbing: shown while `subject()` is set (the `open` flag, or the record it is about), closing
 * asks the parent to clear it, and each opening starts clean: the last attempt's errors go, then `onOpen` fills
 * the form. `keyFor(body)` gives the Idempotency-Key, the same while the same body is retried and renewed once `submit`'s
 * work succeeded (the same payment recorded again on purpose is a second one). `guard` goes on the ElDialog
 * (`v-bind="guard"`): no closing on a backdrop click, and Esc or × ask first while `draft()` — the form's input — differs
 * from what `onOpen` filled in or was last saved.
 */
export function useFormDialog<T>(subject: () => T | null | undefined | false, close: () => void, onOpen: (value: T) => void, draft?: () => unknown) {
  const submission = useSubmission();
  const changes = draft ? draftChanges(draft) : null;
  const visible = computed({
    get: () => Boolean(subject()),
    set: (value: boolean) => {
      if (!value) close();
    },
  });
  watch(subject, (value) => {
    if (!value) return;
    submission.clear();
    onOpen(value);
    // Once the fields show what onOpen filled in (some set a value of their own), that is the saved state.
    if (changes) void nextTick(changes.mark);
  });
  const keyFor = retryKeys();
  async function submit(work: () => Promise<void>): Promise<void> {
    await submission.submit(async () => {
      await work();
      keyFor.renew();
      changes?.mark();
    });
  }
  return { ...submission, submit, visible, keyFor, guard: useCloseGuard(changes?.changed) };
}
