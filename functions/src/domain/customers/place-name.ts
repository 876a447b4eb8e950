/**
 * 臺 and 台 are interchangeable in place names; we store the everyday 台 so equal places compare equal.
 * Imports nothing, so the SPA can share it (with the road table that uses it).
 */
export const normalisePlaceName = (name: string): string => name.trim().replace(/臺/g, '台');
