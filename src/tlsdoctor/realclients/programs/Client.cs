// Real Mono client for tlsdoctor's real-client harness: System.Net.Security.SslStream with
// the runtime's defaults (Mono 6.8: the BTLS provider, its default protocols, no
// validation callback), connected to 127.0.0.1 and authenticating the target's name. The
// private root is trusted the way Mono users add one: cert-sync --user (the driver runs
// it into a private HOME). Usage: mono client.exe TARGETS.txt (lines "name host port");
// prints one line per target: name TAB ok|fail TAB the exception chain.
using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

class Client {
    static string Try(string host, int port) {
        using (var tcp = new TcpClient()) {
            tcp.ReceiveTimeout = tcp.SendTimeout = 10000;
            tcp.Connect("127.0.0.1", port);
            using (var tls = new SslStream(tcp.GetStream())) {
                tls.AuthenticateAsClient(host);
                var ask = Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n");
                tls.Write(ask, 0, ask.Length);
                var buf = new byte[4096];
                int n = tls.Read(buf, 0, buf.Length);
                var got = Encoding.ASCII.GetString(buf, 0, Math.Max(n, 0));
                return got.StartsWith("HTTP/") ? "" : "no HTTP response after the handshake";
            }
        }
    }

    static int Main(string[] args) {
        foreach (var line in File.ReadAllLines(args[0])) {
            var f = line.Split(' ');
            if (f.Length != 3) continue;
            string err;
            try { err = Try(f[1], int.Parse(f[2])); }
            catch (Exception e) {
                var text = new StringBuilder();
                for (Exception x = e; x != null; x = x.InnerException)
                    text.Append(x.GetType().FullName).Append(": ").Append(x.Message).Append(" ---> ");
                err = text.ToString();
            }
            err = err.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
            Console.WriteLine(f[0] + "\t" + (err == "" ? "ok" : "fail") + "\t" + err);
            Console.Out.Flush();
        }
        // Exit, not return: Mono may wait at shutdown for its TLS worker threads.
        Environment.Exit(0);
        return 0;
    }
}
