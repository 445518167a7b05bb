import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useReducer, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useAcceptInvitation, useInvitation, usePasswordPolicy, type Invitation } from '../../api/accounts';
import { session, useSession } from '../../auth/instance';
import { ROLE_LABELS, isRole } from '../../auth/roles';
import { SignInContinuation } from '../../auth/SignInContinuation';
import { describeSignInFailure } from '../../auth/signInFailure';
import { INITIAL_SIGN_IN, signInReducer } from '../../auth/signInFlow';
import { FullPageLoader } from '../../components/FullPageLoader';
import { NewPasswordInput } from '../../components/NewPasswordInput';
import { newPasswordProblem } from '../../lib/password';
import { PublicPage } from '../../components/PublicPage';
import { formatDateTime } from '../../lib/format';
import { applyProblemToForm, problemOf, type Problem } from '../../lib/problem';

/**
 * The link from an invitation email: the person sets their own password (nobody else ever
 * types it) and is signed in — or, where their role must use two-factor sign-in, goes straight
 * on to set it up.
 */
export function Component() {
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const { status } = useSession();
  const navigate = useNavigate();
  const [flow, dispatch] = useReducer(signInReducer, INITIAL_SIGN_IN);
  const [accepted, setAccepted] = useState(false);

  // Signed in (the password grant, or after the second factor): on to the dashboard.
  if (accepted && status === 'signed-in') return <Navigate to="/" replace />;

  let body;
  if (invitation.isPending) {
    body = <FullPageLoader label="Loading your invitation…" />;
  } else if (invitation.isError && !accepted) {
    body = <InvitationGone problem={problemOf(invitation.error)} />;
  } else if (flow.step !== 'credentials') {
    body = (
      <SignInContinuation state={flow} dispatch={dispatch} session={session} onRestart={() => void navigate('/sign-in', { replace: true })} />
    );
  } else if (invitation.data) {
    body = (
      <AcceptForm
        token={token}
        invitation={invitation.data}
        onAccepted={(outcome) => {
          setAccepted(true);
          dispatch({ type: 'password-accepted', outcome });
        }}
        onSignInFailed={() => setAccepted(true)}
      />
    );
  }
  return (
    <PublicPage title="Set up your account" wide={flow.step !== 'credentials'}>
      {body}
    </PublicPage>
  );
}

function InvitationGone({ problem }: { problem: Problem }) {
  return (
    <Stack>
      <Alert color="red" variant="light" title="This invitation link no longer works" role="alert">
        <Text size="sm">
          {problem.status === 410
            ? 'Invitations work once and for 72 hours. If you have already set your password, sign in; otherwise ask whoever invited you to send a new one.'
            : problem.status === 404
              ? 'Check that you used the whole link from the email, or ask whoever invited you to send a new one.'
              : (problem.detail ?? 'Please try again in a moment.')}
        </Text>
      </Alert>
      <Anchor component={Link} to="/sign-in" size="sm">
        Go to sign in
      </Anchor>
    </Stack>
  );
}

function AcceptForm({
  token,
  invitation,
  onAccepted,
  onSignInFailed,
}: {
  token: string;
  invitation: Invitation;
  onAccepted: (outcome: Awaited<ReturnType<typeof session.signIn>>) => void;
  onSignInFailed: () => void;
}) {
  const accept = useAcceptInvitation(token);
  const policy = usePasswordPolicy();
  const [gone, setGone] = useState<Problem | null>(null);
  const [signInFailure, setSignInFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: { password: (value) => newPasswordProblem(value, policy.data) },
  });
  const submit = form.onSubmit(async ({ password }) => {
    try {
      await accept.mutateAsync(password);
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status === 404 || problem.status === 410) setGone(problem);
      else applyProblemToForm(problem, form);
      return;
    }
    try {
      onAccepted(await session.signIn(invitation.email, password));
    } catch (error) {
      // The password is set; only the sign-in after it failed (a network blip, say).
      onSignInFailed();
      setSignInFailure(describeSignInFailure(error));
    }
  });

  if (gone) return <InvitationGone problem={gone} />;
  if (signInFailure) {
    return (
      <Stack>
        <Alert color="yellow" variant="light" title="Your password is set" role="alert">
          <Text size="sm">We could not sign you in straight away: {signInFailure}</Text>
        </Alert>
        <Button component={Link} to="/sign-in">
          Sign in
        </Button>
      </Stack>
    );
  }

  const role = isRole(invitation.role) ? ROLE_LABELS[invitation.role] : invitation.role;
  return (
    <form onSubmit={submit} noValidate aria-label="Set your password">
      <Stack>
        <Text>
          Welcome, {invitation.name}. You have been invited to MasteryHub as {role}
          {invitation.hub ? ` at ${invitation.hub.name}` : ' in the national team'}.
        </Text>
        <Text size="sm" c="dimmed">
          This invitation works until {formatDateTime(invitation.expires_at)}.
        </Text>
        {/* The address is the username: shown for password managers, not editable. */}
        <TextInput label="Email address" value={invitation.email} readOnly autoComplete="username" />
        <NewPasswordInput label="Choose a password" key={form.key('password')} {...form.getInputProps('password')} />
        <Button type="submit" loading={form.submitting}>
          Set password and sign in
        </Button>
      </Stack>
    </form>
  );
}
