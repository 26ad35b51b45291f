import { approvalSentence, approverRoleText, outOfDateSentence, type ApprovalState } from '../../../shared/submission/approval';

/**
 * Where the approval stands, in a live region so a change (an edit elsewhere, a new approval) is
 * announced: approved and current, out of date (with what changed), or not yet approved.
 */
export function ApprovalStateNotice({ state, approveHref }: { state: ApprovalState | null; approveHref?: string }) {
  const link = approveHref ? (
    <>
      {' '}
      <a href={approveHref}>Go to the approval</a>
    </>
  ) : null;
  return (
    <div role="status" aria-live="polite" className="approval-state" data-testid="approval-state">
      {!state ? (
        <p>Checking the approval…</p>
      ) : state.state === 'current' ? (
        <p>
          <strong>
            {approvalSentence({ name: state.approval.name, role: approverRoleText(state.approval), date: state.approval.date })}
          </strong>
          . The approval covers what would be submitted now.
        </p>
      ) : state.state === 'out-of-date' ? (
        <>
          <p>
            <strong>{outOfDateSentence(state.approval)}</strong>; ask them to approve it again.{link}
          </p>
          {state.changes.length > 0 ? (
            <ul>
              {state.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p>
          <strong>Not yet approved.</strong> The head teacher, or a governor or trustee, approves the self-evaluation before it is exported.
          {link}
        </p>
      )}
    </div>
  );
}
