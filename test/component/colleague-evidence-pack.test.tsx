import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ColleagueScreen } from '../../renderer/colleague/ColleagueScreen';
import type { PackMaker } from '../../renderer/colleague/EvidencePackBuilder';
import { saveColleagueProfile } from '../../renderer/db/colleague-store';
import { buildEvidencePackDocument, type EvidencePackInput } from '../../shared/evidence/evidence-pack-builder';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

/**
 * A class teacher makes an evidence pack as a new user would: their details (a wrong URN refused
 * in words), two files, details for each, a criterion found by searching, personal data refused
 * until confirmed, then the pack made and saved. The signing code cannot run under jsdom, so the
 * screen is given a pack maker that records what it was asked to sign (the real one is tested in
 * test/unit/evidence-pack.test.ts and the end-to-end test).
 */
function recordingMaker(): { maker: PackMaker; inputs: EvidencePackInput[]; read: string[] } {
  const inputs: EvidencePackInput[] = [];
  const read: string[] = [];
  return {
    inputs,
    read,
    maker: async (_profile, input, readFile) => {
      inputs.push(input);
      for (const item of input.items) {
        const file = await readFile(item.file.sha256);
        read.push(file instanceof Blob ? await file.text() : new TextDecoder().decode(file));
      }
      return { bytes: new Uint8Array([37, 80, 68, 70]), document: buildEvidencePackDocument(input, 'ab'.repeat(32)) };
    },
  };
}

