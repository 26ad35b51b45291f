import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { CriteriaSuggestionPicker } from '../../renderer/colleague/CriteriaSuggestionPicker';
import { tinyApplied } from '../fixtures/tiny-framework';

function Picker() {
  const [chosen, setChosen] = useState<string[]>([]);
  return <CriteriaSuggestionPicker framework={tinyApplied()} chosen={chosen} fileTitle="Reading observation" onChange={setChosen} />;
}

/**
 * The Suggest and Take off buttons go away when pressed; the keyboard focus must not go with them
 * (to the page's body, where a keyboard user loses their place). It goes back to the search, and
 * the status line says what was done.
 */
describe('suggesting criteria by keyboard', () => {
  it('keeps the focus on the search after Suggest and after Take off, and says what was done', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const search = screen.getByLabelText('Find a criterion to suggest');
    await user.click(search);
    await user.keyboard('TF-1.1.1');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Suggest TF-1.1.1' }));
    await user.keyboard('{Enter}');
    expect(screen.getByRole('list', { name: 'Suggested criteria for “Reading observation”' }).textContent).toContain('TF-1.1.1');
    expect(document.activeElement).toBe(search);
    expect(screen.getByText('Suggested TF-1.1.1.')).toBeTruthy();

    screen.getByRole('button', { name: 'Take off TF-1.1.1' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByText('None yet.')).toBeTruthy();
    expect(document.activeElement).toBe(search);
    expect(screen.getByText('Took TF-1.1.1 off.')).toBeTruthy();
  });
});
