import { useState } from 'react';
import type { LoadedFramework } from '../../shared/framework/framework-types';
import { useServices } from '../app/app-context';
import { BackupAndRestore } from './BackupAndRestore';
import { Layout } from '../ui/Layout';
import { PageHeading } from '../ui/PageHeading';
import { ReadingComfortSettings } from './ReadingComfortSettings';
import { ScrollRegion } from '../ui/ScrollRegion';
import { SigningCertificates } from './SigningCertificates';
import { StorageOnThisComputer } from './StorageOnThisComputer';
import { defaultFrameworkCheck } from '../db/framework-file-check';
import { importFrameworkFile } from '../db/framework-store';
import { describeStorageError } from '../db/storage-errors';
import { formatCount } from '../../shared/formats/en-gb-counts';

const MAX_FRAMEWORK_FILE_BYTES = 5 * 1024 * 1024;
/** Framework files are read and checked in a web worker (on the page where there are none, as in tests). */
const checkFrameworkFile = defaultFrameworkCheck();

type ImportState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'ok'; text: string }
  | { kind: 'problems'; fileName: string; problems: string[]; problemCount?: number };

/** Settings: the frameworks installed, importing a partnership's own, and about this app. */
export function SettingsScreen() {
  const { db, shipped, imported, platform, regions } = useServices();
  const [state, setState] = useState<ImportState>({ kind: 'idle' });

  /** What the imported version changes: new evaluations use only a region's current edition. */
  const whoUses = (id: string, status: 'current' | 'historic') => {
    const current = regions.some((r) => r.currentEdition.framework === id || r.currentEdition.supplement === id);
    if (current && status === 'current') return `New evaluations in regions that use “${id}” now use it.`;
    return `It opens work made with “${id}”; new evaluations use each region’s current edition.`;
  };

  const importFile = async (file: File) => {
    if (file.size > MAX_FRAMEWORK_FILE_BYTES) {
      setState({
        kind: 'problems',
        fileName: file.name,
        problems: [`${file.name}: /: is ${Math.round(file.size / 1024)} KB; a framework file is at most 5 MB`],
      });
      return;
    }
    setState({ kind: 'busy' });
    try {
      const result = await importFrameworkFile(db, file.name, await file.text(), [...shipped, ...imported], checkFrameworkFile);
      if (!result.ok) setState({ kind: 'problems', fileName: file.name, problems: result.problems, problemCount: result.problemCount });
      else {
        const f = result.framework.file;
        setState({
          kind: 'ok',
          text: result.alreadyInstalled
            ? `${f.title}, version ${f.version}, is already installed. Nothing changed.`
            : `Imported ${f.title}, version ${f.version}. ${whoUses(f.id, f.status)}`,
        });
      }
    } catch (error) {
      setState({ kind: 'problems', fileName: file.name, problems: [describeStorageError(error, 'the framework')] });
    }
  };

  return (
    <Layout>
      <PageHeading title="Settings">Settings</PageHeading>
      <ReadingComfortSettings />
      <section aria-labelledby="frameworks-heading">
        <h2 id="frameworks-heading">Frameworks</h2>
        <p>
          Each framework version is identified by its content hash (SHA-256 of its canonical JSON). Submissions record it, so a moderator
          knows exactly which criteria a school worked to.
        </p>
        <FrameworkTable caption="Frameworks that come with the app" frameworks={shipped} />
        {imported.length > 0 ? <FrameworkTable caption="Frameworks imported on this computer" frameworks={imported} /> : null}
        <div className="panel">
          <h3 id="import-framework-heading">Import a framework</h3>
          <p className="hint" id="import-framework-hint">
            A partnership can issue its own framework file (JSON). It is checked in full before anything is stored; a file with problems is
            refused with a list of them.
          </p>
          <div className="field">
            <label htmlFor="import-framework">Choose a framework file to import</label>
            <input
              id="import-framework"
              type="file"
              accept=".json,application/json"
              aria-describedby="import-framework-hint"
              disabled={state.kind === 'busy'}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </div>
          <div role="status" aria-live="polite">
            {state.kind === 'busy' ? <p>Checking the file…</p> : null}
            {state.kind === 'ok' ? <p className="notice notice--success">{state.text}</p> : null}
          </div>
          {state.kind === 'problems' ? (
            <div className="error-summary" role="alert">
              <h4>
                “{state.fileName}” was not imported: {problemCountText(state.problemCount ?? state.problems.length)}
              </h4>
              <ul className="problem-list">
                {state.problems.slice(0, 200).map((p, i) => (
                  <li key={i}>
                    <code>{p}</code>
                  </li>
                ))}
              </ul>
              {state.problems.length > 200 ? <p>…and {state.problems.length - 200} more.</p> : null}
            </div>
          ) : null}
        </div>
      </section>
      <SigningCertificates />
      <BackupAndRestore />
      <StorageOnThisComputer />
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        <p>
          SEN Accreditation version {platform.appVersion()} ({platform.kind === 'desktop' ? 'desktop app' : 'web version'}). Your data is
          stored on this computer only; the app never sends anything over the network.
        </p>
      </section>
    </Layout>
  );
}

function problemCountText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'problem' : 'problems'}`;
}

function FrameworkTable({ caption, frameworks }: { caption: string; frameworks: readonly LoadedFramework[] }) {
  return (
    <ScrollRegion label={`${caption} (table)`}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Id and version</th>
            <th scope="col">Criteria</th>
            <th scope="col">Content hash (SHA-256)</th>
          </tr>
        </thead>
        <tbody>
          {frameworks.map((f) => (
            <tr key={f.contentHash}>
              <th scope="row">{f.file.title}</th>
              <td>
                {f.file.id} {f.file.version}
                {f.file.kind === 'supplement' ? ` (supplement to ${f.file.extends})` : ''}
              </td>
              <td>{f.file.strands.reduce((n, s) => n + s.standards.reduce((m, t) => m + t.criteria.length, 0), 0)}</td>
              <td>
                <code className="hash">{f.contentHash}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
