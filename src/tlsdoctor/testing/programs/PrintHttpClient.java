// A Java program on the JDK 11+ HTTP client: java.net.http.HttpClient with an SSLContext
// trusting the CA file given (TrustFile.java), and e.printStackTrace() on failure: its
// exceptions differ from HttpsURLConnection's (an IOException or ConnectException wrapping
// the JSSE cause).
// Usage: java PrintHttpClient URL CA.pem CAP(1.2|-) TIMEOUT_SECONDS
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

public class PrintHttpClient {
    public static void main(String[] args) throws Exception {
        SSLContext ctx = TrustFile.context(args[1], args[2]);
        Duration wait = Duration.ofMillis((long) (Double.parseDouble(args[3]) * 1000));
        try {
            HttpClient c = HttpClient.newBuilder().sslContext(ctx)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(wait).build();
            HttpRequest r = HttpRequest.newBuilder(URI.create(args[0])).timeout(wait).build();
            // ofInputStream: the status as soon as the headers arrive (JDK 17 waits for a TLS 1.3
            // close from s_server -www that never ends the body)
            System.out.println(c.send(r, HttpResponse.BodyHandlers.ofInputStream()).statusCode());
            System.exit(0);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
