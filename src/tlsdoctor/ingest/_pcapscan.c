/* _pcapscan: the hot loop of `tlsdoctor pcap`, compiled (docs/pcap-speed.md, round 20).
 *
 * One idea: cut classic pcap records (and pcapng's Enhanced Packet Blocks) out of a block of the file and hand each TCP segment of
 * an already open connection (IPv4 without options or IPv6 without extension headers, on the
 * link layers pcap._scan's fast paths read) straight to the Python tracker.
 * That loop was about a fifth of a handshake-heavy capture's CPU in Python (rounds 18-19).
 *
 * Why results stay identical to the pure-Python reader: this code consumes exactly the frames
 * that pcap._scan's fast paths (its Ethernet branch, _fast_other, _fast_ipv6) would consume, making the same calls in the same
 * order (tracker.segment, tracker.straggler, looked up in tracker.by_raw). Every other frame
 * (a new connection, a SYN, another link layer, anything odd) is handed back whole and the
 * Python code decides as before. A record that does not fit the buffer or has an impossible
 * length stops the loop: Python's reader writes the note. Bytes are untrusted: every read
 * below is bounded by the record's captured length, which is bounded by the buffer.
 *
 * Besides the loop, three pure functions of bytes that the reading calls per segment or per
 * connection (round 22b): a segment's whole TLS records, a record's whole handshake
 * messages, and a hello's cache key. Each gives what its Python twin (pcap_tls,
 * hello_cache) gives, decides nothing, and the Python one runs without this extension.
 * And the JSON text of a listed connection (round 23): report.json_text's dumps_with_list and
 * steps_text for plain values and the usual history steps only (anything else is left to
 * them).
 *
 * CPython C API only; built as an optional extension (pyproject.toml). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define MAX_PACKET (256 * 1024) /* pcap_file.MAX_PACKET */
#define TS_END 8589934592.0     /* pcap_file._TS_END: 2**33 s, later stamps are corrupt */
#define MAX_BLOCK (16 * 1024 * 1024) /* pcap_file.MAX_BLOCK: a larger pcapng block is corrupt */

static uint32_t be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t u32(const unsigned char *p, int big)
{
    return big ? be32(p) : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* What the loop needs besides the block: the file's header facts and the tracker's hooks. */
typedef struct {
    int big;           /* big-endian record headers */
    double resolution; /* seconds per fraction unit */
    long linktype;
    PyObject *by_raw;    /* dict: 12 raw address/port bytes -> (connection or None, x) */
    PyObject *segment;   /* TcpTracker.segment */
    PyObject *straggler; /* TcpTracker.straggler */
    const unsigned char *mix; /* pcap._MIX, 256 bytes: which reader reads a connection */
    long mine, jobs;
} Ctx;

static int read_ctx(PyObject *t, Ctx *c)
{
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 9) {
        PyErr_SetString(PyExc_TypeError, "ctx must be a 9-tuple");
        return -1;
    }
    PyObject **it = &PyTuple_GET_ITEM(t, 0);
    c->big = PyObject_IsTrue(it[0]);
    c->resolution = PyFloat_AsDouble(it[1]);
    c->linktype = PyLong_AsLong(it[2]);
    c->mine = PyLong_AsLong(it[7]);
    c->jobs = PyLong_AsLong(it[8]);
    if (c->big < 0 || PyErr_Occurred())
        return -1;
    if (!PyDict_Check(it[3]) || !PyBytes_Check(it[6]) || PyBytes_GET_SIZE(it[6]) != 256
        || c->jobs < 1) {
        PyErr_SetString(PyExc_TypeError, "ctx: by_raw dict, 256-byte mix, jobs >= 1");
        return -1;
    }
    c->by_raw = it[3];
    c->segment = it[4];
    c->straggler = it[5];
    c->mix = (const unsigned char *)PyBytes_AS_STRING(it[6]);
    return 0;
}

/* Call fn(*args) with n new references (NULL ones mean a failed allocation); 1 when the
 * result is true, 0 when false, -1 on error. The references are released. */
static int call(PyObject *fn, PyObject **args, Py_ssize_t n)
{
    int truth = -1;
    Py_ssize_t i;
    for (i = 0; i < n; i++)
        if (args[i] == NULL)
            goto done;
    PyObject *res = PyObject_Vectorcall(fn, args, (size_t)n, NULL);
    if (res != NULL) {
        truth = PyObject_IsTrue(res);
        Py_DECREF(res);
    }
done:
    for (i = 0; i < n; i++)
        Py_XDECREF(args[i]);
    return truth;
}

/* A TCP segment's header fields, at their place in the frame. */
typedef struct {
    Py_ssize_t start, end; /* the payload: d[start:end] when start < end, else empty */
    uint32_t seq, ack, off_flags, ttl;
} Seg;

/* by_raw[key]: a new reference to its (connection or None, x) pair; NULL without an error
 * when there is none (*absent set) or it is not a pair; NULL with an error set. */
static PyObject *lookup(const Ctx *c, const unsigned char *key, Py_ssize_t n, int *absent)
{
    PyObject *k = PyBytes_FromStringAndSize((const char *)key, n);
    if (k == NULL)
        return NULL;
    PyObject *hit = PyDict_GetItemWithError(c->by_raw, k); /* borrowed */
    Py_DECREF(k);
    *absent = hit == NULL;
    if (hit == NULL || !PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 2)
        return NULL;
    return Py_NewRef(hit); /* the tracker may replace it in by_raw while we use it */
}

/* What pcap._scan does with a segment of a known 4-tuple: tracker.segment(conn, from_a, ts,
 * number, seq, flags, payload, ttl, 0, ack) while it is open (1); when it closed,
 * tracker.straggler(ts, number, flags, has_payload, closed_at), 1 when true (ignored), 0 when
 * the Python code must decide. -1 on error. `hit` is released. */
