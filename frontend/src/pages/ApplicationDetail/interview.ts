import type { ApplicationDetail, Interview, InterviewSchedule } from '../../api/applications';
import { formatDate } from '../../lib/format';

export interface InterviewValues {
  date: string | null;
  starts_at: string;
  duration_minutes: number | '';
  location: string;
  video_url: string;
}

export function interviewValues(interview: Interview | null | undefined): InterviewValues {
  return interview
    ? {
        date: interview.date,
        starts_at: interview.starts_at,
        duration_minutes: interview.duration_minutes,
        location: interview.location ?? '',
        video_url: interview.video_url ?? '',
      }
    : { date: null, starts_at: '', duration_minutes: 45, location: '', video_url: '' };
}

export function validateInterview(values: InterviewValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.date) errors.date = 'Enter the date, such as 15/06/2027.';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(values.starts_at)) errors.starts_at = 'Enter the time, such as 10:30.';
  if (values.duration_minutes === '' || values.duration_minutes < 15 || values.duration_minutes > 480) {
    errors.duration_minutes = 'An interview lasts from 15 minutes to 8 hours.';
  }
  if (!values.location.trim() && !values.video_url.trim()) {
    errors.location = 'Give a place or a video link.';
  }
  if (values.video_url.trim() && !/^https:\/\/\S+$/.test(values.video_url.trim())) {
    errors.video_url = 'A video link starts with https://.';
  }
  return errors;
}

export function interviewBody(values: InterviewValues): InterviewSchedule {
  return {
    date: values.date ?? '',
    starts_at: values.starts_at,
    duration_minutes: values.duration_minutes === '' ? 45 : values.duration_minutes,
    location: values.location.trim() || null,
    video_url: values.video_url.trim() || null,
  };
}

/** `8 December 2026 at 10:30 (London time), 45 minutes`. */
export function interviewWhen(interview: Pick<Interview, 'date' | 'starts_at' | 'duration_minutes'>): string {
  return `${formatDate(interview.date)} at ${interview.starts_at} (London time), ${interview.duration_minutes} minutes`;
}

export function scheduledMessage(application: ApplicationDetail, interview: Interview, created: boolean): string {
  const who = `${application.applicant.first_name} ${application.applicant.last_name}`;
  const when = `${formatDate(interview.date)} at ${interview.starts_at}`;
  return created
    ? `Interview scheduled for ${when}. ${who} was emailed an invitation to add to their calendar.`
    : `Interview moved to ${when}. ${who} was emailed the new time, and their calendar entry moves with it.`;
}
