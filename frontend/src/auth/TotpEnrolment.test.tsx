import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../lib/problem';
import { renderWithApp } from '../test/render';
import { TotpEnrolment } from './TotpEnrolment';

const SETUP = { secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/MasteryHub:x', qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' };

describe('TotpEnrolment', () => {
  it('shows a refused code beside the field and accepts the next one', async () => {
    const start = vi.fn(() => Promise.resolve(SETUP));
    const confirm = vi
      .fn<(code: string) => Promise<{ recovery_codes: string[] }>>()
      .mockRejectedValueOnce(
        new ApiError({
          type: 'about:blank',
          title: 'The request is not valid',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'code', message: 'That code is not right, or has been used already.' }],
        }),
      )
      .mockResolvedValueOnce({ recovery_codes: ['a', 'b'] });
    const onConfirmed = vi.fn();
    renderWithApp(<TotpEnrolment start={start} confirm={confirm} onConfirmed={onConfirmed} />);
    const user = userEvent.setup();
    const field = await screen.findByLabelText(/6-digit code/);
    await user.type(field, '000000');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    await waitFor(() => expect(screen.getByLabelText(/6-digit code/)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText(/6-digit code/)).toHaveAccessibleDescription('That code is not right, or has been used already.');
    await user.type(screen.getByLabelText(/6-digit code/), '123 456');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    await waitFor(() => expect(onConfirmed).toHaveBeenCalledWith(['a', 'b']));
    expect(confirm.mock.calls).toEqual([['000000'], ['123456']]);
    expect(start).toHaveBeenCalledTimes(1);
  });
});
