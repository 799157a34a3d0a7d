#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* The helpers below are shared by every exported program; one may not use them all. */
#define HELPER static __attribute__((unused))

static int differences;
static int where; /* the step being run: its socklab line's number */
static int PORT[PORTS]; /* the ports the kernel chose ([PORT1] ...), as this run got them */

HELPER const char *errno_name(int e) {
    switch (e) {
    case 0: return "0";
    case EAGAIN: return "EAGAIN";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EALREADY: return "EALREADY";
    case EBADF: return "EBADF";
    case ECONNABORTED: return "ECONNABORTED";
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case EINPROGRESS: return "EINPROGRESS";
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EISCONN: return "EISCONN";
    case EMSGSIZE: return "EMSGSIZE";
    case ENETUNREACH: return "ENETUNREACH";
    case ENOENT: return "ENOENT";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case ENOTCONN: return "ENOTCONN";
    case ENOTSOCK: return "ENOTSOCK";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case EPIPE: return "EPIPE";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EEXIST: return "EEXIST";
    case EFAULT: return "EFAULT";
    case EHOSTDOWN: return "EHOSTDOWN";
    case ELOOP: return "ELOOP";
    case EMFILE: return "EMFILE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENETDOWN: return "ENETDOWN";
    case ENETRESET: return "ENETRESET";
    case ENFILE: return "ENFILE";
    case ENOBUFS: return "ENOBUFS";
    case ENOMEM: return "ENOMEM";
    case ENOTDIR: return "ENOTDIR";
    case EOVERFLOW: return "EOVERFLOW";
    case EPROTO: return "EPROTO";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EPROTOTYPE: return "EPROTOTYPE";
    case EROFS: return "EROFS";
    case ESHUTDOWN: return "ESHUTDOWN";
    case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
    default: return "another errno";
    }
}

HELPER void step(int line) { where = line; }

HELPER void differ(const char *what, const char *got, const char *recorded) {
    differences++;
    printf("step %d: %s: got %s, socklab recorded %s\n", where, what, got, recorded);
}

HELPER void differ_number(const char *what, long got, long recorded) {
    char g[32], r[32];
    snprintf(g, sizeof g, "%ld", got);
    snprintf(r, sizeof r, "%ld", recorded);
    differ(what, g, r);
}

/* A call that socklab saw succeed: recorded >= 0 is its return value, -2 any (a new fd). */
HELPER void check_ok(long ret, long recorded) {
    if (ret < 0)
        differ("result", errno_name(errno), "success");
    else if (recorded != -2 && ret != recorded)
        differ_number("returned", ret, recorded);
}

/* A call that socklab saw fail with errno `recorded`. */
HELPER void check_fails(long ret, const char *recorded) {
    if (ret >= 0)
        differ("result", "success", recorded);
    else if (strcmp(errno_name(errno), recorded) != 0)
        differ("errno", errno_name(errno), recorded);
}

HELPER void check_number(const char *what, long got, long recorded) {
    if (got != recorded)
        differ_number(what, got, recorded);
}

HELPER void check_text(const char *what, const char *got, const char *recorded) {
    if (strcmp(got, recorded) != 0)
        differ(what, got, recorded);
}

HELPER void check_data(const char *got, long got_len, const char *recorded, long len, int whole) {
    if ((whole && got_len != len) || got_len < len || memcmp(got, recorded, (size_t)len) != 0)
        differ("data", "other bytes", "the bytes shown");
}

HELPER int port_of(const struct sockaddr_storage *addr) {
    return addr->ss_family == AF_INET6 ? ntohs(((const struct sockaddr_in6 *)addr)->sin6_port)
                                       : ntohs(((const struct sockaddr_in *)addr)->sin_port);
}

/* [PORTn]: the first time, the port the kernel chose; then the same one. */
HELPER void check_port(int n, const struct sockaddr_storage *addr) {
    int port = port_of(addr);
    if (PORT[n] == 0)
        PORT[n] = port;
    else
        check_number("port", port, PORT[n]);
}

HELPER struct sockaddr_storage local_of(int fd) {
    struct sockaddr_storage addr;
    socklen_t len = sizeof addr;
    memset(&addr, 0, sizeof addr);
    if (getsockname(fd, (struct sockaddr *)&addr, &len) < 0)
        differ("getsockname", errno_name(errno), "an address");
    return addr;
}