static int give(const Ctx *c, PyObject *hit, const unsigned char *d, const Seg *s, double ts,
                Py_ssize_t number)
{
    PyObject *conn = PyTuple_GET_ITEM(hit, 0), *second = PyTuple_GET_ITEM(hit, 1);
    int r;
    if (conn == Py_None) {
        PyObject *args[5] = {PyFloat_FromDouble(ts), PyLong_FromSsize_t(number),
                             PyLong_FromUnsignedLong(s->off_flags),
                             PyBool_FromLong(s->start < s->end), Py_NewRef(second)};
        r = call(c->straggler, args, 5);
    } else {
        PyObject *args[10] = {
            Py_NewRef(conn), Py_NewRef(second), PyFloat_FromDouble(ts),
            PyLong_FromSsize_t(number), PyLong_FromUnsignedLong(s->seq),
            PyLong_FromUnsignedLong(s->off_flags & 0x1FF),
            PyBytes_FromStringAndSize((const char *)d + s->start,
                                      s->start < s->end ? s->end - s->start : 0),
            PyLong_FromUnsignedLong(s->ttl), PyLong_FromLong(0), PyLong_FromUnsignedLong(s->ack)};
        r = call(c->segment, args, 10) < 0 ? -1 : 1;
    }
    Py_DECREF(hit);
    return r;
}

/* The TCP fields after a 20-byte IPv4 header at `at` (pcap._FAST): 0 when pcap._scan and
 * _fast_other would not take the segment (not TCP, a fragment, a broken header, a SYN). */
static int ipv4_seg(const unsigned char *d, Py_ssize_t size, Py_ssize_t at, Seg *s)
{
    uint32_t total = be16(d + at + 2), frag = be16(d + at + 6);
    s->off_flags = be16(d + at + 32);
    s->seq = be32(d + at + 24);
    s->ack = be32(d + at + 28);
    s->ttl = d[at + 8];
    s->end = at + (Py_ssize_t)total < size ? at + (Py_ssize_t)total : size;
    s->start = at + 20 + (Py_ssize_t)(s->off_flags >> 12) * 4;
    return d[at + 9] == 6 && !(frag & 0x3FFF) && total >= 20 && s->end >= at + 40
           && s->off_flags >= 0x5000 && (s->off_flags & 0x12) != 0x02;
}

/* pcap._scan's Ethernet branch: IPv4 with a 20-byte header, 54 bytes reaching the flags. */
static int ethernet_ipv4(const Ctx *c, const unsigned char *d, Py_ssize_t size, double ts,
                         Py_ssize_t number, int truncated)
{
    Seg s;
    int absent;
    PyObject *hit = lookup(c, d + 26, 12, &absent);
    if (hit == NULL) {
        if (PyErr_Occurred())
            return -1;
        /* Not open here: another reader's connection (pcap.share_of on the raw bytes)? */
        return absent && c->jobs > 1
               && c->mix[d[28] ^ d[29] ^ d[32] ^ d[33] ^ d[35] ^ d[37]] % c->jobs != c->mine;
    }
    if (truncated || !ipv4_seg(d, size, 14, &s)) {
        Py_DECREF(hit);
        return 0;
    }
    return give(c, hit, d, &s, ts, number);
}

/* pcap_file._ip_header_at: where the IP header of `ethertype` (or a NULL/LOOP address family
 * of the IP version `v6`) starts for this link type; -1 otherwise. */
static Py_ssize_t ip_at(const Ctx *c, const unsigned char *d, Py_ssize_t size, uint32_t ethertype,
                        int v6)
{
    switch (c->linktype) {
    case 1:
        if (size >= 14 && be16(d + 12) == ethertype)
            return 14;
        return size >= 18 && be16(d + 12) == 0x8100 && be16(d + 16) == ethertype ? 18 : -1;
    case 113:
        return size >= 16 && be16(d + 14) == ethertype ? 16 : -1;
    case 276:
        return size >= 2 && be16(d) == ethertype ? 20 : -1;
    case 0:
    case 108: {
        if (size < 4)
            return -1;
        uint32_t le = u32(d, 0), be = u32(d, 1); /* AF_INET 2; AF_INET6 24, 28, 30, 10 */
        int is4 = le == 2 || be == 2;
        int is6 = le == 24 || le == 28 || le == 30 || le == 10 || be == 24 || be == 28
                  || be == 30 || be == 10;
        return (v6 ? is6 : is4) ? 4 : -1;
    }
    case 12: case 101: case 228: case 229:
        return 0;
    default:
        return -1;
    }
}

