// A Java program that speaks TLS itself: a JSSE SSLSocket from an SSLContext trusting the
// CA file given, with endpoint identification "HTTPS" (host name checked) and
// startHandshake(); e.printStackTrace() on failure shows JSSE's own exception.
// Usage: java PrintSocket PORT CA.pem CAP(1.2|-) TIMEOUT_SECONDS
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

public class PrintSocket {
    public static void main(String[] args) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new FileInputStream(args[1])) {
            trust.setCertificateEntry("root",
                CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance(args[2].equals("1.2") ? "TLSv1.2" : "TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        int ms = (int) (Double.parseDouble(args[3]) * 1000);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.connect(new InetSocketAddress("localhost", Integer.parseInt(args[0])), ms);
            s.setSoTimeout(ms);
            s.startHandshake();
            System.out.println(s.getSession().getProtocol());
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
