// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus-bench-writefloor: the kernel's own CPU cost of the writes a host must make, measured
// on this machine — the floor for issue 14's goal in scenario a ("total CPU at most 1.5x the
// kernel's cost of the writes").
//
// It makes PEERS loopback TCP connections (TCP_NODELAY, as the host's) whose far ends a child
// process reads with epoll (like the load generator's clients), then writes, on an absolute
// schedule, BURSTS bursts a second for SECONDS seconds: each burst is FANOUT sendmsg() calls
// of a BYTES-byte WebSocket binary frame (2-byte header + payload, gathered from two buffers as
// the host does) to FANOUT consecutive peers — one relay of one update to the rest of a room.
// The writer's CPU (getrusage(RUSAGE_THREAD): user + system, which includes the receive path
// the kernel runs inside a loopback send) is measured once with the writes and once with the
// same schedule and no writes; the difference is the floor. Nothing but the writes and the
// timer wake-ups is in the loop: no parsing, no storage, no event-loop library.
//
// Scenario a of the host benchmark: 10 rooms x 10 clients x 5 ops/s, awareness at a quarter
// of that relayed to all 10: 500 bursts of 9 writes (~40-byte updates) + 125 bursts of 10
// (~60-byte awareness) a second = 5,750 writes. Default arguments: --peers 100 --bursts 625
// --fanout 9.2 --bytes 48 --seconds 10 (a fan-out of 9.2 writes 9 or 10 in proportion).
// Output: one line of JSON. Linux only; no Qt.
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Options
{
    int peers = 100;
    double bursts = 625; // a second
    double fanout = 9.2; // writes per burst
    int bytes = 48; // payload per frame
    double seconds = 10;
};

double threadCpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_THREAD, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double monotonicSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

void sleepUntil(double when)
{
    timespec t {};
    t.tv_sec = time_t(when);
    t.tv_nsec = long((when - double(t.tv_sec)) * 1e9);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, nullptr) == EINTR) { }
}

// Reads every far end until the writer closes them (the load generator's side).
[[noreturn]] void readAll(const std::vector<int> &fds)
{
    const int ep = epoll_create1(0);
    for (int fd : fds) {
        epoll_event ev {};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    size_t open = fds.size();
    char buf[65536];
    epoll_event events[128];
    while (open > 0) {
        const int n = epoll_wait(ep, events, 128, 30000);
        if (n <= 0) {
            break;
        }
        for (int i = 0; i < n; ++i) {
            const ssize_t r = read(events[i].data.fd, buf, sizeof buf);
            if (r <= 0) {
                epoll_ctl(ep, EPOLL_CTL_DEL, events[i].data.fd, nullptr);
                --open;
            }
        }
    }
    _exit(0);
}

// Runs the schedule; writes only when `write` is set. Returns the writer's CPU seconds.
double run(const Options &o, const std::vector<int> &senders, bool write, long *writes)
{
    std::vector<char> payload(size_t(o.bytes), 'x');
    unsigned char header[2] = { 0x82, static_cast<unsigned char>(o.bytes) }; // FIN, binary
    iovec iov[2] = { { header, 2 }, { payload.data(), payload.size() } };
    msghdr msg {};
    msg.msg_iov = iov;
    msg.msg_iovlen = 2;
    const long total = long(o.bursts * o.seconds);
    const double start = monotonicSeconds() + 0.05;
    const double cpu0 = threadCpuSeconds();
    double owed = 0;
    int next = 0;
    *writes = 0;
    for (long b = 0; b < total; ++b) {
        sleepUntil(start + double(b) / o.bursts);
        owed += o.fanout;
        const int count = int(owed);
        owed -= count;
        for (int k = 0; k < count && write; ++k) {
            if (sendmsg(senders[size_t(next)], &msg, MSG_NOSIGNAL | MSG_DONTWAIT) > 0) {
                ++*writes;
            }
            next = (next + 1) % int(senders.size());
        }
    }
    return threadCpuSeconds() - cpu0;
}

bool parse(int argc, char **argv, Options *o)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const double v = std::atof(argv[i + 1]);
        if (k == "--peers") {
            o->peers = int(v);
        } else if (k == "--bursts") {
            o->bursts = v;
        } else if (k == "--fanout") {
            o->fanout = v;
        } else if (k == "--bytes") {
            o->bytes = int(v);
        } else if (k == "--seconds") {
            o->seconds = v;
        } else {
            return false;
        }
    }
    return (argc % 2) == 1 && o->peers > 0 && o->peers <= 4096 && o->bursts > 0 && o->fanout > 0
        && o->bytes > 0 && o->bytes < 126 && o->seconds > 0;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    if (!parse(argc, argv, &o)) {
        std::fprintf(stderr,
                     "usage: chorus-bench-writefloor [--peers N] [--bursts PER_S] [--fanout "
                     "WRITES] [--bytes 1-125] [--seconds S]\n");
        return 2;
    }
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(listener, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0
        || listen(listener, 4096) != 0
        || getsockname(listener, reinterpret_cast<sockaddr *>(&a), &len) != 0) {
        std::perror("listen");
        return 1;
    }
    std::vector<int> senders, receivers;
    for (int i = 0; i < o.peers; ++i) {
        const int c = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
            std::perror("connect");
            return 1;
        }
        const int s = accept(listener, nullptr, nullptr);
        const int one = 1;
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        senders.push_back(s);
        receivers.push_back(c);
    }
    const pid_t reader = fork();
    if (reader == 0) {
        for (int s : senders) {
            close(s);
        }
        readAll(receivers);
    }
    for (int c : receivers) {
        close(c);
    }
    long writes = 0;
    long none = 0;
    const double idle = run(o, senders, false, &none);
    const double busy = run(o, senders, true, &writes);
    for (int s : senders) {
        close(s);
    }
    waitpid(reader, nullptr, 0);
    const double floor = std::fmax(0.0, busy - idle);
    std::printf("{\"writesPerSecond\": %.0f, \"bytes\": %d, \"peers\": %d, "
                "\"writerCpuPctWithWrites\": %.2f, \"writerCpuPctScheduleOnly\": %.2f, "
                "\"floorCpuPctOfOneCore\": %.2f, \"floorUsPerWrite\": %.2f}\n",
                double(writes) / o.seconds, o.bytes, o.peers, 100 * busy / o.seconds,
                100 * idle / o.seconds, 100 * floor / o.seconds,
                writes > 0 ? 1e6 * floor / double(writes) : 0.0);
    return 0;
}