/* pcap._fast_ipv6: a 40-byte IPv6 header followed by TCP (pcap_file.plain_ipv6_at). */
static int any_ipv6(const Ctx *c, const unsigned char *d, Py_ssize_t size, double ts,
                    Py_ssize_t number)
{
    Seg s;
    int absent;
    Py_ssize_t at = ip_at(c, d, size, 0x86DD, 1);
    if (at < 0 || size < at + 60 || d[at] >> 4 != 6 || d[at + 6] != 6)
        return 0;
    uint32_t plen = be16(d + at + 4);
    s.seq = be32(d + at + 44);
    s.ack = be32(d + at + 48);
    s.off_flags = be16(d + at + 52);
    s.ttl = d[at + 7];
    s.end = at + 40 + (Py_ssize_t)plen < size ? at + 40 + (Py_ssize_t)plen : size;
    s.start = at + 40 + (Py_ssize_t)(s.off_flags >> 12) * 4;
    if (plen == 0 || s.end < at + 60 || s.off_flags < 0x5000)
        return 0; /* dpkt decides (it does not read a TCP header there) */
    if (c->jobs > 1 && c->mix[d[at + 22] ^ d[at + 23] ^ d[at + 38] ^ d[at + 39] ^ d[at + 41]
                              ^ d[at + 43]] % c->jobs != c->mine)
        return 1; /* a TCP segment of another reader's connection */
    PyObject *hit = lookup(c, d + at + 8, 36, &absent);
    if (hit == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if ((s.off_flags & 0x12) == 0x02) {
        Py_DECREF(hit);
        return 0;
    }
    return give(c, hit, d, &s, ts, number);
}

/* pcap._fast_other: another link layer or tag with a plain IPv4 header, else IPv6. */
static int other(const Ctx *c, const unsigned char *d, Py_ssize_t size, double ts,
                 Py_ssize_t number, int truncated)
{
    Seg s;
    int absent;
    if (truncated)
        return 0;
    Py_ssize_t at = ip_at(c, d, size, 0x0800, 0);
    if (at < 0 || size <= at || d[at] != 0x45)
        return any_ipv6(c, d, size, ts, number);
    if (size < at + 40)
        return 0;
    PyObject *hit = lookup(c, d + at + 12, 12, &absent);
    if (hit == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if (!ipv4_seg(d, size, at, &s)) {
        Py_DECREF(hit);
        return 0;
    }
    return give(c, hit, d, &s, ts, number);
}

/* One frame, in pcap._scan's order: 1 consumed (given to the tracker, or another reader's),
 * 0 hand it back, -1 error. */
static int frame(const Ctx *c, const unsigned char *d, Py_ssize_t size, double ts,
                 Py_ssize_t number, int truncated)
{
    if (c->linktype == 1 && size >= 54 && d[12] == 0x08 && d[13] == 0x00 && d[14] == 0x45)
        return ethernet_ipv4(c, d, size, ts, number, truncated);
    if (c->linktype != 1 || (size >= 14 && (be16(d + 12) == 0x8100 || be16(d + 12) == 0x86DD)))
        return other(c, d, size, ts, number, truncated);
    return 0;
}

/* scan's loop over the `n` bytes at `buf` (the other arguments as scan's). */
static PyObject *scan_records(PyObject *const *args, const unsigned char *buf, Py_ssize_t n)
{
    Ctx c;
    Py_ssize_t off = PyLong_AsSsize_t(args[1]), limit = PyLong_AsSsize_t(args[2]);
    Py_ssize_t packets = PyLong_AsSsize_t(args[3]), bytes_read = PyLong_AsSsize_t(args[4]);
    Py_ssize_t max_bytes = PyLong_AsSsize_t(args[5]);
    long long last_sec = PyLong_AsLongLong(args[6]);
    double whole = PyFloat_AsDouble(args[7]), first = 0.0, last = 0.0;
    if (PyErr_Occurred() || read_ctx(args[8], &c) < 0)
        return NULL;
    int seen = 0;
    PyObject *handed = NULL;
    while (off <= limit && bytes_read < max_bytes) {
        if (off < 0 || n - off < 16)
            break; /* a header cut short: Python's reader notes it */
        const unsigned char *h = buf + off;
        uint32_t sec = u32(h, c.big), frac = u32(h + 4, c.big);
        uint32_t caplen = u32(h + 8, c.big), origlen = u32(h + 12, c.big);
        if (caplen > MAX_PACKET || (Py_ssize_t)caplen > n - off - 16)
            break; /* impossible or cut short: likewise */
        off += 16 + (Py_ssize_t)caplen;
        bytes_read += 16 + (Py_ssize_t)caplen;
        packets++;
        if ((long long)sec != last_sec) { /* a float once per second, as pcap_file does */
            last_sec = sec;
            whole = (double)sec;
        }
        double ts = whole + (double)frac * c.resolution;
        if (!(ts >= 0.0 && ts < TS_END))
            ts = 0.0;
        if (!seen)
            first = ts;
        seen = 1;
        last = ts;
        int r = frame(&c, h + 16, (Py_ssize_t)caplen, ts, packets, caplen < origlen);
        if (r < 0)
            return NULL;
        if (r == 0) {
            handed = Py_BuildValue("(ndlNO)", packets, ts, c.linktype,
                                   PyBytes_FromStringAndSize((const char *)h + 16, caplen),
                                   caplen < origlen ? Py_True : Py_False);
            if (handed == NULL)
                return NULL;
            break;
        }
    }
    PyObject *f = seen ? PyFloat_FromDouble(first) : Py_NewRef(Py_None);
    PyObject *l = seen ? PyFloat_FromDouble(last) : Py_NewRef(Py_None);
    return Py_BuildValue("(nnnLdNNN)", off, packets, bytes_read, last_sec, whole, f, l,
                         handed != NULL ? handed : Py_NewRef(Py_None));
}

/* scan(buf, off, limit, packets, bytes_read, max_bytes, last_sec, whole, ctx) ->
 *   (off, packets, bytes_read, last_sec, whole, first_ts, last_ts, frame)
 * Records starting at `off` up to `limit` (and within the budget) are read; `frame` is the
 * first one handed back, as pcap_file's records() yields it, or None when the loop stopped
 * (limit, budget, or a record that is cut short or impossible: the caller says which).
 * first_ts/last_ts: the time stamps of the first and last record read, None if none.
 * `buf`: bytes, or any contiguous buffer (pcap_file's reused window, round 25); held for
 * the call, so a bytearray under it cannot be resized meanwhile. */
static PyObject *scan(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
    (void)mod;
    Py_buffer view;
    if (nargs != 9 || PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) < 0) {
        PyErr_Clear();
        PyErr_SetString(PyExc_TypeError, "scan(buffer, off, limit, packets, bytes_read, "
                                         "max_bytes, last_sec, whole, ctx)");
        return NULL;
    }
    PyObject *out = scan_records(args, (const unsigned char *)view.buf, view.len);
    PyBuffer_Release(&view);
    return out;
}

/* interfaces[i] of a pcapng section: its link type and seconds per time stamp unit; 0 when
 * there is no such interface or the entry is not what pcap_file made (Python decides). */
static int interface(PyObject *interfaces, uint32_t i, long *linktype, double *unit)
{
    if (i >= (uint64_t)PyList_GET_SIZE(interfaces))
        return 0;
    PyObject *it = PyList_GET_ITEM(interfaces, i);
    if (!PyTuple_Check(it) || PyTuple_GET_SIZE(it) != 2 || !PyLong_Check(PyTuple_GET_ITEM(it, 0))
        || !PyFloat_Check(PyTuple_GET_ITEM(it, 1)))
        return 0;
    *linktype = PyLong_AsLong(PyTuple_GET_ITEM(it, 0));
    *unit = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(it, 1));
    return PyErr_Occurred() ? (PyErr_Clear(), 0) : 1;
}

