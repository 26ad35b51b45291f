import { useCallback } from 'react';
import type { EvidenceFileRef } from '../../../shared/evidence/evidence-records';
import { useServices } from '../../app/app-context';
import { evidenceBlob } from '../../db/evidence-store';
import { FilePreview, type FileRead } from '../../ui/FilePreview';

/** A file in the school's evidence library shown in place, with a button to save a copy of any file. */
export function EvidencePreview({ file, title }: { file: EvidenceFileRef; title: string }) {
  const { db } = useServices();
  const { sha256, name } = file;
  const stored = useCallback(
    async (missing: string): Promise<FileRead> => {
      const blob = await evidenceBlob(db, sha256);
      return blob ? { ok: true, blob } : { ok: false, message: missing };
    },
    [db, sha256],
  );
  const read = useCallback(() => stored('The stored copy of this file is missing. Add the file again to replace it.'), [stored]);
  const readCopy = useCallback(() => stored(`The stored copy of “${name}” is missing, so it could not be saved.`), [stored, name]);
  return <FilePreview name={name} title={title} loadingText="Loading the preview…" read={read} readCopy={readCopy} />;
}
