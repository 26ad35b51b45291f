import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusMessage, type StatusKind } from '../../renderer/ui/StatusMessage';

describe('StatusMessage', () => {
  it.each<[StatusKind, 'status' | 'alert', string, string | null]>([
    ['success', 'status', 'notice notice--success', 'polite'],
    ['information', 'status', 'notice', 'polite'],
    ['warning', 'alert', 'notice notice--warning', null],
    ['error', 'alert', 'notice notice--error', null],
  ])('a %s message is announced as a %s, with its own look', (kind, role, className, live) => {
    render(<StatusMessage kind={kind}>The backup was saved.</StatusMessage>);
    const message = screen.getByRole(role);
    expect(message.textContent).toBe('The backup was saved.');
    expect(message.className).toBe(className);
    expect(message.getAttribute('aria-live')).toBe(live);
    expect(message.tagName).toBe('P');
    expect(screen.queryByRole(role === 'status' ? 'alert' : 'status')).toBeNull();
  });

  it('holds a heading at the level asked for, paragraphs and actions in a block', () => {
    render(
      <StatusMessage
        kind="warning"
        heading="The moderator’s key has changed"
        headingLevel={3}
        className="key-decision"
        testId="different-key"
        actions={<button type="button">Accept the new key and import</button>}
      >
        <p>Check the fingerprint with the moderator.</p>
      </StatusMessage>,
    );
    const message = screen.getByRole('alert');
    expect(message.tagName).toBe('DIV');
    expect(message.className).toBe('notice notice--warning key-decision');
    expect(message.getAttribute('data-testid')).toBe('different-key');
    expect(within(message).getByRole('heading', { level: 3, name: 'The moderator’s key has changed' })).toBeTruthy();
    expect(within(message).getByText('Check the fingerprint with the moderator.').tagName).toBe('P');
    const button = within(message).getByRole('button', { name: 'Accept the new key and import' });
    expect(button.parentElement?.className).toBe('button-row');
  });

  it('puts paragraphs given without a heading in a block, never a paragraph inside a paragraph', () => {
    render(
      <StatusMessage kind="success">
        <p>Imported the moderation.</p>
        <p>See it beside your judgements.</p>
      </StatusMessage>,
    );
    const message = screen.getByRole('status');
    expect(message.tagName).toBe('DIV');
    expect(within(message).queryByRole('heading')).toBeNull();
    expect(message.querySelectorAll('p')).toHaveLength(2);
  });

  it('uses a level 2 heading unless told otherwise', () => {
    render(<StatusMessage kind="success" heading="Submission v2 exported" />);
    expect(within(screen.getByRole('status')).getByRole('heading', { level: 2, name: 'Submission v2 exported' })).toBeTruthy();
  });
});
