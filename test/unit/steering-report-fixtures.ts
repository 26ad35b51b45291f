/**
 * A seeded region for the steering group report: enough schools that some groups reach five and
 * some do not. Devon has 9 schools (6 primary, 3 secondary), Cornwall 5 (all primary), Plymouth 4
 * (special). Each school has one submission; the first eleven are reported on, Jo Bloggs and Ann
 * Lee taking turns, and the first nine are second-moderated by Sam Patel: five of Jo's, four of Ann's.
 */
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import { m, report, s, secondReturn, submission } from './regional-overview-fixtures';

const NAMES = [
  'Kingsbridge Community College',
  'Alder Primary',
  'Beech Academy',
  'Cedar Infant School',
  'Damson Junior School',
  'Elm Tree Primary',
  'Fir Grove Academy',
  'Greenway Primary',
  'Hazel Wood School',
  'Ivybridge Primary',
  'Juniper Hill School',
  'Kestrel Primary',
  'Larch Lane Primary',
  'Maple Primary',
  'Nettlecombe Special School',
  'Oakfield Special School',
  'Pinewood Special School',
  'Quarry Hill Special School',
];

interface Seeded {
  urn: string;
  name: string;
  la: string;
  phase: string;
  year: string;
}

export const SEEDED_SCHOOLS: Seeded[] = NAMES.map((name, i) => ({
  urn: String(113532 + i * 7),
  name,
  la: i < 9 ? 'Devon' : i < 14 ? 'Cornwall' : 'Plymouth',
  phase: i < 6 ? 'primary' : i < 9 ? 'secondary' : i < 14 ? 'primary' : 'special',
  year: '2026 to 2027',
}));

export const MODERATORS = ['Jo Bloggs', 'Ann Lee', 'Sam Patel'];

export const seededIndex: SharedFolderEntry[] = SEEDED_SCHOOLS.flatMap((school, i): SharedFolderEntry[] => {
  const sha = `sub${i}`;
  // c4 claimed not applicable by every third school.
  const entries: SharedFolderEntry[] = [
    submission(sha, school, 1, [s('c1', 'good'), s('c2', 'good'), s('c3', 'good'), s('c4', i % 3 === 0 ? null : 'good', i % 3 === 0)]),
  ];
  if (i < 11) {
    const moderator = i % 2 === 0 ? 'Jo Bloggs' : 'Ann Lee';
    // Gold for the first seven, Silver for the next two; the last two deferred.
    const outcome =
      i < 7
        ? { kind: 'accredited' as const, level: 'Gold', renewal: `2029-0${1 + (i % 3)}-15`, decided: '2026-11-20' }
        : i < 9
          ? { kind: 'accredited-with-conditions' as const, level: 'Silver', renewal: '2028-10-01', decided: '2026-11-20' }
          : { kind: 'deferred' as const, level: null, renewal: '', decided: '2026-11-20', resubmitBy: '2027-03-01' };
    entries.push(
      report(`rep${i}`, sha, moderator, outcome, [
        // c1 moderated down at seven schools, c3 not met at three.
        m('c1', 'good', i < 7 ? 'moderated' : 'agree', i < 7 ? 'developing' : null),
        m('c2', 'good', 'agree'),
        m('c3', 'good', i >= 8 ? 'not-met' : 'agree'),
      ]),
    );
    if (i < 9)
      entries.push(
        secondReturn(`ret${i}`, sha, moderator, 'Sam Patel', [
          ['c1', i < 5 ? 'moderated' : 'agree', i < 5 ? 'developing' : null],
          ['c3', 'agree', null],
        ]),
      );
  }
  return entries;
});

export const SEEDED_TODAY = '2026-12-04';
