// A Java program as its users write it: HttpsURLConnection with an SSLContext trusting the
// CA file given (TrustFile.java), and e.printStackTrace() on failure, so the output is the
// exception chain as Java prints it (tlsdoctor's client matrix feeds it to explain).
// Usage: java PrintClient URL CA.pem CAP(1.2|-) TIMEOUT_SECONDS
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

public class PrintClient {
    public static void main(String[] args) throws Exception {
        SSLContext ctx = TrustFile.context(args[1], args[2]);
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
