import type { HubSettings, HubSettingsUpdate } from '../../api/hubSettings';

export const MINUTES = { min: 30, max: 480 } as const;
export const SESSIONS = { min: 1, max: 50 } as const;

export interface SettingsValues {
  minutes: number | string;
  sessions: number | string;
  waitForHead: boolean;
}

export function valuesOf(settings: HubSettings): SettingsValues {
  return {
    minutes: settings.release_minutes_per_half_day,
    sessions: settings.grant_sessions_threshold,
    waitForHead: settings.payment_waits_for_confirmation,
  };
}

/** 180 → "3 hours", 150 → "2 hours 30 minutes", 45 → "45 minutes". */
export function durationInWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** What the half-day setting means, in a sentence with an example (a 6½-hour session). */
export function halfDayInWords(minutes: number): string {
  const example = 390;
  const halfDays = Math.max(1, Math.ceil(example / minutes));
  const days = halfDays / 2;
  return `A half day is ${durationInWords(minutes)} of meeting time, rounded up: a session from 9:00 to 15:30 counts as ${days} ${days === 1 ? 'day' : 'days'}.`;
}

function whole(value: number | string): number | null {
  const number = typeof value === 'number' ? value : Number(value);
  return value === '' || !Number.isInteger(number) ? null : number;
}

export function validate(values: SettingsValues): Partial<Record<keyof SettingsValues, string>> {
  const errors: Partial<Record<keyof SettingsValues, string>> = {};
  const minutes = whole(values.minutes);
  if (minutes === null || minutes < MINUTES.min || minutes > MINUTES.max) {
    errors.minutes = `Enter a whole number of minutes from ${MINUTES.min} to ${MINUTES.max}.`;
  }
  const sessions = whole(values.sessions);
  if (sessions === null || sessions < SESSIONS.min || sessions > SESSIONS.max) {
    errors.sessions = `Enter a number of sessions from ${SESSIONS.min} to ${SESSIONS.max}.`;
  }
  return errors;
}

export function bodyOf(values: SettingsValues): HubSettingsUpdate {
  return {
    release_minutes_per_half_day: Number(values.minutes),
    grant_sessions_threshold: Number(values.sessions),
    payment_waits_for_confirmation: values.waitForHead,
  };
}
