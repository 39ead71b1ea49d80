// A Java program that speaks TLS itself: a JSSE SSLSocket from an SSLContext trusting the
// CA file given (TrustFile.java), with endpoint identification "HTTPS" (host name checked)
// and startHandshake(); e.printStackTrace() on failure shows JSSE's own exception.
// Usage: java PrintSocket PORT CA.pem CAP(1.2|-) TIMEOUT_SECONDS
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

public class PrintSocket {
    public static void main(String[] args) throws Exception {
        SSLContext ctx = TrustFile.context(args[1], args[2]);
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