/* An IPv4 or IPv6 address and port, as bind, connect and sendto take it. */
HELPER socklen_t inet_address(struct sockaddr_storage *addr, const char *host, int port) {
    memset(addr, 0, sizeof *addr);
    struct sockaddr_in *in4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;
    if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        return sizeof *in4;
    }
    inet_pton(AF_INET6, host, &in6->sin6_addr);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)port);
    return sizeof *in6;
}

/* A Unix socket's address: a path, or (abstract) a name with a leading NUL. */
HELPER socklen_t unix_address(struct sockaddr_storage *addr, const char *name, int abstract) {
    struct sockaddr_un *un = (struct sockaddr_un *)addr;
    memset(addr, 0, sizeof *addr);
    un->sun_family = AF_UNIX;
    size_t len = strlen(name);
    memcpy(un->sun_path + (abstract ? 1 : 0), name, len);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + (abstract ? 1 : 0));
}

/* recv until exactly n bytes came, or the peer closed (socklab's recvall). */
HELPER long recvall(int fd, char *buf, long n) {
    long got = 0;
    while (got < n) {
        long r = recv(fd, buf + got, (size_t)(n - got), 0);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += r;
    }
    return got;
}

/* send until all of it went, or a call failed (socklab's sendall). */
HELPER long sendall(int fd, const char *buf, long n) {
    long sent = 0;
    while (sent < n) {
        long r = send(fd, buf + sent, (size_t)(n - sent), 0);
        if (r < 0)
            return -1;
        sent += r;
    }
    return sent;
}

/* poll(2) for POLLIN|POLLPRI|POLLOUT|POLLRDHUP; each fd's events, by name, into names[i]. */
HELPER int poll_events(const int *fds, int count, int timeout_ms, char names[][80]) {
    struct pollfd p[64];
    if (count > 64)
        count = 64;
    for (int i = 0; i < count; i++) {
        p[i].fd = fds[i];
        p[i].events = POLLIN | POLLPRI | POLLOUT | POLLRDHUP;
        p[i].revents = 0;
    }
    int n = poll(p, (nfds_t)count, timeout_ms);
    static const struct { short bit; const char *name; } all[] = {
        {POLLIN, "POLLIN"}, {POLLPRI, "POLLPRI"}, {POLLOUT, "POLLOUT"}, {POLLRDHUP, "POLLRDHUP"},
        {POLLERR, "POLLERR"}, {POLLHUP, "POLLHUP"}, {POLLNVAL, "POLLNVAL"},
    };
    for (int i = 0; i < count; i++) {
        names[i][0] = '\0';
        for (size_t b = 0; b < sizeof all / sizeof all[0]; b++) {
            if (p[i].revents & all[b].bit) {
                if (names[i][0])
                    strcat(names[i], " ");
                strcat(names[i], all[b].name);
            }
        }
        if (!names[i][0])
            strcpy(names[i], "-");
    }
    return n;
}

static long TIMEOUT_MS;

HELPER void await_ready(int fd, short event) {
    struct pollfd p = {fd, event, 0};
    if (poll(&p, 1, (int)TIMEOUT_MS) <= 0)
        differ("await", "not ready", "ready");
}

static const char *const TCP_STATES[] = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV",
    "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN",
    "CLOSING"};

/* A socket's addresses, kept to find its connection after close. */
struct ends {
    int kept;
    struct sockaddr_storage local, peer;
};

HELPER void keep_ends(int fd, struct ends *ends) {
    socklen_t a = sizeof ends->local, b = sizeof ends->peer;
    ends->kept = getsockname(fd, (struct sockaddr *)&ends->local, &a) == 0 &&
                 getpeername(fd, (struct sockaddr *)&ends->peer, &b) == 0;
}

HELPER void proc_address(const struct sockaddr_storage *addr, char *out) {
    if (addr->ss_family == AF_INET) {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)addr;
        sprintf(out, "%08X:%04X", in4->sin_addr.s_addr, ntohs(in4->sin_port));
    } else {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;
        uint32_t words[4];
        memcpy(words, &in6->sin6_addr, sizeof words);
        sprintf(out, "%08X%08X%08X%08X:%04X", words[0], words[1], words[2], words[3],
                ntohs(in6->sin6_port));
    }
}

