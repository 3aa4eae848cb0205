import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import {
  createTheme,
  type CSSVariablesResolver,
  darken,
  defaultVariantColorsResolver,
  MantineProvider,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiError } from './lib/api';

/**
 * The server refuses everything but enrolling to a user whose role now requires two-factor sign-in (say, just made
 * secretariat): a fresh session then says so, and the login gate shows the enrolment screen.
 */
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.code === 'second_factor_required') void queryClient.invalidateQueries({ queryKey: ['session'] });
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

/**
 * Mantine's default shades give text and badges under 4.5:1 contrast (WCAG AA): light, subtle and outline variants
 * take a darkened shade 9 for their text, filled ones a dark background, dimmed text and links a darker grey and blue,
 * a field's error message a darker red.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const darkest = input.theme.colors[parsed.color]![9];
  if (input.variant === 'light' || input.variant === 'subtle' || input.variant === 'outline') {
    const text = darken(darkest, 0.35);
    return { ...colors, color: text, hoverColor: text, border: input.variant === 'outline' ? `1px solid ${text}` : colors.border };
  }
  if (input.variant === 'filled' && parsed.shade === undefined) {
    return { ...colors, background: darken(darkest, 0.1), hover: darken(darkest, 0.2), color: 'var(--mantine-color-white)' };
  }
  return colors;
};

const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 9,
  variantColorResolver,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