describe('contributing evidence to the SENCO', () => {
  it('keeps the colleague’s details, then makes a pack of two files with their details and suggested criteria', async () => {
    const db = freshDatabase();
    const platform = recordingPlatform();
    const { maker, inputs, read } = recordingMaker();
    const user = userEvent.setup();
    await renderWithServices(<ColleagueScreen makePack={maker} />, { db, platform });

    await user.type(await screen.findByLabelText('Your name'), 'Jo Brown');
    await user.type(screen.getByLabelText('Your role'), 'Class teacher, Year 4');
    await user.type(screen.getByLabelText('Your school’s name'), 'Riverside Primary School');
    await user.type(screen.getByLabelText('Your school’s URN'), '12345');
    await user.selectOptions(screen.getByLabelText('Your school’s region'), 'north-east');
    await user.click(screen.getByRole('button', { name: 'Save your details' }));
    expect(
      (await screen.findAllByText('Enter your school’s URN: six digits. Your SENCO or the school office can tell you it.')).length,
    ).toBeGreaterThan(0);
    expect(await db.colleagueProfiles.count()).toBe(0);
    await user.type(screen.getByLabelText('Your school’s URN'), '6');
    await user.click(screen.getByRole('button', { name: 'Save your details' }));
    expect(await screen.findByText('Riverside Primary School (URN 123456), North East')).toBeTruthy();
    expect(await db.colleagueProfiles.count()).toBe(1);

    await user.upload(await screen.findByLabelText('Choose files for the pack'), [
      new File(['Observation of the reading group.'], 'reading-observation.txt', { type: 'text/plain' }),
      new File(['Pupil voice survey results.'], 'pupil-voice-survey.txt', { type: 'text/plain' }),
    ]);
    expect(await screen.findByText('Added 2 files to the pack.')).toBeTruthy();
    await user.upload(screen.getByLabelText('Choose files for the pack'), [
      new File(['Observation of the reading group.'], 'copy-of-observation.txt', { type: 'text/plain' }),
    ]);
    expect(await screen.findByText('“copy-of-observation.txt” is already in this pack, so it was not added again.')).toBeTruthy();

    const first = screen.getByRole('region', { name: /1\. reading-observation\.txt/ });
    const title = within(first).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Reading group observation');
    await user.selectOptions(within(first).getByLabelText('Kind of evidence'), 'observation');
    await user.type(within(first).getByLabelText('Find a criterion to suggest'), 'NE26-2.1.2');
    await user.click(within(first).getByRole('button', { name: 'Suggest NE26-2.1.2' }));
    expect(within(first).getByRole('list', { name: 'Suggested criteria for “Reading group observation”' }).textContent).toContain(
      'NE26-2.1.2',
    );
    await user.type(within(first).getByLabelText('A note for your SENCO (optional)'), 'Wave 2 reading, autumn term.');

    const second = screen.getByRole('region', { name: /2\. pupil-voice-survey\.txt/ });
    await user.click(within(second).getByLabelText('It contains personal data about pupils or families'));
    await user.click(screen.getByRole('button', { name: 'Make the signed evidence pack' }));
    expect(
      await screen.findByText(/“pupil-voice-survey\.txt” contains personal data about pupils or families\. Confirm it has been redacted/),
    ).toBeTruthy();
    expect(inputs).toHaveLength(0);

    await user.click(within(second).getByLabelText('I confirm it has been redacted, or that sharing it with the SENCO is allowed'));
    await user.click(screen.getByRole('button', { name: 'Make the signed evidence pack' }));
    expect(await screen.findByRole('heading', { name: 'Pack made' })).toBeTruthy();
    expect(inputs).toHaveLength(1);
    expect(inputs[0]?.school).toEqual({ name: 'Riverside Primary School', urn: '123456' });
    expect(inputs[0]?.framework.id).toBe('north-east-2026');
    expect(
      inputs[0]?.items.map((i) => [i.title, i.kind, i.suggestedCriteria, i.note, i.containsPersonalData, i.redactionConfirmed]),
    ).toEqual([
      ['Reading group observation', 'observation', ['NE26-2.1.2'], 'Wave 2 reading, autumn term.', false, false],
      ['pupil voice survey', 'pupil-voice', [], '', true, true],
    ]);
    expect(read).toEqual(['Observation of the reading group.', 'Pupil voice survey results.']);
    expect(platform.saved.map((f) => f.name)).toEqual([expect.stringMatching(/^123456-evidence-pack-\d{4}-\d{2}-\d{2}-jo-brown\.pdf$/)]);
  });

  it('keeps the pack as it is put together: after a reload the files and their details are there, and the pack is made from them', async () => {
    const db = freshDatabase();
    const saved = await saveColleagueProfile(db, {
      name: 'Sam Green',
      role: 'Teaching assistant',
      schoolName: 'Riverside Primary School',
      urn: '123456',
      regionId: 'north-east',
    });
    expect(saved.ok).toBe(true);
    const user = userEvent.setup();
    const before = await renderWithServices(<ColleagueScreen makePack={recordingMaker().maker} />, { db });
    await user.upload(await screen.findByLabelText('Choose files for the pack'), [
      new File(['Notes from the nurture group.'], 'nurture-notes.txt', { type: 'text/plain' }),
    ]);
    expect(await screen.findByText('Added 1 file to the pack.')).toBeTruthy();
    const title = within(screen.getByRole('region', { name: /1\. nurture-notes\.txt/ })).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Nurture group notes');
    await waitFor(async () => expect((await db.colleaguePackDrafts.toArray())[0]?.items[0]?.title).toBe('Nurture group notes'));
    before.unmount();

    // The window is closed and opened again: the same database, a new screen.
    const platform = recordingPlatform();
    const { maker, inputs, read } = recordingMaker();
    await renderWithServices(<ColleagueScreen makePack={maker} />, { db, platform });
    const item = await screen.findByRole('region', { name: /1\. nurture-notes\.txt/ });
    expect((within(item).getByLabelText('Title') as HTMLInputElement).value).toBe('Nurture group notes');
    // The same file again is still recognised as in the pack.
    await user.upload(screen.getByLabelText('Choose files for the pack'), [
      new File(['Notes from the nurture group.'], 'again.txt', { type: 'text/plain' }),
    ]);
    expect(await screen.findByText('“again.txt” is already in this pack, so it was not added again.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Make the signed evidence pack' }));
    expect(await screen.findByRole('heading', { name: 'Pack made' })).toBeTruthy();
    expect(inputs[0]?.items.map((i) => i.title)).toEqual(['Nurture group notes']);
    // The file's bytes came from where the draft kept them.
    expect(read).toEqual(['Notes from the nurture group.']);
    expect((platform as ReturnType<typeof recordingPlatform>).saved).toHaveLength(1);
    // The pack is out: its draft is cleared.
    await waitFor(async () => expect(await db.colleaguePackDraftFiles.count()).toBe(0));
    expect((await db.colleaguePackDrafts.toArray()).flatMap((d) => d.items)).toEqual([]);
    expect(screen.getByText('No files yet.')).toBeTruthy();
  });
});
