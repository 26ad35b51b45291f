import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadingComfortSettings } from '../../renderer/settings/ReadingComfortSettings';
import { READING_PREFERENCES_KEY } from '../../renderer/settings/reading-comfort/reading-preferences';
import { SettingsScreen } from '../../renderer/settings/SettingsScreen';
import { renderWithServices } from './render-app';

const ATTRIBUTES = ['data-reading-font', 'data-text-size', 'data-line-spacing', 'data-tint', 'data-theme', 'data-motion'];

function rootAttributes(): Record<string, string | null> {
  return Object.fromEntries(ATTRIBUTES.map((name) => [name, document.documentElement.getAttribute(name)]));
}

function stored(): unknown {
  const text = localStorage.getItem(READING_PREFERENCES_KEY);
  return text === null ? null : (JSON.parse(text) as unknown);
}

const group = (name: string) => screen.getByRole('group', { name });
const radio = (groupName: string, label: string) => within(group(groupName)).getByRole('radio', { name: label });

function clearPreferences() {
  for (const name of ATTRIBUTES) document.documentElement.removeAttribute(name);
}

beforeEach(clearPreferences);
afterEach(clearPreferences);

describe('Settings › Reading comfort', () => {
  it('is its own section with an h2 on the Settings screen', async () => {
    await renderWithServices(<SettingsScreen />);
    const section = await screen.findByRole('region', { name: 'Reading comfort' }, { timeout: 10_000 });
    expect(within(section).getByRole('heading', { level: 2, name: 'Reading comfort' })).toBeTruthy();
    expect(within(section).getByRole('radio', { name: 'OpenDyslexic' })).toBeTruthy();
  });

  it('labels every control: a fieldset with a legend per setting, a label per radio button', () => {
    render(<ReadingComfortSettings />);
    const groups = screen.getAllByRole('group').map((g) => g.getAttribute('aria-label') ?? g.querySelector('legend')?.textContent);
    expect(groups).toEqual(['Font', 'Text size', 'Line spacing', 'Background tint', 'Colours', 'Motion']);
    expect(
      within(group('Font'))
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['system', 'atkinson-hyperlegible', 'opendyslexic', 'lexend']);
    for (const input of screen.getAllByRole('radio')) {
      const label = document.querySelector(`label[for="${input.id}"]`);
      expect(label?.textContent?.trim(), input.id).toBeTruthy();
    }
    expect(radio('Font', 'OpenDyslexic').getAttribute('aria-describedby')).toBe('reading-font-opendyslexic-hint');
    expect(group('Font').getAttribute('aria-describedby')).toBe('reading-font-hint');
    expect(screen.getByRole('button', { name: 'Reset reading settings to defaults' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('starts from the defaults, with nothing stored', () => {
    render(<ReadingComfortSettings />);
    expect((radio('Font', 'The app’s standard font') as HTMLInputElement).checked).toBe(true);
    expect((radio('Text size', 'Standard (100%)') as HTMLInputElement).checked).toBe(true);
    expect((radio('Line spacing', 'Normal') as HTMLInputElement).checked).toBe(true);
    expect((radio('Background tint', 'None (white)') as HTMLInputElement).checked).toBe(true);
    expect((radio('Colours', 'Standard colours') as HTMLInputElement).checked).toBe(true);
    expect((radio('Motion', 'Follow my computer’s setting') as HTMLInputElement).checked).toBe(true);
    expect(stored()).toBeNull();
  });

  it('applies a chosen font, tint and theme to the page at once, stores them, and says so politely', async () => {
    const user = userEvent.setup();
    render(<ReadingComfortSettings />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');

    await user.click(screen.getByLabelText('OpenDyslexic'));
    expect(rootAttributes()).toMatchObject({ 'data-reading-font': 'opendyslexic', 'data-tint': 'none', 'data-theme': 'standard' });
    expect(status.textContent).toBe('Reading settings saved.');
    const firstMessage = status.firstElementChild;

    await user.click(screen.getByLabelText('Cream'));
    await user.click(screen.getByLabelText('High contrast'));
    await user.click(screen.getByLabelText('Largest (200%)'));
    await user.click(screen.getByLabelText('Widest (2.1 lines)'));
    await user.click(screen.getByLabelText('Always reduce motion'));
    expect(rootAttributes()).toEqual({
      'data-reading-font': 'opendyslexic',
      'data-text-size': '200',
      'data-line-spacing': 'widest',
      'data-tint': 'cream',
      'data-theme': 'high-contrast',
      'data-motion': 'reduce',
    });
    expect(stored()).toEqual({
      version: 1,
      font: 'opendyslexic',
      textSize: '200',
      lineSpacing: 'widest',
      tint: 'cream',
      theme: 'high-contrast',
      motion: 'reduce',
    });
    // The same words again are a new message, so a screen reader says them again.
    expect(status.textContent).toBe('Reading settings saved.');
    expect(status.firstElementChild).not.toBe(firstMessage);
    expect((radio('Colours', 'High contrast') as HTMLInputElement).checked).toBe(true);
  });

  it('shows what was stored before, and ignores stored values it does not know', () => {
    localStorage.setItem(READING_PREFERENCES_KEY, JSON.stringify({ version: 1, font: 'lexend', tint: 'purple', theme: 'high-contrast' }));
    render(<ReadingComfortSettings />);
    expect((radio('Font', 'Lexend') as HTMLInputElement).checked).toBe(true);
    expect((radio('Background tint', 'None (white)') as HTMLInputElement).checked).toBe(true);
    expect((radio('Colours', 'High contrast') as HTMLInputElement).checked).toBe(true);
  });

  it('resets everything to the defaults, on the page and in storage', async () => {
    const user = userEvent.setup();
    localStorage.setItem(
      READING_PREFERENCES_KEY,
      JSON.stringify({
        version: 1,
        font: 'atkinson-hyperlegible',
        textSize: '150',
        tint: 'blue',
        theme: 'high-contrast',
        motion: 'reduce',
      }),
    );
    render(<ReadingComfortSettings />);
    await user.click(screen.getByRole('button', { name: 'Reset reading settings to defaults' }));
    expect(rootAttributes()).toEqual({
      'data-reading-font': 'system',
      'data-text-size': '100',
      'data-line-spacing': 'normal',
      'data-tint': 'none',
      'data-theme': 'standard',
      'data-motion': 'system',
    });
    expect(stored()).toEqual({
      version: 1,
      font: 'system',
      textSize: '100',
      lineSpacing: 'normal',
      tint: 'none',
      theme: 'standard',
      motion: 'system',
    });
    expect(screen.getByRole('status').textContent).toBe('Reading settings reset to the defaults and saved.');
    expect((radio('Font', 'The app’s standard font') as HTMLInputElement).checked).toBe(true);
  });

  it('still applies a change when this computer will not store it, and says it was not saved', async () => {
    const user = userEvent.setup();
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    try {
      render(<ReadingComfortSettings />);
      await user.click(screen.getByLabelText('Pale blue'));
    } finally {
      Storage.prototype.setItem = original;
    }
    expect(document.documentElement.getAttribute('data-tint')).toBe('blue');
    expect(stored()).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/^Reading settings changed, but this computer would not store them/);
  });
});