/* The state of a connection in /proc/net/tcp[6], or CLOSE if it is not there. */
HELPER const char *proc_net_state(const struct ends *ends) {
    char local[64], peer[64], line[512], a[64], b[64];
    unsigned state;
    proc_address(&ends->local, local);
    proc_address(&ends->peer, peer);
    FILE *table = fopen(ends->local.ss_family == AF_INET ? "/proc/net/tcp" : "/proc/net/tcp6", "r");
    if (!table)
        return "CLOSE";
    const char *found = "CLOSE";
    while (fgets(line, sizeof line, table)) {
        if (sscanf(line, " %*d: %63s %63s %x", a, b, &state) == 3 && strcmp(a, local) == 0 &&
            strcmp(b, peer) == 0 && state < 12) {
            found = TCP_STATES[state];
            break;
        }
    }
    fclose(table);
    return found;
}

HELPER const char *tcp_state(int fd, const struct ends *ends) {
    if (fd >= 0) {
        unsigned char info[8]; /* struct tcp_info starts with tcpi_state */
        socklen_t len = sizeof info;
        if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, &len) == 0 &&
            (info[0] != 7 || !ends || !ends->kept))
            return TCP_STATES[info[0] < 12 ? info[0] : 0];
    }
    return ends && ends->kept ? proc_net_state(ends) : "CLOSE";
}

HELPER long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Look at the TCP state until it is `want` (at most TIMEOUT_MS): no event says when it moves. */
HELPER void await_state(int fd, const struct ends *ends, const char *want) {
    long deadline = now_ms() + TIMEOUT_MS;
    const char *state = tcp_state(fd, ends);
    while (strcmp(state, want) != 0 && now_ms() < deadline) {
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
        state = tcp_state(fd, ends);
    }
    check_text("TCP state", state, want);
}

/* How many segments these TCP sockets have sent (TCP_INFO's tcpi_segs_out). */
HELPER long segments_sent(const int *fds, int count) {
    long total = 0;
    for (int i = 0; i < count; i++) {
        /* Linux's struct tcp_info: tcpi_segs_out is the u32 at offset 136
         * (newer than the C library's copy of the struct). */
        unsigned char info[144];
        uint32_t segs_out;
        socklen_t len = sizeof info;
        if (fds[i] >= 0 && getsockopt(fds[i], IPPROTO_TCP, TCP_INFO, info, &len) == 0 && len >= 140) {
            memcpy(&segs_out, info + 136, sizeof segs_out);
            total += segs_out;
        }
    }
    return total;
}

/* Wait (at most TIMEOUT_MS) until the sockets have sent more segments than
 * `before` (counted just after the step that started the kernel's timer). */
HELPER void await_segment(const int *fds, int count, long before) {
    long deadline = now_ms() + TIMEOUT_MS;
    while (segments_sent(fds, count) <= before && now_ms() < deadline) {
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
    if (segments_sent(fds, count) <= before)
        differ("await wire", "no segment sent", "a segment");
}

/* Bytes of data acknowledged: Linux's tcpi_bytes_acked (the u64 at offset
 * 120 of struct tcp_info), less the SYN it counts as one. */
HELPER long bytes_acked(int fd) {
    unsigned char info[128];
    unsigned long long acked = 0;
    socklen_t len = sizeof info;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, &len) == 0 && len >= 128)
        memcpy(&acked, info + 120, sizeof acked);
    return (long)acked - 1;
}

/* Wait (at most TIMEOUT_MS) until `acked` bytes are acknowledged: the
 * acknowledgment socklab saw has arrived. */