/* scan_ng(buf, off, packets, bytes_read, max_bytes, interfaces, ctx) ->
 *   (off, packets, bytes_read, first_ts, last_ts, frame)
 * pcapng's Enhanced Packet Blocks from `off`, while whole ones are in `buf` and the budget
 * lasts, as pcap_file._pcapng reads them (ctx's byte order; its link type unused: each
 * packet's comes from `interfaces`). Any other block, or one pcap_file would write a note
 * about, stops the loop there: Python reads it. `frame` as for scan. */
static PyObject *scan_ng(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
    (void)mod;
    Ctx c;
    if (nargs != 7 || !PyBytes_Check(args[0]) || !PyList_Check(args[5])) {
        PyErr_SetString(PyExc_TypeError, "scan_ng(bytes, off, packets, bytes_read, max_bytes, "
                                         "list, ctx)");
        return NULL;
    }
    Py_ssize_t off = PyLong_AsSsize_t(args[1]), packets = PyLong_AsSsize_t(args[2]);
    Py_ssize_t bytes_read = PyLong_AsSsize_t(args[3]), max_bytes = PyLong_AsSsize_t(args[4]);
    double first = 0.0, last = 0.0;
    if (PyErr_Occurred() || read_ctx(args[6], &c) < 0)
        return NULL;
    const unsigned char *buf = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    Py_ssize_t n = PyBytes_GET_SIZE(args[0]);
    int seen = 0;
    PyObject *handed = NULL;
    while (bytes_read < max_bytes && off >= 0 && n - off >= 8) {
        const unsigned char *h = buf + off;
        uint32_t length = u32(h + 4, c.big);
        if (u32(h, c.big) != 6 || length < 12 || length > MAX_BLOCK || length % 4
            || (Py_ssize_t)length > n - off)
            break; /* not an EPB, impossible, or not all here: Python reads it */
        const unsigned char *body = h + 8;
        uint32_t blen = length - 12; /* without the trailing copy of the length */
        long linktype = 0;
        double unit = 0.0;
        if (blen >= 20) {
            uint32_t caplen = u32(body + 12, c.big);
            if (caplen > blen - 20 || !interface(args[5], u32(body, c.big), &linktype, &unit))
                break; /* a corrupt packet block: Python notes it */
        }
        off += length;
        bytes_read += length;
        if (blen < 20)
            continue; /* too short to hold a packet: skipped, as pcap_file skips it */
        uint32_t caplen = u32(body + 12, c.big), origlen = u32(body + 16, c.big);
        uint64_t stamp = (uint64_t)u32(body + 4, c.big) << 32 | u32(body + 8, c.big);
        double ts = (double)stamp * unit;
        if (!(ts >= 0.0 && ts < TS_END))
            ts = 0.0;
        first = seen ? first : ts;
        seen = 1;
        last = ts;
        packets++;
        c.linktype = linktype;
        int r = frame(&c, body + 20, (Py_ssize_t)caplen, ts, packets, caplen < origlen);
        if (r < 0)
            return NULL;
        if (r == 0) {
            handed = Py_BuildValue("(ndlNO)", packets, ts, linktype,
                                   PyBytes_FromStringAndSize((const char *)body + 20, caplen),
                                   caplen < origlen ? Py_True : Py_False);
            if (handed == NULL)
                return NULL;
            break;
        }
    }
    PyObject *f = seen ? PyFloat_FromDouble(first) : Py_NewRef(Py_None);
    PyObject *l = seen ? PyFloat_FromDouble(last) : Py_NewRef(Py_None);
    return Py_BuildValue("(nnnNNN)", off, packets, bytes_read, f, l,
                         handed != NULL ? handed : Py_NewRef(Py_None));
}

/* ---- Framing a segment that is whole TLS records (pcap_tls._whole_records), and a record
 * that is whole handshake messages (pcap_tls._whole_messages). The same lists or None, so
 * pcap_tls reads them as it reads its Python twins' (round 22b: ~23,000 calls on the
 * handshake-heavy capture, each a loop of slices and tuples in Python). */

/* A frame's header: a record's (5 bytes) or a handshake message's (4). */
static inline long frame_body(const unsigned char *h, Py_ssize_t head)
{
    /* record: type, version, 16-bit length; handshake message: type, 24-bit length */
    return head == 5 ? (long)be16(h + 3) : (long)(be32(h) & 0xFFFFFF);
}

static inline int frame_ok(const unsigned char *h, Py_ssize_t head, unsigned long long types,
                           long length, long cap)
{
    if (head == 5 && (h[0] >= 64 || !(types >> h[0] & 1) || h[1] != 3))  /* major version 3 */
        return 0;
    return length <= cap;
}

