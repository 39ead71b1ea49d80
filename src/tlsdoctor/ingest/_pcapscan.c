/* _pcapscan: the hot loop of `tlsdoctor pcap`, compiled (docs/pcap-speed.md, round 20).
 *
 * One idea: cut classic pcap records out of a block of the file and hand each TCP segment of
 * an already open connection (Ethernet, IPv4 without options) straight to the Python tracker.
 * That loop was about a fifth of a handshake-heavy capture's CPU in Python (rounds 18-19).
 *
 * Why results stay identical to the pure-Python reader: this code consumes exactly the frames
 * that pcap._scan's Ethernet/IPv4 fast path would consume, making the same calls in the same
 * order (tracker.segment, tracker.straggler, looked up in tracker.by_raw). Every other frame
 * (a new connection, a SYN, another link layer, anything odd) is handed back whole and the
 * Python code decides as before. A record that does not fit the buffer or has an impossible
 * length stops the loop: Python's reader writes the note. Bytes are untrusted: every read
 * below is bounded by the record's captured length, which is bounded by the buffer.
 *
 * CPython C API only; built as an optional extension (pyproject.toml). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define MAX_PACKET (256 * 1024) /* pcap_file.MAX_PACKET */
#define TS_END 8589934592.0     /* pcap_file._TS_END: 2**33 s, later stamps are corrupt */

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

/* A frame of an open connection, checked as pcap._scan checks it: tracker.segment(conn,
 * from_a, ts, number, seq, flags, payload, ttl, 0, ack). A closed one: tracker.straggler.
 * 1 consumed, 0 hand it back, -1 error. `hit` is owned by the caller for the call. */
static int deliver(const Ctx *c, PyObject *hit, const unsigned char *d, Py_ssize_t size,
                   double ts, Py_ssize_t number)
{
    uint32_t total = be16(d + 16), frag = be16(d + 20), off_flags = be16(d + 46);
    Py_ssize_t end = 14 + (Py_ssize_t)total < size ? 14 + (Py_ssize_t)total : size;
    Py_ssize_t start = 34 + (Py_ssize_t)(off_flags >> 12) * 4;
    if (d[23] != 6 || frag & 0x3FFF || total < 20 || end < 54 || off_flags < 0x5000
        || (off_flags & 0x12) == 0x02)
        return 0; /* not TCP, a fragment, a broken header or a SYN: Python decides */
    PyObject *conn = PyTuple_GET_ITEM(hit, 0), *second = PyTuple_GET_ITEM(hit, 1);
    if (conn == Py_None) { /* its connection closed: is this a straggler to ignore? */
        PyObject *args[5] = {PyFloat_FromDouble(ts), PyLong_FromSsize_t(number),
                             PyLong_FromUnsignedLong(off_flags), PyBool_FromLong(start < end),
                             Py_NewRef(second)};
        return call(c->straggler, args, 5);
    }
    PyObject *args[10] = {
        Py_NewRef(conn), Py_NewRef(second), PyFloat_FromDouble(ts), PyLong_FromSsize_t(number),
        PyLong_FromUnsignedLong(be32(d + 38)), PyLong_FromUnsignedLong(off_flags & 0x1FF),
        PyBytes_FromStringAndSize((const char *)d + start, start < end ? end - start : 0),
        PyLong_FromUnsignedLong(d[22]), PyLong_FromLong(0), PyLong_FromUnsignedLong(be32(d + 42))};
    return call(c->segment, args, 10) < 0 ? -1 : 1;
}

/* One frame: 1 consumed (given to the tracker, or another reader's), 0 hand it back. */
static int frame(const Ctx *c, const unsigned char *d, Py_ssize_t size, double ts,
                 Py_ssize_t number, int truncated)
{
    /* Ethernet II, IPv4, a 20-byte header; 54 bytes reach the TCP flags. */
    if (c->linktype != 1 || size < 54 || d[12] != 0x08 || d[13] != 0x00 || d[14] != 0x45)
        return 0;
    PyObject *key = PyBytes_FromStringAndSize((const char *)d + 26, 12);
    if (key == NULL)
        return -1;
    PyObject *hit = PyDict_GetItemWithError(c->by_raw, key); /* borrowed */
    Py_DECREF(key);
    if (hit == NULL) {
        if (PyErr_Occurred())
            return -1;
        /* Not open here: another reader's connection (pcap.share_of on the raw bytes)? */
        return c->jobs > 1
               && c->mix[d[28] ^ d[29] ^ d[32] ^ d[33] ^ d[35] ^ d[37]] % c->jobs != c->mine;
    }
    if (truncated || !PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 2)
        return 0;
    Py_INCREF(hit); /* the tracker may replace it in by_raw while we use it */
    int r = deliver(c, hit, d, size, ts, number);
    Py_DECREF(hit);
    return r;
}

/* scan(buf, off, limit, packets, bytes_read, max_bytes, last_sec, whole, ctx) ->
 *   (off, packets, bytes_read, last_sec, whole, first_ts, last_ts, frame)
 * Records starting at `off` up to `limit` (and within the budget) are read; `frame` is the
 * first one handed back, as pcap_file's records() yields it, or None when the loop stopped
 * (limit, budget, or a record that is cut short or impossible: the caller says which).
 * first_ts/last_ts: the time stamps of the first and last record read, None if none. */
static PyObject *scan(PyObject *mod, PyObject *const *args, Py_ssize_t nargs)
{
    (void)mod;
    Ctx c;
    if (nargs != 9 || !PyBytes_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "scan(bytes, off, limit, packets, bytes_read, "
                                         "max_bytes, last_sec, whole, ctx)");
        return NULL;
    }
    Py_ssize_t off = PyLong_AsSsize_t(args[1]), limit = PyLong_AsSsize_t(args[2]);
    Py_ssize_t packets = PyLong_AsSsize_t(args[3]), bytes_read = PyLong_AsSsize_t(args[4]);
    Py_ssize_t max_bytes = PyLong_AsSsize_t(args[5]);
    long long last_sec = PyLong_AsLongLong(args[6]);
    double whole = PyFloat_AsDouble(args[7]), first = 0.0, last = 0.0;
    if (PyErr_Occurred() || read_ctx(args[8], &c) < 0)
        return NULL;
    const unsigned char *buf = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    Py_ssize_t n = PyBytes_GET_SIZE(args[0]);
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

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL,
     "Read pcap records from a block; give open connections' segments to the tracker."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pcapscan", "The pcap reader's hot loop (docs/pcap-speed.md).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__pcapscan(void) { return PyModule_Create(&module); }
