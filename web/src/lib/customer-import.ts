import type { LocationPrecision } from './types';

/** `POST /api/customers/import`: what the server made of each row of the file. */
export type ImportStatus = 'ready' | 'created' | 'invalid' | 'duplicate';

export interface ImportRowReport {
  line: number;
  status: ImportStatus;
  name?: string;
  address?: string;
  customer?: { id: string; code: string; name: string };
  duplicateOf?: { customer?: { id: string; code: string; name: string }; line?: number };
  locationPrecision?: LocationPrecision;
  problems: { column: string; message: string }[];
  notices: string[];
}

export interface ImportReport {
  dryRun: boolean;
  counts: Record<ImportStatus, number>;
  rows: ImportRowReport[];
}

export interface ImportRequest {
  csv: string;
  dryRun: boolean;
  onInvalid: 'reject' | 'skip';
}

/**
 * The text of a CSV file as offices have them: UTF-8 (with or without the BOM Excel writes), or Big5
 * from older Taiwanese software and Excel's "CSV" on a zh-TW Windows. UTF-8 is tried strictly first,
 * since Big5 bytes are almost never valid UTF-8.
 */
export function decodeCsvFile(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('big5').decode(bytes);
  }
}

/** A file Excel opens in the right encoding (UTF-8 with BOM): the header and one example row, in the user's language. */
export const csvTemplate = (header: string, example: string): string => `\uFEFF${header}\r\n${example}\r\n`;
