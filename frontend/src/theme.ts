import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults with contrast raised to WCAG 2.2 AA: shade 8 of blue for filled buttons and
 * links (white on blue-6 is only 3.5:1), and a darker "dimmed" grey for secondary text.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 4 },
  autoContrast: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  focusRing: 'auto',
});

export const cssVariablesResolver: CSSVariablesResolver = (mantine) => ({
  variables: {},
  light: { '--mantine-color-dimmed': mantine.colors.gray[7] },
  dark: { '--mantine-color-dimmed': mantine.colors.dark[1] },
});
