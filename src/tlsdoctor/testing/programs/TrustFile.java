// What the Print* Java programs share, as their users write it: an SSLContext trusting the
// one CA file given (a KeyStore holding it, through the default TrustManagerFactory), capped
// at TLS 1.2 when the cap is "1.2" ("-": the JDK's default protocols). Compiled with each.
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

final class TrustFile {
    private TrustFile() {
    }

    static SSLContext context(String caFile, String cap) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new FileInputStream(caFile)) {
            trust.setCertificateEntry("root",
                CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance(cap.equals("1.2") ? "TLSv1.2" : "TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