HELPER void await_acked(int fd, long acked) {
    long deadline = now_ms() + TIMEOUT_MS;
    while (bytes_acked(fd) < acked && now_ms() < deadline) {
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
    if (bytes_acked(fd) < acked)
        differ_number("bytes acknowledged", bytes_acked(fd), acked);
}

/* A call on a thread of its own (socklab's `CMD &`), or recv in a loop on
 * one (`watch`): its results wait here, one byte in `ready` for each. */
struct job_result {
    long ret;
    int err;
    struct sockaddr_storage addr;
    char *data;
};

struct job {
    pthread_t thread;
    long (*call)(char *data, struct sockaddr_storage *addr);
    int fd; /* watch: the socket it reads */
    int stop[2]; /* watch: a byte here ends the loop */
    int ready[2];
    pthread_mutex_t lock;
    struct job_result results[256];
    int count, taken;
};

static struct job jobs[JOBS]; /* by socklab's job number */

HELPER void job_push(struct job *job, long ret, int err, const struct sockaddr_storage *addr, char *data) {
    pthread_mutex_lock(&job->lock);
    if (job->count < 256) {
        struct job_result *r = &job->results[job->count++];
        r->ret = ret;
        r->err = err;
        r->addr = *addr;
        r->data = data;
    }
    pthread_mutex_unlock(&job->lock);
    if (write(job->ready[1], "x", 1) < 0)
        differ("job", errno_name(errno), "its result handed over");
}

HELPER void *job_thread(void *arg) {
    struct job *job = arg;
    struct sockaddr_storage addr;
    char *data = calloc(1, 65536);
    memset(&addr, 0, sizeof addr);
    long ret = job->call(data, &addr);
    job_push(job, ret, errno, &addr, data);
    return NULL;
}

HELPER void *watch_thread(void *arg) {
    struct job *job = arg;
    struct sockaddr_storage none;
    memset(&none, 0, sizeof none);
    for (;;) {
        struct pollfd p[2] = {{job->fd, POLLIN, 0}, {job->stop[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0 || p[1].revents)
            return NULL;
        char *data = calloc(1, 1024);
        long ret = recv(job->fd, data, 1024, 0);
        job_push(job, ret, errno, &none, data);
        if (ret <= 0)
            return NULL;
    }
}

HELPER void job_init(struct job *job) {
    if (pipe(job->ready) < 0 || pipe(job->stop) < 0)
        differ("pipe", errno_name(errno), "a pipe");
    pthread_mutex_init(&job->lock, NULL);
}

/* Starts `call` on a thread of its own. */
HELPER void job_start(struct job *job, long (*call)(char *, struct sockaddr_storage *)) {
    job_init(job);
    job->call = call;
    pthread_create(&job->thread, NULL, job_thread, job);
}

/* Starts recv(fd, 1024) in a loop on a thread of its own. */
HELPER void watch_start(struct job *job, int fd) {
    job_init(job);
    job->fd = fd;
    pthread_create(&job->thread, NULL, watch_thread, job);
}

/* The job's next result (at most TIMEOUT_MS away): its return value, errno
 * set, what it received in buf, its address in *addr. */
HELPER long job_result(struct job *job, char *buf, struct sockaddr_storage *addr) {
    struct pollfd p = {job->ready[0], POLLIN, 0};
    char byte;
    if (poll(&p, 1, (int)TIMEOUT_MS) <= 0 || read(job->ready[0], &byte, 1) != 1) {
        differ("background call", "still running", "ended");
        errno = ETIMEDOUT;
        return -1;
    }
    pthread_mutex_lock(&job->lock);
    if (job->taken >= job->count) {
        pthread_mutex_unlock(&job->lock);
        differ("background call", "more results than it kept", "one");
        errno = EOVERFLOW;
        return -1;
    }
    struct job_result r = job->results[job->taken++];
    pthread_mutex_unlock(&job->lock);
    if (r.ret > 0)
        memcpy(buf, r.data, (size_t)(r.ret < 65536 ? r.ret : 65536));
    free(r.data);
    *addr = r.addr;
    errno = r.err;
    return r.ret;
}

HELPER void on_signal(int signal) { (void)signal; }

/* socklab stops a job blocked in its call with a signal: the call returns EINTR. */
HELPER void job_stop(struct job *job) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal; /* no SA_RESTART: the call returns EINTR */
    sigaction(SIGUSR1, &action, NULL);
    long deadline = now_ms() + TIMEOUT_MS;
    struct pollfd p = {job->ready[0], POLLIN, 0};
    do {
        pthread_kill(job->thread, SIGUSR1);
    } while (poll(&p, 1, 10) == 0 && now_ms() < deadline);
}

/* socklab's unwatch: the loop ends. */
HELPER void watch_stop(struct job *job) {
    if (write(job->stop[1], "x", 1) == 1)
        pthread_join(job->thread, NULL);
}
