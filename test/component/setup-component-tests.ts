import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

import 'fake-indexeddb/auto';

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
