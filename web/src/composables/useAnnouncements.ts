import type { CustomerType } from '../lib/types';
import { api, useApiResource } from './useApi';

/** 公告 as the API takes and answers them (`/api/announcements`). */
export interface AnnouncementText {
  readonly title: string;
  readonly body: string;
}

export type AnnouncementAudience =
  | { readonly kind: 'all' }
  | { readonly kind: 'districts'; readonly districts: readonly string[] }
  | { readonly kind: 'types'; readonly types: readonly CustomerType[] }
  | { readonly kind: 'customers'; readonly customerIds: readonly string[] }
  /** Those the nearest depot in service serves, as planning places their orders. */
  | { readonly kind: 'depot'; readonly depotId: string };

/** 個資法 §20: `service` (停氣、安全、休息日) reaches everyone; `marketing` (促銷、活動) not those who objected to it. */
export type AnnouncementKind = 'service' | 'marketing';

export interface NewAnnouncement {
  /** Absent on one stored before kinds: a service message. */
  readonly kind?: AnnouncementKind;
  readonly 'zh-TW': AnnouncementText;
  readonly en?: AnnouncementText;
  readonly audience: AnnouncementAudience;
  readonly showFrom: string;
  readonly showTo: string;
  readonly notifyCustomers: boolean;
}

export interface Announcement extends NewAnnouncement {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** 撤下: taken off the portal before its last day. */
  readonly withdrawnAt?: string;
}

export interface AnnouncementSummary extends Announcement {
  readonly sent: { readonly line: number; readonly sms: number; readonly inbox: number };
  readonly failed: number;
  readonly pending: number;
}

export interface AnnouncementPreview {
  readonly recipients: number;
  /** Those of the audience a marketing one leaves out because they objected to marketing. */
  readonly optedOut: number;
  readonly channels: { readonly line: number; readonly sms: number; readonly inbox: number; readonly none: number };
  /** The texts one SMS costs in each language written. */
  readonly segments: { readonly 'zh-TW': number; readonly en?: number };
  /** The texts every SMS recipient costs in all. */
  readonly smsTexts: number;
}

export interface PortalAnnouncement extends AnnouncementText {
  readonly id: string;
  readonly showFrom: string;
  readonly showTo: string;
}

/** The latest announcements with how their sending went; `reload` after one is sent. */
export function useAnnouncements() {
  const { data, loading, error, reload } = useApiResource(async () => (await api.get<{ announcements: AnnouncementSummary[] }>('/api/announcements')).announcements, [] as AnnouncementSummary[]);
  return { announcements: data, loading, error, reload };
}

/** Whom it would reach and what the texts cost: written and sent nowhere. */
export const previewAnnouncement = (input: NewAnnouncement) => api.post<AnnouncementPreview>('/api/announcements/preview', input);

/** Publishes it (and has it sent when asked); the same key answers the first one again and sends nothing twice. */
export const publishAnnouncement = (input: NewAnnouncement, idempotencyKey: string) =>
  api.post<{ announcement: Announcement }>('/api/announcements', input, { idempotencyKey });

/** Takes it off the portal from now on (the messages sent stay sent). */
export const withdrawAnnouncement = (id: string) => api.post<{ announcement: Announcement }>(`/api/announcements/${encodeURIComponent(id)}/withdraw`, {});

/** The announcements the portal shows the signed-in customer today. */
export const currentAnnouncements = async (): Promise<PortalAnnouncement[]> => (await api.get<{ announcements: PortalAnnouncement[] }>('/api/announcements/current')).announcements;

/** A service announcement in force today as staff see it: the words in their language, and whom it is for. */
export interface StaffAnnouncement extends PortalAnnouncement {
  readonly audience: AnnouncementAudience;
  /** A depot's audience: the depot's name, which a driver cannot read otherwise. */
  readonly depotName?: string;
}

/** The service announcements in force today, for the office's shell and the driver's app. */
export const staffAnnouncements = async (): Promise<StaffAnnouncement[]> => (await api.get<{ announcements: StaffAnnouncement[] }>('/api/announcements/staff')).announcements;

const CLOSED_FOR_SESSION = 'lg.staffAnnouncements.closed';

/**
 * The staff announcements a user closed in this tab: closed for the session only (sessionStorage), so the next sign-in
 * shows them again while they are in force, a notice about customers' supply being one staff should not lose for good.
 */
export const closedStaffAnnouncements = (uid: string): Set<string> => storedIds(sessionStorage, `${CLOSED_FOR_SESSION}.${uid}`);

/** Remembers for the session that the user closed one. */
export function closeStaffAnnouncement(uid: string, id: string): void {
  sessionStorage.setItem(`${CLOSED_FOR_SESSION}.${uid}`, JSON.stringify([...new Set([...closedStaffAnnouncements(uid), id])]));
}

/** The signed-in account closed it: the portal shows it to this account no more, on any device. */
export const dismissAnnouncementForAccount = (id: string) => api.post<{ dismissed: string }>(`/api/announcements/${encodeURIComponent(id)}/dismiss`, {});

const DISMISSED = 'lg.announcements.dismissed';

/**
 * The announcements a user closed on this device, by the user: another person signing in on it still sees them. The
 * account's own record is the server's; this keeps one closed while offline, or before the server heard of it.
 */
export const dismissedAnnouncements = (uid: string): Set<string> => storedIds(localStorage, `${DISMISSED}.${uid}`);

/** The ids stored under `key`; none when the entry is missing or not a list of ids. */
function storedIds(storage: Storage, key: string): Set<string> {
  try {
    const stored: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Remembers that the user closed one, keeping only those still shown so the list does not grow for ever. */
export function dismissAnnouncement(uid: string, id: string, shown: readonly string[]): void {
  const kept = [...dismissedAnnouncements(uid)].filter((d) => shown.includes(d));
  localStorage.setItem(`${DISMISSED}.${uid}`, JSON.stringify([...new Set([...kept, id])]));
}
