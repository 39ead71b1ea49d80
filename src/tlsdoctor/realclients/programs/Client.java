// Real Java client for tlsdoctor's real-client harness: HttpsURLConnection with the JDK's
// defaults, trusting the truststore given by -Djavax.net.ssl.trustStore (made with keytool)
// and resolving names through -Djdk.net.hosts.file. One JVM tries every target.
// Usage: java Client TARGETS.txt (lines: NAME HOST PORT)  -> one JSON line per target: {"name","ok","error"}.
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;

public class Client {
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && b.length() < 2000; c = c.getCause()) {
            if (!b.toString().contains(String.valueOf(c.getMessage()))) b.append(" | caused by: ").append(c);
        }
        return b.toString();
    }

    static String attempt(String name, String host, int port) {
        try {
            HttpsURLConnection c = (HttpsURLConnection) new URL("https://" + host + ":" + port + "/").openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(10000);
            c.getResponseCode();
            try (InputStream in = c.getInputStream()) { in.readNBytes(65536); } catch (Exception ignored) { }
            return "{\"name\":" + quote(name) + ",\"ok\":true,\"error\":\"\"}";
        } catch (Throwable e) {
            return "{\"name\":" + quote(name) + ",\"ok\":false,\"error\":" + quote(describe(e)) + "}";
        }
    }

    public static void main(String[] args) throws Exception {
        List<String[]> targets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) targets.add(f);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (String[] t : targets) {
            pool.submit(() -> {
                String line = attempt(t[0], t[1], Integer.parseInt(t[2]));
                synchronized (System.out) { System.out.println(line); System.out.flush(); }
            });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        System.exit(0);
    }
}