/* The framing both share: `p` exactly a run of frames, each a header of `head` bytes
 * (the frame's type in its first byte) and the body its length field gives, every header
 * passing its checks; None otherwise. First pass: check and count; the list is made only for
 * a run that passes. Records (head 5) carry the bytes after each one, messages (head 4) do
 * not. Inlined into each caller with `head` constant, so each keeps its own loop. */
static inline PyObject *frames(const unsigned char *p, Py_ssize_t n, Py_ssize_t head,
                               unsigned long long types, long cap)
{
    Py_ssize_t pos = 0, count = 0;
    while (pos < n) {
        if (n - pos < head)
            Py_RETURN_NONE;
        long length = frame_body(p + pos, head);
        if (!frame_ok(p + pos, head, types, length, cap) || length > n - pos - head)
            Py_RETURN_NONE;
        pos += head + length;
        count++;
    }
    PyObject *out = PyList_New(count);
    if (out == NULL)
        return NULL;
    pos = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t length = frame_body(p + pos, head), end = pos + head + length;
        PyObject *body = PyBytes_FromStringAndSize((const char *)p + pos + head, length);
        PyObject *item = head == 5 ? Py_BuildValue("(iNn)", (int)p[pos], body, n - end)
                                   : Py_BuildValue("(iN)", (int)p[pos], body);
        if (item == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, item);
        pos = end;
    }
    return out;
}

/* tls_records(payload, types, max_len): [(content type, fragment, bytes after it)] when
 * payload is exactly a run of records whose type is a bit of `types`, major version 3 and
 * length <= max_len; None otherwise. */
static PyObject *tls_records(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 3 || !PyBytes_Check(args[0]) || !PyLong_Check(args[1]) || !PyLong_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "tls_records(payload: bytes, types: int, max_len: int)");
        return NULL;
    }
    unsigned long long types = PyLong_AsUnsignedLongLongMask(args[1]);
    long max_len = PyLong_AsLong(args[2]);
    if (max_len == -1 && PyErr_Occurred())
        return NULL;
    return frames((const unsigned char *)PyBytes_AS_STRING(args[0]), PyBytes_GET_SIZE(args[0]),
                  5, types, max_len);
}

/* hs_messages(frag, cap): [(type, body)] when frag is exactly whole handshake messages
 * (4-byte header: type, 24-bit length) each no longer than cap; None otherwise. */
static PyObject *hs_messages(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 2 || !PyBytes_Check(args[0]) || !PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "hs_messages(frag: bytes, cap: int)");
        return NULL;
    }
    long cap = PyLong_AsLong(args[1]);
    if (cap == -1 && PyErr_Occurred())
        return NULL;
    return frames((const unsigned char *)PyBytes_AS_STRING(args[0]), PyBytes_GET_SIZE(args[0]),
                  4, 0, cap);
}

/* hello_key(body, client, hrr_random, volatile) -> bytes or None: hello_cache._hello_key, a
 * ClientHello's (client true) or ServerHello's body without its per-connection bytes (the
 * random as one byte, 1 when it is hrr_random; the data of extensions whose type's bit is
 * set in the bitmap `volatile`), or None when its framing does not add up. */
static PyObject *hello_key(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 4 || !PyBytes_Check(args[0]) || !PyBytes_Check(args[2])
        || PyBytes_GET_SIZE(args[2]) != 32 || !PyBytes_Check(args[3])
        || PyBytes_GET_SIZE(args[3]) != 8192) {
        PyErr_SetString(PyExc_TypeError,
                        "hello_key(body: bytes, client, hrr_random: 32 bytes, volatile: 8192 bytes)");
        return NULL;
    }
    int client = PyObject_IsTrue(args[1]);
    if (client < 0)
        return NULL;
    const unsigned char *b = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    const unsigned char *vol = (const unsigned char *)PyBytes_AS_STRING(args[3]);
    Py_ssize_t n = PyBytes_GET_SIZE(args[0]);
    if (n < 35)
        Py_RETURN_NONE;
    Py_ssize_t pos = 35 + b[34], first, stop;
    if (client) {
        if (pos + 2 > n)
            Py_RETURN_NONE;
        Py_ssize_t suites_end = pos + 2 + be16(b + pos);
        if (suites_end + 1 > n)
            Py_RETURN_NONE;
        Py_ssize_t comp_end = suites_end + 1 + b[suites_end];
        if (comp_end > n)
            Py_RETURN_NONE;
        first = pos, stop = comp_end;
    } else {
        if (pos + 3 > n)
            Py_RETURN_NONE;
        first = pos, stop = pos + 3;
    }
    pos = stop;
    /* The key is never longer than the body (one byte stands for the 32 of the random). */
    unsigned char *out = PyMem_Malloc((size_t)n);
    if (out == NULL)
        return PyErr_NoMemory();
    Py_ssize_t len = 0;
    memcpy(out, b, 2);
    out[2] = memcmp(b + 2, PyBytes_AS_STRING(args[2]), 32) == 0;
    out[3] = b[34];
    len = 4;
    memcpy(out + len, b + first, (size_t)(stop - first));
    len += stop - first;
    int ok = 1;
    if (pos != n) {
        Py_ssize_t end = pos + 2 <= n ? pos + 2 + be16(b + pos) : -1;
        if (end != n) {
            ok = 0; /* no room for the block's length, trailing bytes or a short block */
        } else {
            Py_ssize_t run = pos;
            pos += 2;
            while (pos < end) {
                if (pos + 4 > end) {
                    ok = 0;
                    break;
                }
                uint32_t type = be16(b + pos);
                Py_ssize_t data_end = pos + 4 + be16(b + pos + 2);
                if (data_end > end) {
                    ok = 0;
                    break;
                }
                if (vol[type >> 3] >> (type & 7) & 1) { /* its type and length stay, its data not */
                    memcpy(out + len, b + run, (size_t)(pos + 4 - run));
                    len += pos + 4 - run;
                    run = data_end;
                }
                pos = data_end;
            }
            if (ok) {
                memcpy(out + len, b + run, (size_t)(end - run));
                len += end - run;
            }
        }
    }
    PyObject *key = ok ? PyBytes_FromStringAndSize((const char *)out, len) : Py_NewRef(Py_None);
    PyMem_Free(out);
    return key;
}

