import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Memory of Chromium's processes, read from /proc (Linux): the browser process is found by its
 * profile directory, its renderers among its descendants by `--type=renderer`.
 */
export interface ProcessInfo {
  pid: number;
  type: string;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The arguments; processes forked from Chromium's zygote rewrite theirs as one space-separated string. */
function cmdline(pid: number): string[] {
  return (read(`/proc/${pid}/cmdline`) ?? '').split(/[\0 ]/).filter(Boolean);
}

function parentOf(pid: number): number {
  const stat = read(`/proc/${pid}/stat`) ?? '';
  // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1] ?? 0);
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Chromium's processes for one profile: the browser process and all its descendants, with their --type. */
export function chromiumProcesses(userDataDir: string): ProcessInfo[] {
  const all = pids();
  const browser = all.find((pid) => {
    const args = cmdline(pid);
    return args.some((a) => a === `--user-data-dir=${userDataDir}`) && !args.some((a) => a.startsWith('--type='));
  });
  if (browser === undefined) return [];
  const parents = new Map(all.map((pid) => [pid, parentOf(pid)]));
  const found: ProcessInfo[] = [{ pid: browser, type: 'browser' }];
  const family = new Set([browser]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (family.has(pid) || !family.has(parent)) continue;
      family.add(pid);
      grew = true;
      const args = cmdline(pid);
      const type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length) ?? 'other';
      const subType = args.find((a) => a.startsWith('--utility-sub-type='))?.slice('--utility-sub-type='.length);
      found.push({ pid, type: subType ? `${type}:${subType}` : type });
    }
  }
  return found;
}

/** VmRSS and VmHWM in bytes, or null when the process has gone. */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
  const status = read(`/proc/${pid}/status`);
  if (!status) return null;
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets VmHWM to the current RSS (writing 5 to clear_refs), so the next peak is this phase's own. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface MemoryPhase {
  /** Per process: RSS just before the phase, the highest RSS sampled, and VmHWM at the end. */
  processes: { pid: number; type: string; before: number; peakSampled: number; hwm: number }[];
  samples: number;
}

/** Samples the RSS of the given processes every `intervalMs` until stopped. */
export function sampleMemory(processes: readonly ProcessInfo[], intervalMs = 50): { stop(): MemoryPhase } {
  const hwmReset = processes.map((p) => resetPeak(p.pid));
  const before = processes.map((p) => memoryOf(p.pid)?.rss ?? 0);
  const peak = [...before];
  let samples = 0;
  const tick = () => {
    samples += 1;
    processes.forEach((p, i) => {
      const rss = memoryOf(p.pid)?.rss ?? 0;
      if (rss > (peak[i] ?? 0)) peak[i] = rss;
    });
  };
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return {
        samples,
        processes: processes.map((p, i) => {
          const hwm = hwmReset[i] ? (memoryOf(p.pid)?.hwm ?? 0) : 0;
          return { pid: p.pid, type: p.type, before: before[i] ?? 0, peakSampled: Math.max(peak[i] ?? 0, hwm), hwm };
        }),
      };
    },
  };
}
