/** Locale-aware formatting: numbers, percentages and dates in English and Simplified Chinese. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  currentLanguage,
  formatDate,
  formatDateTime,
  formatInteger,
  formatNumber,
  formatPercent,
  i18n,
  setLanguage,
  t,
} from '../../../src/i18n';

const UTC = { timeZone: 'UTC' };
const DAY = '2026-03-07T09:05:00Z';

describe('formatting helpers per locale', () => {
  afterEach(async () => {
    await setLanguage('en');
  });

  it('formats numbers with fixed decimals and grouping', () => {
    expect(formatNumber(0.81234, 3, { locale: 'en' })).toBe('0.812');
    expect(formatNumber(0.81234, 3, { locale: 'zh-CN' })).toBe('0.812');
    expect(formatNumber(12345.678, 1, { locale: 'en' })).toBe('12,345.7');
    expect(formatNumber(12345.678, 1, { locale: 'zh-CN' })).toBe('12,345.7');
    expect(formatNumber(12345.678, 1, { locale: 'de' })).toBe('12.345,7');
    expect(formatInteger(10000, { locale: 'zh-CN' })).toBe('10,000');
  });

  it('prints an en dash, never NaN, for missing values', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(v)).toBe('–');
      expect(formatPercent(v)).toBe('–');
    }
    expect(formatDate('not a date')).toBe('–');
    expect(formatDateTime('')).toBe('–');
  });

  it('formats percentages', () => {
    expect(formatPercent(0.625, 1, { locale: 'en' })).toBe('62.5%');
    expect(formatPercent(0.625, 1, { locale: 'zh-CN' })).toBe('62.5%');
    expect(formatPercent(0.05, 0, { locale: 'fr' })).toMatch(/^5\s%$/);
  });

  it('formats dates and date-times per locale', () => {
    expect(formatDate(DAY, { locale: 'en', ...UTC })).toBe('Mar 7, 2026');
    expect(formatDate(DAY, { locale: 'zh-CN', ...UTC })).toBe('2026年3月7日');
    expect(formatDateTime(DAY, { locale: 'en', ...UTC })).toBe('Mar 7, 2026, 09:05');
    expect(formatDateTime(DAY, { locale: 'zh-CN', ...UTC })).toBe('2026年3月7日 09:05');
  });

  it('follows the UI language when no locale is given', async () => {
    expect(currentLanguage()).toBe('en');
    expect(formatDate(DAY, UTC)).toBe('Mar 7, 2026');
    await setLanguage('zh-CN');
    expect(i18n.language).toBe('zh-CN');
    expect(formatDate(DAY, UTC)).toBe('2026年3月7日');
    expect(t('nav.cases')).toBe('病例列表');
    await setLanguage('en');
    expect(formatDate(DAY, UTC)).toBe('Mar 7, 2026');
    expect(t('nav.cases')).toBe('Cases');
  });

  it('interpolates values without HTML escaping (React escapes)', () => {
    expect(t('studio.cohort.fileFailed', { name: 'a&b<c>.csv' })).toBe('“a&b<c>.csv” was not loaded');
  });
});