/* A growing ASCII text (history_text's). */
typedef struct {
    char *p;
    Py_ssize_t len, cap;
} Text;

static int put(Text *t, const char *s, Py_ssize_t n)
{
    if (t->len + n > t->cap) {
        Py_ssize_t cap = t->cap ? t->cap : 1024;
        while (cap < t->len + n)
            cap *= 2;
        char *p = PyMem_Realloc(t->p, (size_t)cap);
        if (p == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, (size_t)n);
    t->len += n;
    return 0;
}

#define PUT(t, lit) put((t), (lit), (Py_ssize_t)sizeof(lit) - 1)

/* The text written (ok 1), None (ok 0: left to the Python writer) or NULL (ok -1, raised);
 * the buffer freed. */
static PyObject *finish_text(Text *t, int ok)
{
    PyObject *out = NULL;
    if (ok == 1) {
        out = PyUnicode_New(t->len, 127);
        if (out != NULL)
            memcpy(PyUnicode_1BYTE_DATA(out), t->p, (size_t)t->len);
    }
    else if (ok == 0)
        out = Py_NewRef(Py_None);
    PyMem_Free(t->p);
    return out;
}

/* An ASCII str's characters appended: 1; 0 when it is not an ASCII str; -1 on error. */
static int put_ascii(Text *t, PyObject *s)
{
    if (s == NULL)
        return -1;
    if (!PyUnicode_CheckExact(s) || !PyUnicode_IS_ASCII(s))
        return 0;
    return put(t, (const char *)PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s)) < 0 ? -1 : 1;
}

/* A repr (float or int: ASCII digits) appended; the reference is taken. */
static int put_repr(Text *t, PyObject *r)
{
    int got = put_ascii(t, r);
    Py_XDECREF(r);
    return got;
}

/* A str's JSON text appended: strings[s] when it is a non-empty str (json_text's cache),
 * else escape(s) (json_text._string_text); as `strings.get(s) or _string_text(s)`. */
static int put_string(Text *t, PyObject *s, PyObject *strings, PyObject *escape)
{
    PyObject *got = PyDict_GetItemWithError(strings, s);  /* borrowed */
    if (got == NULL && PyErr_Occurred())
        return -1;
    if (got != NULL && PyUnicode_CheckExact(got) && PyUnicode_GET_LENGTH(got) > 0)
        return put_ascii(t, got);
    if (got != NULL) {
        int truth = PyObject_IsTrue(got);
        if (truth != 0)  /* a value of another kind: left to the Python writer */
            return truth < 0 ? -1 : 0;
    }
    return put_repr(t, PyObject_CallOneArg(escape, s));
}

/* float.__repr__(o)'s text appended. A float of at most three decimals (a capture's times in
 * ms are rounded so) is written from its thousandths when that text reads back as the same
 * double: with at most 15 significant digits no other text of that few digits does, so it is
 * the shortest one, the one repr writes (in fixed notation from 1e-4 to 1e16). Any other
 * float through repr itself (the decimal conversion costs ~2,400 instructions). */
