import { beforeAll, describe, expect, it } from 'vitest';
import {
  certificateFingerprint,
  createSelfSignedCertificate,
  createSigningKeyPair,
  summariseCertificate,
} from '../../shared/crypto/signing-certificate';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { createSchemaCheck } from '../../shared/formats/json-schema-check';
import { preflight } from '../../shared/submission/preflight';
import { buildSubmissionDocument, evidenceAttachmentName } from '../../shared/submission/submission-builder';
import submissionSchema from '../../shared/submission/submission.schema.json';
import { submissionFileName } from '../../shared/submission/submission-format';
import { demonstrationData, IDENTITY } from '../fixtures/signed-submission';

let demo: DemonstrationSchool;
beforeAll(async () => {
  demo = await demonstrationData();
});

const identity = { ...IDENTITY, certificateFingerprint: 'ef'.repeat(32) };

describe('buildSubmissionDocument', () => {
  it('answers every criterion in framework order, and validates against the published schema', () => {
    const document = buildSubmissionDocument(demo.snapshot, identity);
    expect(document.responses.map((r) => r.criterionId)).toEqual(demo.snapshot.framework.criteria.map((c) => c.id));
    expect(createSchemaCheck(submissionSchema)(document)).toEqual([]);
  });

  it('carries only evidence linked in this evaluation, and drops judgements that are not on the scale', () => {
    const [first] = demo.snapshot.framework.criteria;
    if (!first) throw new Error('no criteria');
    const unlinked = { ...demo.snapshot.evidence[0], id: 'not-linked', title: 'Not linked' } as (typeof demo.snapshot.evidence)[number];
    const responses = demo.snapshot.responses.map((r) => (r.criterionId === first.id ? { ...r, judgement: 'made-up-point' } : r));
    const document = buildSubmissionDocument({ ...demo.snapshot, evidence: [...demo.snapshot.evidence, unlinked], responses }, identity);
    expect(document.evidence.map((e) => e.id)).not.toContain('not-linked');
    expect(document.responses[0]?.judgement).toBeNull();
  });

  it('copies only the declaration’s own fields', () => {
    const loose = { ...IDENTITY.declaration, confirmed: true } as typeof IDENTITY.declaration;
    const document = buildSubmissionDocument(demo.snapshot, { ...identity, declaration: loose });
    expect(Object.keys(document.declaration).sort()).toEqual(['chairOfGovernors', 'date', 'headTeacher', 'senco', 'statement']);
  });
});

describe('names', () => {
  it('makes safe, numbered attachment names', () => {
    expect(evidenceAttachmentName(0, 'SEN Policy (final) 2026.PDF')).toBe('evidence-001-sen-policy-final-2026.pdf');
    expect(evidenceAttachmentName(11, '../../etc/passwd')).toBe('evidence-012-passwd');
    expect(evidenceAttachmentName(12, 'C:\\Users\\sam\\plan.docx')).toBe('evidence-013-plan.docx');
    expect(evidenceAttachmentName(2, 'Café notes.tar.gz')).toBe('evidence-003-cafe-notes-tar.gz');
    expect(evidenceAttachmentName(3, '.bashrc')).toBe('evidence-004-bashrc');
  });

  it('names the PDF <URN>-<framework id>-<yyyy-mm-dd>-v<n>.pdf', () => {
    expect(
      submissionFileName({
        school: { urn: '123456' } as never,
        framework: { id: 'north-east' } as never,
        createdAt: '2026-11-20T10:30:00.000Z',
        version: 3,
      }),
    ).toBe('123456-north-east-2026-11-20-v3.pdf');
  });
});

describe('preflight', () => {
  it('warns about gaps and blocks on unredacted personal data and a missing declaration', () => {
    const { framework, responses, links, evidence, actions } = demo.snapshot;
    const flagged = evidence.map((e, i) => (i === 0 ? { ...e, containsPersonalData: true, redactionConfirmed: false } : e));
    const noOwner = actions.map((a, i) => (i === 0 ? { ...a, who: ' ' } : a));
    const report = preflight(framework, responses.slice(1), links, flagged, noOwner, null);
    expect(report.unjudged).toEqual([framework.criteria[0]?.id]);
    expect(report.actionsWithoutOwner).toHaveLength(1);
    expect(report.unredactedPersonalData.map((e) => e.id)).toEqual([evidence[0]?.id]);
    expect(Object.keys(report.declarationProblems).sort()).toEqual(['confirmed', 'date', 'headTeacher', 'senco']);
    expect(report.blockerCount).toBe(2);

    const ready = preflight(framework, responses, links, evidence, actions, {
      headTeacher: 'A',
      senco: 'B',
      chairOfGovernors: '',
      date: '2026-11-20',
      confirmed: true,
    });
    expect(ready.blockerCount).toBe(0);
    expect(ready.warningCount).toBe(0);
    const badDate = preflight(framework, responses, links, evidence, actions, {
      headTeacher: 'A',
      senco: 'B',
      chairOfGovernors: '',
      date: '2026-02-30',
      confirmed: true,
    });
    expect(badDate.declarationProblems.date).toMatch(/real date/);
  });
});

describe('signing certificate', () => {
  it('names the school and its URN, and its fingerprint is the SHA-256 of its DER', async () => {
    const keys = await createSigningKeyPair();
    expect(keys.privateKey.extractable).toBe(false);
    const der = await createSelfSignedCertificate(
      keys,
      { commonName: 'Riverside Primary School', role: 'School', urn: '123456' },
      new Date('2026-11-20T00:00:00Z'),
    );
    const summary = await summariseCertificate(der);
    expect(summary).toMatchObject({
      commonName: 'Riverside Primary School',
      role: 'School',
      urn: '123456',
      fingerprint: await certificateFingerprint(der),
    });
    expect(summary.notAfter.getUTCFullYear()).toBe(2036);
    await expect(summariseCertificate(new Uint8Array([1, 2, 3]))).rejects.toThrow(/certificate/);
  });
});
