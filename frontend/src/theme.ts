import {
  Modal, Notification,
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Mantine's colour variants with text contrast raised to WCAG 2.2 AA (4.5:1). Out of the box,
 * white on green-6/blue-6 and red-6/green-6 text on the pale "light" backgrounds are about
 * 3:1; shade 9 (darkened further on pale backgrounds) is enough in every palette colour.
 */
// 40 % black: enough for yellow and orange on their pale backgrounds, the hardest cases.
const darkText = (color: string) => `color-mix(in srgb, var(--mantine-color-${color}-9), black 40%)`;

const accessibleVariants: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.color === 'gray' || parsed.color === 'dark') return defaults;
  const dark = `var(--mantine-color-${parsed.color}-9)`;
  switch (input.variant) {
    case 'filled':
      return {
        ...defaults,
        background: dark,
        hover: `color-mix(in srgb, ${dark}, black 20%)`,
        color: 'var(--mantine-color-white)',
      };
    case 'light':
    case 'subtle':
    case 'outline': {
      // On the pale light/hover backgrounds even shade 9 of green is under 4.5:1: darken it.
      const text = darkText(parsed.color);
      return { ...defaults, color: text, hoverColor: text, border: input.variant === 'outline' ? `1px solid ${text}` : defaults.border };
    }
    default:
      return defaults;
  }
};

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 4 },
  autoContrast: true,
  variantColorResolver: accessibleVariants,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
  components: {
    // Mantine's close button is an icon with no accessible name.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (mantine) => ({
  variables: {},
  light: {
    // Secondary text and error messages: gray-6 and red-6 on white are about 3.3:1.
    '--mantine-color-dimmed': mantine.colors.gray[7],
    '--mantine-color-error': mantine.colors.red[9],
    // Components that read the light-variant text colour directly (NavLink's active item).
    '--mantine-primary-color-light-color': darkText(mantine.primaryColor),
    ...Object.fromEntries(
      Object.keys(mantine.colors)
        .filter((color) => color !== 'gray' && color !== 'dark')
        .map((color) => [`--mantine-color-${color}-light-color`, darkText(color)]),
    ),
  },
  dark: { '--mantine-color-dimmed': mantine.colors.dark[1] },
});
