import { readdirSync, readFileSync } from 'node:fs';

/*
 * What /proc says about a server process: its memory, its children (a cluster primary's workers)
 * and the CPU time of its threads. Linux only, like the benchmarks that use it.
 */

/** VmRSS (now) and VmHWM (the peak since start) of a process, in MB. */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The direct children of a process (cluster workers of a primary). */
export function childPids(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on every Linux that Node supports). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, in ms) a process has used so far: on its main thread, where JavaScript
 * runs (and node-sqlite3 turns result rows into objects), and on all its other threads (the libuv
 * pool that runs SQLite statements, V8's garbage collector and compiler helpers).
 */
export function processCpu(pid: number): { main: number; other: number } {
  let main = 0;
  let other = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // The thread ended while being listed.
    }
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    if (Number(tid) === pid) main += ms;
    else other += ms;
  }
  return { main, other };
}
