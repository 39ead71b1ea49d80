// A Java program as its users write it: HttpsURLConnection with an SSLContext trusting the
// CA file given, and e.printStackTrace() on failure, so the output is the exception chain
// as Java prints it (tlsdoctor's client matrix feeds it to explain).
// Usage: java PrintClient URL CA.pem CAP(1.2|-) TIMEOUT_SECONDS
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URL;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

public class PrintClient {
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
        try {
            HttpsURLConnection c = (HttpsURLConnection) new URL(args[0]).openConnection();
            c.setSSLSocketFactory(ctx.getSocketFactory());
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            System.out.println(c.getResponseCode());
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
