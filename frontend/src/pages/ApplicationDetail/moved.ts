import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import type { ApplicationDetail } from '../../api/applications';
import { useCurrentUser } from '../../auth/currentUser';

/**
 * Matching a school in another hub's area routes the application to that hub: this hub's
 * people can no longer open it. Null when it stayed.
 */
export function movedMessage(before: ApplicationDetail, after: ApplicationDetail): string | null {
  if (before.hub.id === after.hub.id) return null;
  const who = `${after.applicant.first_name} ${after.applicant.last_name}`;
  const school = after.school ? `${after.school.name} is in its area` : 'the school is in its area';
  return `${who}’s application has moved to ${after.hub.name}, because ${school}. ${before.hub.name} can no longer open it; its reviews, notes and reference went with it.`;
}

/**
 * After a correction: when the application moved hub, say so plainly and (unless a national
 * admin, who sees every hub) go back to the list, since this page would now be "not found".
 */
export function useMovedHandler() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  return (before: ApplicationDetail, after: ApplicationDetail): boolean => {
    const message = movedMessage(before, after);
    if (!message) return false;
    notifications.show({ color: 'blue', title: 'The application moved to another hub', message, autoClose: false });
    if (me.role !== 'national_admin') void navigate('/applications');
    return true;
  };
}