static int put_float(Text *t, PyObject *o)
{
    double d = PyFloat_AS_DOUBLE(o), a = fabs(d);
    if (a >= 1e-3 && a < 1e12) {
        long long m = llround(a * 1000.0);
        char buf[40], digits[24];
        int n = 0, k = 0, dec = 3;
        long long fp = m % 1000, ip = m / 1000;
        if (d < 0)
            buf[n++] = '-';
        do {
            digits[k++] = (char)('0' + ip % 10);
            ip /= 10;
        } while (ip);
        while (k)
            buf[n++] = digits[--k];
        buf[n++] = '.';
        while (dec > 1 && fp % 10 == 0) {
            fp /= 10;
            dec--;
        }
        for (int i = dec - 1; i >= 0; i--) {
            buf[n + i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        n += dec;
        buf[n] = '\0';
        double back = PyOS_string_to_double(buf, NULL, NULL);
        if (back == -1.0 && PyErr_Occurred())
            return -1;
        if (back == d)
            return put(t, buf, n) < 0 ? -1 : 1;
    }
    return put_repr(t, PyFloat_Type.tp_repr(o));
}

static const char *const STEP_KEYS[] = {"t_ms", "packet", "by", "what"};

/* The number of values of a history step of a usual shape (4 to 6), each in v with its key's
 * name in names: a dict whose keys are exactly the str "t_ms", "packet", "by", "what", then
 * "records" and/or "bytes", in that order, with a finite float, an int, two str and ints
 * (exact types); 0 for anything else. */
static Py_ssize_t usual_step(PyObject *h, PyObject **v, const char **names)
{
    Py_ssize_t n = PyDict_CheckExact(h) ? PyDict_GET_SIZE(h) : 0;
    if (n < 4 || n > 6)
        return 0;
    PyObject *key, *value;
    Py_ssize_t pos = 0, k = 0;
    while (PyDict_Next(h, &pos, &key, &value)) {  /* in insertion order */
        const char *want = k < 4 ? STEP_KEYS[k] : (n == 5 ? NULL : (k == 4 ? "records" : "bytes"));
        if (!PyUnicode_CheckExact(key))
            return 0;
        if (want == NULL)  /* a fifth key of five: "records" or "bytes" */
            want = PyUnicode_CompareWithASCIIString(key, "records") == 0 ? "records" : "bytes";
        if (PyUnicode_CompareWithASCIIString(key, want) != 0)
            return 0;
        names[k] = want;
        v[k++] = value;
    }
    if (!PyFloat_CheckExact(v[0]) || !isfinite(PyFloat_AS_DOUBLE(v[0])) || !PyLong_CheckExact(v[1])
        || !PyUnicode_CheckExact(v[2]) || !PyUnicode_CheckExact(v[3]))
        return 0;
    for (Py_ssize_t j = 4; j < n; j++)
        if (!PyLong_CheckExact(v[j]))
            return 0;
    return n;
}

/* history_text(steps, indent, strings, escape) -> str or None: what json_text.steps_text
 * writes for a capture's history when every step has a usual shape (usual_step). None for
 * anything else (a list that is empty or holds another step, indent not an ASCII str):
 * steps_text writes it then, as before. */
static PyObject *history_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 4 || !PyDict_CheckExact(args[2]) || !PyCallable_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "history_text(steps: list, indent: str, strings: dict, escape)");
        return NULL;
    }
    PyObject *steps = args[0], *indent = args[1], *strings = args[2], *escape = args[3];
    if (!PyList_CheckExact(steps) || PyList_GET_SIZE(steps) == 0 || !PyUnicode_CheckExact(indent)
        || !PyUnicode_IS_ASCII(indent))
        Py_RETURN_NONE;
    const char *ind = (const char *)PyUnicode_DATA(indent);
    Py_ssize_t ilen = PyUnicode_GET_LENGTH(indent);
    Text t = {NULL, 0, 0};
    int ok = 1;  /* 1 so far; 0 when a step is not a usual one (None); -1 on an error */
    for (Py_ssize_t i = 0; ok == 1 && i < PyList_GET_SIZE(steps); i++) {
        PyObject *v[6];
        const char *names[6];
        Py_ssize_t n = usual_step(PyList_GET_ITEM(steps, i), v, names);
        if (n == 0) {
            ok = 0;
            break;
        }
        /* {\n<deep>"t_ms": T,\n<deep>"packet": P,\n<deep>"by": B,\n<deep>"what": W
         *  [,\n<deep>"records": R][,\n<deep>"bytes": N]\n<inner>} */
        if ((i == 0 ? PUT(&t, "[\n") : PUT(&t, ",\n")) < 0 || put(&t, ind, ilen) < 0
            || PUT(&t, "  {") < 0) {
            ok = -1;
            break;
        }
        for (Py_ssize_t j = 0; ok == 1 && j < n; j++) {
            if ((j == 0 ? PUT(&t, "\n") : PUT(&t, ",\n")) < 0 || put(&t, ind, ilen) < 0
                || PUT(&t, "    \"") < 0 || put(&t, names[j], (Py_ssize_t)strlen(names[j])) < 0
                || PUT(&t, "\": ") < 0) {
                ok = -1;
                break;
            }
            if (j == 0)
                ok = put_float(&t, v[0]);
            else if (j == 2 || j == 3)
                ok = put_string(&t, v[j], strings, escape);
            else
                ok = put_repr(&t, PyLong_Type.tp_repr(v[j]));
        }
        if (ok == 1 && (PUT(&t, "\n") < 0 || put(&t, ind, ilen) < 0 || PUT(&t, "  }") < 0))
            ok = -1;
    }
    if (ok == 1 && (PUT(&t, "\n") < 0 || put(&t, ind, ilen) < 0 || PUT(&t, "]") < 0))
        ok = -1;
    return finish_text(&t, ok);
}

/* A listed connection's JSON (round 23): json_text's writer for the plain values it is made
 * of. Each function gives 1 (written), 0 (a value of another kind: the caller gives None and
 * json_text's Python writer writes the whole, as before) or -1 (an error, raised). */
typedef struct {
    PyObject *strings, *string_text, *keys, *key_text;  /* json_text's caches and writers */
} Json;

static const char SPACES[] = "                                                                ";

/* The indentation: the caller's ASCII indent, then two spaces per level. */
static int put_indent(Text *t, const char *base, Py_ssize_t blen, int level)
{
    if (put(t, base, blen) < 0)
        return -1;
    for (Py_ssize_t n = 2 * (Py_ssize_t)level; n > 0; n -= (Py_ssize_t)sizeof(SPACES) - 1)
        if (put(t, SPACES, n < (Py_ssize_t)sizeof(SPACES) - 1 ? n : (Py_ssize_t)sizeof(SPACES) - 1) < 0)
            return -1;
    return 0;
}

/* json_text._value(o, indent) for a str, int, float, None, bool, or an exact dict (str keys),
 * list or tuple of them, nested at most 32 deep. */
