// The first load shows the login page only: it takes the styles of what that page shows, and the signed-in shell
// (components/Shell.tsx) loads the rest. Layered, so that the order the chunks arrive in cannot beat styles.css.
// No default-css-variables stylesheet (4 KB): MantineProvider writes all the theme's variables itself (below).
import '@mantine/core/styles/baseline.layer.css';
import '@mantine/core/styles/global.layer.css';
import '@mantine/core/styles/ActionIcon.layer.css';
import '@mantine/core/styles/Alert.layer.css';
import '@mantine/core/styles/Anchor.layer.css';
import '@mantine/core/styles/Button.layer.css';
import '@mantine/core/styles/Center.layer.css';
import '@mantine/core/styles/CloseButton.layer.css';
import '@mantine/core/styles/Input.layer.css';
import '@mantine/core/styles/Loader.layer.css';
import '@mantine/core/styles/Paper.layer.css';
import '@mantine/core/styles/PasswordInput.layer.css';
import '@mantine/core/styles/Stack.layer.css';
import '@mantine/core/styles/Text.layer.css';
import '@mantine/core/styles/Title.layer.css';
import '@mantine/core/styles/UnstyledButton.layer.css';
import './styles.css';
import {
  createTheme,
  DirectionProvider,
  type CSSVariablesResolver,
  darken,
  defaultVariantColorsResolver,
  MantineProvider,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LocaleDirection } from './components/LanguageSwitcher';
import { startI18n } from './lib/i18n';
import { isRightToLeft } from './lib/locale';

/**
 * Mantine's default shades give text and badges under 4.5:1 contrast (WCAG AA): light, subtle and outline variants
 * take a darkened shade 9 for their text, filled ones a dark background, dimmed text and links a darker grey and blue,
 * a field's error message a darker red.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const darkest = input.theme.colors[parsed.color][9];
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

// The catalogue of the user's language first (English is in the bundle; another language is one small chunk).
void startI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DirectionProvider initialDirection={isRightToLeft(document.documentElement.lang) ? 'rtl' : 'ltr'} detectDirection={false}>
      <LocaleDirection />
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} deduplicateCssVariables={false}>
        <App />
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
  ),
);
