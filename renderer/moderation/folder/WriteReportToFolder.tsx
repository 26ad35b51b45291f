import { useEffect, useState } from 'react';
import { folderReportFileName } from '../../../shared/moderation/shared-folder-index';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import type { ModerationReportRecord } from '../../db/app-database';
import type { SharedFolderState } from '../../platform/platform-port';

/**
 * After a moderation report is exported: when the workspace has a shared folder, offers to put a
 * copy in it, named by its content and never written over a different file.
 */
export function WriteReportToFolder({ workspaceId, report }: { workspaceId: string; report: ModerationReportRecord }) {
  const { platform } = useServices();
  const folder = platform.sharedFolder;
  const [state, setState] = useState<SharedFolderState | null>(null);
  const [writing, setWriting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setMessage(null);
    folder?.current(workspaceId).then(
      (next) => live && setState(next),
      () => live && setState(null),
    );
    return () => {
      live = false;
    };
  }, [folder, workspaceId, report.id]);

  if (!folder || !state || state.state === 'none') return null;
  if (state.state === 'needs-permission')
    return (
      <p>
        To put a copy in the shared folder “{state.name}”, allow access on the{' '}
        <a href={href.moderationFolder(workspaceId)}>Shared folder</a> screen first.
      </p>
    );

  const name = folderReportFileName(report.document, report.sha256);
  const write = async () => {
    setWriting(true);
    setMessage(null);
    try {
      const result = await folder.write(workspaceId, name, new Uint8Array(await report.pdf.arrayBuffer()));
      setMessage(
        result === 'written'
          ? `Put in the shared folder “${state.name}” as “${name}”. Other moderators see it when they scan the folder.`
          : result === 'same-file-there'
            ? `This report is already in the shared folder “${state.name}” as “${name}”. Nothing was changed.`
            : `A different file called “${name}” is already in the shared folder, so it was left as it is and this report was not written. Use “Save again” to save the report, and check the folder.`,
      );
    } catch {
      setMessage(
        'The report could not be written into the shared folder. Check that the folder is still there and that you can open it (a network drive must be connected), then try again.',
      );
    } finally {
      setWriting(false);
    }
  };

  return (
    <>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={writing} onClick={() => void write()}>
          Put a copy in the shared folder “{state.name}”
        </button>
      </div>
      <div role="status" aria-live="polite" className="inline-status">
        {message ? <p>{message}</p> : null}
      </div>
    </>
  );
}