static int put_value(Text *t, PyObject *o, const char *base, Py_ssize_t blen, int level,
                     const Json *j)
{
    if (PyUnicode_CheckExact(o))
        return put_string(t, o, j->strings, j->string_text);
    if (o == Py_None)
        return PUT(t, "null") < 0 ? -1 : 1;
    if (o == Py_True)
        return PUT(t, "true") < 0 ? -1 : 1;
    if (o == Py_False)
        return PUT(t, "false") < 0 ? -1 : 1;
    if (PyLong_CheckExact(o))
        return put_repr(t, PyLong_Type.tp_repr(o));
    if (PyFloat_CheckExact(o)) {
        double d = PyFloat_AS_DOUBLE(o);
        if (isnan(d))
            return PUT(t, "NaN") < 0 ? -1 : 1;
        if (isinf(d))
            return (d > 0 ? PUT(t, "Infinity") : PUT(t, "-Infinity")) < 0 ? -1 : 1;
        return put_float(t, o);
    }
    if (level > 32)
        return 0;
    int ok = 1;
    if (PyDict_CheckExact(o)) {
        if (PyDict_GET_SIZE(o) == 0)
            return PUT(t, "{}") < 0 ? -1 : 1;
        PyObject *k, *v;
        Py_ssize_t pos = 0, i = 0;
        if (PUT(t, "{") < 0)
            return -1;
        while (ok == 1 && PyDict_Next(o, &pos, &k, &v)) {
            if (!PyUnicode_CheckExact(k))
                return 0;
            Py_INCREF(k);
            Py_INCREF(v);
            if ((i++ ? PUT(t, ",\n") : PUT(t, "\n")) < 0 || put_indent(t, base, blen, level + 1) < 0)
                ok = -1;
            if (ok == 1)
                ok = put_string(t, k, j->keys, j->key_text);
            if (ok == 1)
                ok = put_value(t, v, base, blen, level + 1, j);
            Py_DECREF(k);
            Py_DECREF(v);
        }
        if (ok == 1 && (PUT(t, "\n") < 0 || put_indent(t, base, blen, level) < 0 || PUT(t, "}") < 0))
            ok = -1;
        return ok;
    }
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
        Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
        if (n == 0)
            return PUT(t, "[]") < 0 ? -1 : 1;
        if (PUT(t, "[") < 0)
            return -1;
        for (Py_ssize_t i = 0; ok == 1 && i < PySequence_Fast_GET_SIZE(o); i++) {
            PyObject *v = PySequence_Fast_GET_ITEM(o, i);
            Py_INCREF(v);
            if ((i ? PUT(t, ",\n") : PUT(t, "\n")) < 0 || put_indent(t, base, blen, level + 1) < 0)
                ok = -1;
            if (ok == 1)
                ok = put_value(t, v, base, blen, level + 1, j);
            Py_DECREF(v);
        }
        if (ok == 1 && (PUT(t, "\n") < 0 || put_indent(t, base, blen, level) < 0 || PUT(t, "]") < 0))
            ok = -1;
        return ok;
    }
    return 0;
}

/* dict_text(obj, indent, given, strings, string_text, keys, key_text) -> str or None:
 * json_text.dumps_with_list's text of the dict obj (non-empty, exact str keys), a key's
 * value written as given[key] when given has it (a text made elsewhere), the others as
 * json_text._value writes plain values; None when obj holds anything else. */
static PyObject *dict_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 7 || !PyDict_CheckExact(args[2]) || !PyDict_CheckExact(args[3])
        || !PyCallable_Check(args[4]) || !PyDict_CheckExact(args[5]) || !PyCallable_Check(args[6])) {
        PyErr_SetString(PyExc_TypeError, "dict_text(obj: dict, indent: str, given: dict, "
                        "strings: dict, string_text, keys: dict, key_text)");
        return NULL;
    }
    PyObject *obj = args[0], *indent = args[1], *given = args[2];
    Json j = {args[3], args[4], args[5], args[6]};
    if (!PyDict_CheckExact(obj) || PyDict_GET_SIZE(obj) == 0 || !PyUnicode_CheckExact(indent)
        || !PyUnicode_IS_ASCII(indent))
        Py_RETURN_NONE;
    const char *base = (const char *)PyUnicode_DATA(indent);
    Py_ssize_t blen = PyUnicode_GET_LENGTH(indent);
    Text t = {NULL, 0, 0};
    int ok = PUT(&t, "{") < 0 ? -1 : 1;
    PyObject *k, *v;
    Py_ssize_t pos = 0, i = 0;
    while (ok == 1 && PyDict_Next(obj, &pos, &k, &v)) {
        if (!PyUnicode_CheckExact(k)) {
            ok = 0;
            break;
        }
        Py_INCREF(k);
        Py_INCREF(v);
        if ((i++ ? PUT(&t, ",\n") : PUT(&t, "\n")) < 0 || put_indent(&t, base, blen, 1) < 0)
            ok = -1;
        if (ok == 1)
            ok = put_string(&t, k, j.keys, j.key_text);
        PyObject *text = ok == 1 ? PyDict_GetItemWithError(given, k) : NULL;  /* borrowed */
        if (text == NULL && PyErr_Occurred())
            ok = -1;
        else if (ok == 1)
            ok = text != NULL ? put_ascii(&t, text) : put_value(&t, v, base, blen, 1, &j);
        Py_DECREF(k);
        Py_DECREF(v);
    }
    if (ok == 1 && (PUT(&t, "\n") < 0 || put(&t, base, blen) < 0 || PUT(&t, "}") < 0))
        ok = -1;
    return finish_text(&t, ok);
}

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL,
     "Read pcap records from a block; give open connections' segments to the tracker."},
    {"scan_ng", (PyCFunction)(void (*)(void))scan_ng, METH_FASTCALL,
     "The same for pcapng's Enhanced Packet Blocks."},
    {"tls_records", (PyCFunction)(void (*)(void))tls_records, METH_FASTCALL,
     "A segment's whole TLS records as (type, fragment, bytes after), or None."},
    {"hs_messages", (PyCFunction)(void (*)(void))hs_messages, METH_FASTCALL,
     "A record's whole handshake messages as (type, body), or None."},
    {"hello_key", (PyCFunction)(void (*)(void))hello_key, METH_FASTCALL,
     "A hello's body without its per-connection bytes, or None."},
    {"history_text", (PyCFunction)(void (*)(void))history_text, METH_FASTCALL,
     "A listed connection's history as JSON text (json_text.steps_text), or None."},
    {"dict_text", (PyCFunction)(void (*)(void))dict_text, METH_FASTCALL,
     "A listed connection's JSON text (json_text.dumps_with_list), or None."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pcapscan", "The pcap reader's hot loop (docs/pcap-speed.md).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__pcapscan(void) { return PyModule_Create(&module); }
