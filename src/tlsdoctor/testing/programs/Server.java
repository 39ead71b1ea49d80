// A small Java SSLServerSocket for tlsdoctor's scenario tests (tlsdoctor.testing.stacks).
// args: port chainPem keyPem(PKCS#8) [suites|-] [needClientAuthCaPem|-] [sniName|-] [trace];
// "trace": a failed handshake is logged as Java prints an uncaught exception (its stack).
// protocols come from -Djdk.tls.server.protocols as an operator would set them.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.security.cert.*;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.*;
import javax.net.ssl.*;

public class Server {
    static boolean trace;

    static byte[] der(String pem, String kind) {
        String body = pem.replaceAll("-----(BEGIN|END) " + kind + "-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    static KeyStore keys(String chain, String key) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Collection<? extends java.security.cert.Certificate> certs;
        try (InputStream in = new FileInputStream(chain)) { certs = cf.generateCertificates(in); }
        byte[] pk = der(Files.readString(Path.of(key)), "PRIVATE KEY");
        String alg = ((X509Certificate) certs.iterator().next()).getPublicKey().getAlgorithm();
        PrivateKey priv = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pk));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", priv, new char[0], certs.toArray(new java.security.cert.Certificate[0]));
        return ks;
    }

    static TrustManager[] trust(String caPem) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        try (InputStream in = new FileInputStream(caPem)) {
            ts.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    public static void main(String[] a) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys(a[1], a[2]), new char[0]);
        boolean clientAuth = a.length > 4 && !a[4].equals("-");
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), clientAuth ? trust(a[4]) : null, null);
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory()
            .createServerSocket(Integer.parseInt(a[0]), 64, java.net.InetAddress.getByName("127.0.0.1"));
        SSLParameters p = ss.getSSLParameters();
        if (a.length > 3 && !a[3].equals("-")) p.setCipherSuites(a[3].split(","));
        if (clientAuth) p.setNeedClientAuth(true);
        if (a.length > 5 && !a[5].equals("-")) p.setSNIMatchers(List.of(SNIHostName.createSNIMatcher(java.util.regex.Pattern.quote(a[5]))));
        ss.setSSLParameters(p);
        trace = a.length > 6 && a[6].equals("trace");
        for (int i = 0; i < 10000; i++) {
            SSLSocket s = (SSLSocket) ss.accept();
            new Thread(() -> serve(s)).start();
        }
    }

    static void serve(SSLSocket s) {
        try (s) {
            s.setSoTimeout(5000);
            s.startHandshake();
            s.getInputStream().read(new byte[4096]);
            s.getOutputStream().write("HTTP/1.0 200 OK\r\nServer: java-tls\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            if (trace) {
                e.printStackTrace();
            } else {
                System.err.println("handshake: " + e);
            }
        }
    }
}
