import { describe, expect, it, vi } from 'vitest';
import type { ImportServices, ImportSnapshot } from '../../renderer/moderation/queue/submission-import';
import { SubmissionImportSession } from '../../renderer/moderation/queue/submission-import';

// The import's stores are loaded when the first file is imported (the queue draws without them).
// Here that load fails, as when the app's files cannot be read: the file is reported as not
// imported, in the words a failed save uses, and nothing is checked or stored.
vi.mock('../../renderer/db/submission-import-store', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

function idle(session: SubmissionImportSession): Promise<ImportSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = session.getSnapshot();
      if (!snapshot.running && snapshot.done === snapshot.total) resolve(snapshot);
    };
    session.subscribe(check);
  });
}

describe('importing a submission when the import code cannot be loaded', () => {
  it('says the file was not imported, in plain words, without checking it', async () => {
    const verify = vi.fn();
    const services = { db: { name: 'test' }, verifyJobs: { verify }, catalogue: {} } as unknown as ImportServices;
    const session = new SubmissionImportSession('workspace-1', services);
    const done = idle(session);
    session.add([new File([new Uint8Array([37, 80, 68, 70])], 'riverside.pdf', { type: 'application/pdf' })]);
    const snapshot = await done;

    expect(snapshot.items).toHaveLength(1);
    expect(snapshot.items[0]?.result).toEqual({
      state: 'not-imported',
      summary: null,
      message:
        'Something went wrong while saving “riverside.pdf”, so it was not saved. Try again; if it keeps happening, back up your data and restart the app.',
    });
    expect(verify).not.toHaveBeenCalled();
  });
});
