import { describe, expect, it } from 'vitest';
import type { VerifyJobRequest, VerifyJobResult, VerifyRunner } from '../../renderer/export/verify-jobs';
import { scanSharedFolder } from '../../renderer/moderation/folder/shared-folder-scan';
import type { SharedFolderPort } from '../../renderer/platform/platform-port';
import type { SecondModerationRequestDocument, SecondModerationReturnDocument } from '../../shared/moderation/second-moderation-format';
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import { freshDatabase } from './render-app';

/**
 * Scanning second moderation files into a folder's index, over a stand-in verifier: each file's
 * text says what it is. A return is checked against the requests in the same folder.
 */
const T = Date.parse('2026-11-20T10:00:00Z');
const request = (id: string) =>
  ({
    requestId: id,
    createdAt: '2026-11-21T09:00:00.000Z',
    requester: { name: 'Jo Bloggs', organisation: 'NE' },
    submission: { submissionId: 's', version: 1, sha256: 'ab'.repeat(32), school: { name: 'Brookfield', urn: '100000' } },
    criteria: [{ criterionId: 'c1' }],
  }) as unknown as SecondModerationRequestDocument;
const returned = (requestId: string) =>
  ({
    returnId: `ret-${requestId}`,
    createdAt: '2026-11-25T09:00:00.000Z',
    request: { requestId, sha256: '12'.repeat(32), requesterName: 'Jo Bloggs', requesterOrganisation: 'NE' },
    secondModerator: { name: 'Sam Patel' },
    submission: { submissionId: 's', version: 1, sha256: 'ab'.repeat(32), schoolName: 'Brookfield', urn: '100000' },
    decisions: [{ criterionId: 'c1', decision: 'agree', moderatedJudgement: null, comment: '' }],
  }) as unknown as SecondModerationReturnDocument;

function folderOf(files: Record<string, string>): SharedFolderPort {
  return {
    current: async () => ({ state: 'ready', name: 'NE' }),
    choose: async () => 'cancelled',
    requestAccess: async () => ({ state: 'ready', name: 'NE' }),
    list: async () => Object.entries(files).map(([name, text]) => ({ name, size: text.length, lastModified: T })),
    read: async (_key, name) => new TextEncoder().encode(files[name] ?? ''),
    write: async () => 'written',
  };
}

const checked: string[] = [];
const runner: VerifyRunner = {
  async verify(job: VerifyJobRequest): Promise<VerifyJobResult> {
    const text = 'bytes' in job ? new TextDecoder().decode(job.bytes) : '';
    checked.push(`${job.kind}:${text}`);
    const [kind, id = ''] = text.split(':');
    switch (job.kind) {
      case 'submission':
        return { kind: 'submission', verification: { ok: false, rejection: { code: 'not-a-submission', message: 'Not a submission.' } } };
      case 'report-alone':
        return { kind: 'report', verification: { ok: false, rejection: { code: 'not-a-report', message: 'Not a report.' } } };
      case 'second-request':
        return kind === 'request'
          ? {
              kind: 'second-request',
              verification: { ok: true, file: { document: request(id), certificate: {} as never, fileSha256: '12'.repeat(32) } },
            }
          : { kind: 'second-request', verification: { ok: false, rejection: { code: 'not-this-kind', message: 'Not a request.' } } };
      case 'second-return':
        if (kind !== 'return')
          return { kind: 'second-return', verification: { ok: false, rejection: { code: 'not-this-kind', message: 'Not a return.' } } };
        return job.sentRequests[id]
          ? {
              kind: 'second-return',
              verification: { ok: true, file: { document: returned(id), certificate: {} as never, fileSha256: '34'.repeat(32) } },
            }
          : { kind: 'second-return', verification: { ok: false, rejection: { code: 'unknown-request', message: 'No such request.' } } };
      default:
        return { kind: 'failed', message: 'Not expected.' };
    }
  },
};

describe('scanning second moderation files in the shared folder', () => {
  it('indexes a request, and a return met before its request once the request is known; a return without its request is not indexed, and said', async () => {
    const db = freshDatabase();
    checked.length = 0;
    const folder = folderOf({ 'a-return.pdf': 'return:req-1', 'b-request.pdf': 'request:req-1', 'c-orphan.pdf': 'return:req-9' });
    const outcome = await scanSharedFolder({ db, folder, verifyJobs: runner }, 'p1');
    expect(outcome.verified).toBe(2);
    expect(outcome.unreadable.map((u) => u.name)).toEqual(['c-orphan.pdf']);
    expect(outcome.unreadable[0]?.message).toContain('whose request is not in the folder');
    const stored = await db.sharedFolderEntries.where('folderKey').equals('p1').sortBy('name');
    expect(stored.map((e) => [e.name, e.kind, e.valid, e.second?.requestId])).toEqual([
      ['a-return.pdf', 'second-return', true, 'req-1'],
      ['b-request.pdf', 'second-request', true, 'req-1'],
    ]);
    expect(stored[0]?.second?.decisions).toEqual([{ criterionId: 'c1', decision: 'agree', moderatedJudgement: null }]);

    // The orphan's request arrives: the next scan checks the orphan again (it was never indexed) and nothing else.
    checked.length = 0;
    const later = folderOf({
      'a-return.pdf': 'return:req-1',
      'b-request.pdf': 'request:req-1',
      'c-orphan.pdf': 'return:req-9',
      'd-request.pdf': 'request:req-9',
    });
    const again = await scanSharedFolder({ db, folder: later, verifyJobs: runner }, 'p1');
    expect(again).toMatchObject({ verified: 2, unchanged: 2, unreadable: [] });
    expect(checked.some((c) => c.endsWith('req-1'))).toBe(false);
  });

  it('reads again an entry indexed before the overview’s data was kept, though its file did not change', async () => {
    const db = freshDatabase();
    const older: SharedFolderEntry = {
      key: 'p1|b-request.pdf',
      folderKey: 'p1',
      name: 'b-request.pdf',
      size: 'request:req-1'.length,
      lastModified: T,
      sha256: 'old',
      kind: 'other',
      valid: false,
      reason: 'This PDF is signed, but it is neither a submission nor a moderation report made with this app, so it is not indexed.',
      submission: null,
      report: null,
      checkedAt: '2026-11-01T00:00:00.000Z',
    };
    await db.sharedFolderEntries.put(older);
    const outcome = await scanSharedFolder({ db, folder: folderOf({ 'b-request.pdf': 'request:req-1' }), verifyJobs: runner }, 'p1');
    expect(outcome).toMatchObject({ verified: 1, unchanged: 0 });
    expect(await db.sharedFolderEntries.get('p1|b-request.pdf')).toMatchObject({ kind: 'second-request', valid: true, detail: 1 });
  });
});
