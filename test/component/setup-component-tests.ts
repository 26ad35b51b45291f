import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import 'fake-indexeddb/auto';

// Testing Library's waits (findBy…, waitFor) give up after one second by default. On a busy two-core
// machine a screen reading a few hundred records from the fake IndexedDB can take longer than that
// to show, and a test then failed that passes alone. A wait still ends as soon as what it waits
// for shows; only a test that is going to fail takes longer to say so.
configure({ asyncUtilTimeout: 5_000 });

// The files share one page, so every test starts with empty storage: a form's copy of unsaved edits
// (renderer/app/unsaved-edits.ts) left by one test would otherwise be found, and replayed, by the
// next test that opens a record of the same key. A test that needs storage writes it itself.
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

// jsdom has no object URLs; the evidence preview needs them.
if (typeof URL.createObjectURL !== 'function') {
  let next = 0;
  URL.createObjectURL = () => `blob:test/${(next += 1)}`;
  URL.revokeObjectURL = () => undefined;
}
