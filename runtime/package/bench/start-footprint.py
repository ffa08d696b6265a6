#!/usr/bin/env python3
"""Start time and peak memory of an installed foresight (docs/benchmarks.md, issue 17).

Starts LAUNCHER ARGS... the way systemd does for Type=notify: with $NOTIFY_SOCKET pointing at a unix datagram
socket this script holds. "first tick" is the time from the launcher's exec to the READY=1 datagram, which
`run` and `demo` send right after the control loop's first tick (SystemdSession). Peak RSS is the JVM's VmHWM
from /proc, read every 10 ms until it exits (the launcher execs java, so the pid stays the same).

  start-footprint.py [--runs N] [--env K=V]... -- LAUNCHER ARGS...
Prints one line per run and the medians: first_tick_s, cpu_to_first_tick_s (user + system CPU the JVM used up
to READY=1), peak_rss_mb, exit code.
"""
import argparse, os, socket, statistics, subprocess, sys, tempfile, time


def one_run(command, env):
    d = tempfile.mkdtemp(prefix="fs-notify-")
    path = os.path.join(d, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(0.01)
    e = dict(os.environ, NOTIFY_SOCKET=path, **env)
    t0 = time.monotonic()
    p = subprocess.Popen(command, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ready = None
    cpu = None
    hwm_kb = 0
    while p.poll() is None:
        try:
            msg = sock.recv(4096).decode()
            if ready is None and "READY=1" in msg.split("\n"):
                ready = time.monotonic() - t0
                cpu = cpu_s(p.pid)
        except socket.timeout:
            pass
        try:
            with open(f"/proc/{p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        hwm_kb = max(hwm_kb, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
    err = p.stderr.read().decode(errors="replace")
    sock.close()
    os.unlink(path)
    os.rmdir(d)
    return ready, cpu, hwm_kb / 1024.0, p.returncode, err


def cpu_s(pid):
    """CPU seconds (user + system, all threads) the process has used so far: on a loaded machine the wall time
    to the first tick mostly measures the other processes, the CPU time what the start itself costs."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    command = a.command[1:] if a.command[:1] == ["--"] else a.command
    env = dict(kv.split("=", 1) for kv in a.env)
    ticks, cpus, rss = [], [], []
    for i in range(a.runs):
        ready, cpu, peak, code, err = one_run(command, env)
        print(f"run {i + 1}: first_tick_s={ready if ready is None else round(ready, 3)} cpu_to_first_tick_s={cpu} "
              f"peak_rss_mb={peak:.0f} exit={code}", flush=True)
        if code != 0 or ready is None:
            print(err[-2000:], file=sys.stderr)
        if ready is not None:
            ticks.append(ready)
            cpus.append(cpu)
        rss.append(peak)
    if ticks:
        print(f"median: first_tick_s={statistics.median(ticks):.3f} cpu_to_first_tick_s={statistics.median(cpus):.2f} "
              f"peak_rss_mb={statistics.median(rss):.0f} "
              f"(runs={a.runs}, load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
